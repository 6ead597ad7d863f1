package io.exchangebus.connectors.core.role;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.role.ClientOrderIdScheme.Uniqueness;
import io.exchangebus.events.ErrorKind;
import java.math.BigInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two shapes of contract, with the parameters of the exchanges the venue notes describe (Deribit's label,
 * GRVT's client_order_id); Binance's own scheme is tested in its connector.
 */
class ClientOrderIdSchemeTest {
    /** Deribit: {@code label}, ≤ 64 characters, not unique (venues/deribit.md §8). */
    static final ClientOrderIdScheme LABEL = ClientOrderIdScheme.passThroughOrHash("deribit", "label",
            "at most 64 characters, not unique", Uniqueness.NOT_ENFORCED, Pattern.compile("[\\x21-\\x7E]{1,64}"),
            "eb", 30);
    /** GRVT: {@code client_order_id}, uint64 in [2^63, 2^64−1], unique among open orders (venues/grvt.md). */
    static final ClientOrderIdScheme UINT64 = ClientOrderIdScheme.unsignedHash64("grvt", "client_order_id",
            "uint64 in [2^63, 2^64-1], unique among the sub-account's open orders", Uniqueness.REFUSED_WHILE_OPEN,
            true);
    private static final BigInteger LOW = BigInteger.TWO.pow(63);
    private static final BigInteger HIGH = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);

    @ParameterizedTest
    @ValueSource(strings = {"a", "strat-1_order-42", "a:b/c.d", "0123456789012345678901234567890123456789012345678901234567890123"})
    void shouldSendALabelThatFitsAsItIsAndReadItBack(String ours) {
        assertThat(LABEL.toExchange(ours).value()).isEqualTo(ours);
        assertThat(LABEL.isDerivable(ours)).isTrue();
        assertThat(LABEL.derivedOurs(ours)).contains(ours);
    }

    @ParameterizedTest
    @ValueSource(strings = {"order with spaces", "näive",
            "01234567890123456789012345678901234567890123456789012345678901234"})
    void shouldHashALabelThatDoesNotFitAndSayItMustBePersisted(String ours) {
        String theirs = LABEL.toExchange(ours).value();

        assertThat(theirs).startsWith("eb").hasSize(32).isNotEqualTo(ours);
        assertThat(LABEL.toExchange(ours).value()).as("the same in every process").isEqualTo(theirs);
        assertThat(LABEL.isDerivable(ours)).isFalse();
    }

    @Test
    void shouldSayALabelIsNotUniqueSoAnUncertainOrderIsLookedUpBeforeAResend() {
        assertThat(LABEL.uniqueness()).isEqualTo(Uniqueness.NOT_ENFORCED);
        assertThat(LABEL.mustLookUpBeforeResend()).isTrue();
    }

    @Test
    void shouldRefuseAnEmptyIdNamingTheExchangesRule() {
        var refused = UINT64.toExchange("");

        assertThat(refused.isOk()).isFalse();
        assertThat(refused.error().kind()).isEqualTo(ErrorKind.INVALID_ORDER);
        assertThat(refused.error().code()).isEqualTo("CLIENT_ORDER_ID");
        assertThat(refused.error().message()).contains("grvt client_order_id").contains("[2^63, 2^64-1]");
    }

    @Test
    void shouldDeriveAUint64InTheClientRangeTheSameEveryTime() {
        String theirs = UINT64.toExchange("strat-1_order-42").value();

        assertThat(new BigInteger(theirs)).isBetween(LOW, HIGH);
        assertThat(UINT64.toExchange("strat-1_order-42").value()).isEqualTo(theirs)
                .isNotEqualTo(UINT64.toExchange("strat-1_order-43").value());
    }

    @Test
    void shouldFindAUint64OrderByOurIdButNeverReadOursBackFromIt() {
        String ours = "7";
        String theirs = UINT64.toExchange(ours).value();

        assertThat(UINT64.toExchange(ours).value()).as("the look-up by our id asks for this").isEqualTo(theirs);
        assertThat(UINT64.isDerivable(ours)).isFalse();
        assertThat(UINT64.derivedOurs(theirs)).as("a hash: the pair is persisted by the sender").isEmpty();
        assertThat(UINT64.samePayloadIsDuplicate()).isTrue();
        assertThat(UINT64.mustLookUpBeforeResend()).isTrue();
    }
}
