package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.role.ClientOrderIdScheme;
import io.exchangebus.connectors.core.role.ClientOrderIdScheme.Uniqueness;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OMS's use of an exchange's contract. oms-service compiles against the core only, so the contract here is
 * built with Binance's parameters (the connector's own, {@code BinanceClientOrderIds}, is tested there).
 */
class ClientOrderIdsTest {
    private static final String BINANCE = "[.A-Z:/a-z0-9_-]{1,36}";
    private static final String EXCHANGE = "binance-spot";
    private static final ClientOrderIdScheme SCHEME = ClientOrderIdScheme.passThroughOrHash("binance",
            "newClientOrderId", "^[.A-Z:/a-z0-9_-]{1,36}$", Uniqueness.REFUSED_WHILE_OPEN,
            Pattern.compile("[A-Za-z0-9_-]{1,32}"), "eb", 30);

    @ParameterizedTest
    @ValueSource(strings = {"a", "strat-1_order-42", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"})
    void shouldSendAnIdThatFitsEveryExchangeAsItIs(String ours) {
        assertThat(new ClientOrderIds().toExchange(EXCHANGE, SCHEME, ours).value()).isEqualTo(ours);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "order with spaces", "näive", "a:b/c.d"})
    void shouldDeriveAnIdWithinBinancesRulesFromAnyOther(String ours) {
        ClientOrderIds ids = new ClientOrderIds();

        String theirs = ids.toExchange(EXCHANGE, SCHEME, ours).value();

        assertThat(theirs).matches(BINANCE).startsWith("eb").hasSize(32).isNotEqualTo(ours);
        assertThat(SCHEME.toExchange(ours).value()).isEqualTo(theirs);
        assertThat(ids.toOurs(EXCHANGE, theirs)).isEqualTo(ours);
    }

    @Test
    void shouldDeriveTheSameIdInEveryProcessAndDifferentIdsForDifferentOrders() {
        assertThat(new ClientOrderIds().toExchange(EXCHANGE, SCHEME, "order one").value())
                .isEqualTo(new ClientOrderIds().toExchange(EXCHANGE, SCHEME, "order one").value())
                .isNotEqualTo(new ClientOrderIds().toExchange(EXCHANGE, SCHEME, "order two").value());
    }

    @Test
    void shouldReadOursBackInARestartedProcessFromThePersistedPairOnly() {
        ClientOrderIds.Pair pair = ClientOrderIds.toPersist(EXCHANGE, SCHEME, "order with spaces");
        ClientOrderIds restarted = new ClientOrderIds();

        assertThat(ClientOrderIds.toPersist(EXCHANGE, SCHEME, "strat-1")).as("derived back: nothing to persist")
                .isNull();
        assertThat(restarted.toOurs(EXCHANGE, pair.theirs())).isEqualTo(pair.theirs());
        restarted.remember(pair);
        assertThat(restarted.toOurs(EXCHANGE, pair.theirs())).isEqualTo("order with spaces");
        assertThat(restarted.toOurs("binance-usdm", pair.theirs())).as("per exchange").isEqualTo(pair.theirs());
    }

    @Test
    void shouldRefuseAnIdTheContractCannotTakeNamingTheExchangesRule() {
        var refused = new ClientOrderIds().toExchange(EXCHANGE, SCHEME, "");

        assertThat(refused.isOk()).isFalse();
        assertThat(refused.error().code()).isEqualTo("CLIENT_ORDER_ID");
        assertThat(refused.error().message()).contains("newClientOrderId").contains("^[.A-Z:/a-z0-9_-]{1,36}$");
    }
}
