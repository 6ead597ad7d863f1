package io.exchangebus.connectors.binance.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.role.ClientOrderIdScheme;
import io.exchangebus.connectors.core.role.ClientOrderIdScheme.Uniqueness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinanceClientOrderIdsTest {
    private static final String NEW_CLIENT_ORDER_ID = "^[.A-Z:/a-z0-9_-]{1,36}$";
    private static final ClientOrderIdScheme SCHEME = BinanceClientOrderIds.SCHEME;

    @ParameterizedTest
    @ValueSource(strings = {"a", "strat-1_order-42", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"})
    void shouldSendAnIdThatFitsAsItIsAndReadItBack(String ours) {
        assertThat(SCHEME.toExchange(ours).value()).isEqualTo(ours).matches(NEW_CLIENT_ORDER_ID);
        assertThat(SCHEME.isDerivable(ours)).isTrue();
        assertThat(SCHEME.derivedOurs(ours)).contains(ours);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "order with spaces", "näive", "a:b/c.d"})
    void shouldSendAnyOtherIdAsTheSameHashWithinBinancesRule(String ours) {
        String theirs = SCHEME.toExchange(ours).value();

        assertThat(theirs).matches(NEW_CLIENT_ORDER_ID).startsWith("eb").hasSize(32).isNotEqualTo(ours);
        assertThat(SCHEME.toExchange(ours).value()).isEqualTo(theirs);
        assertThat(SCHEME.isDerivable(ours)).as("a hash: persisted by the sender").isFalse();
    }

    @Test
    void shouldSendTheIdsOmsServiceSentBeforeTheContractMovedHere() {
        // eb + the first 30 hex digits of SHA-256("order with spaces"), as ClientOrderIds derived it.
        assertThat(SCHEME.toExchange("order with spaces").value())
                .isEqualTo("eb" + sha256Hex("order with spaces").substring(0, 30));
    }

    @Test
    void shouldRefuseAnEmptyIdNamingBinancesRule() {
        assertThat(SCHEME.toExchange("").error().message()).contains("newClientOrderId")
                .contains(NEW_CLIENT_ORDER_ID);
    }

    @Test
    void shouldSayBinanceRefusesASecondOrderOnlyWhileTheFirstIsOpen() {
        assertThat(SCHEME.uniqueness()).isEqualTo(Uniqueness.REFUSED_WHILE_OPEN);
        assertThat(SCHEME.mustLookUpBeforeResend()).isTrue();
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
