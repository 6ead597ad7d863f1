package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientOrderIdsTest {
    private static final String BINANCE = "[.A-Z:/a-z0-9_-]{1,36}";

    @ParameterizedTest
    @ValueSource(strings = {"a", "strat-1_order-42", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"})
    void shouldSendAnIdThatFitsEveryExchangeAsItIs(String ours) {
        assertThat(new ClientOrderIds().toExchange(ours)).isEqualTo(ours);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "order with spaces", "näive", "a:b/c.d"})
    void shouldDeriveAnIdWithinBinancesRulesFromAnyOther(String ours) {
        ClientOrderIds ids = new ClientOrderIds();

        String theirs = ids.toExchange(ours);

        assertThat(theirs).matches(BINANCE).startsWith("eb").hasSize(32).isNotEqualTo(ours);
        assertThat(ClientOrderIds.derive(ours)).isEqualTo(theirs);
        assertThat(ids.toOurs(theirs)).isEqualTo(ours);
    }

    @Test
    void shouldDeriveTheSameIdInEveryProcessAndDifferentIdsForDifferentOrders() {
        assertThat(new ClientOrderIds().toExchange("order one")).isEqualTo(new ClientOrderIds().toExchange("order one"))
                .isNotEqualTo(new ClientOrderIds().toExchange("order two"));
    }
}
