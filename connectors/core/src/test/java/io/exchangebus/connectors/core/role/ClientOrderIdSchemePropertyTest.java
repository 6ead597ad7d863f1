package io.exchangebus.connectors.core.role;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class ClientOrderIdSchemePropertyTest {
    private static final BigInteger LOW = BigInteger.TWO.pow(63);
    private static final BigInteger HIGH = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);

    @Property(tries = 2000)
    void everyDerivedUint64IsInTheClientRangeAndTheSameForTheSameId(@ForAll @StringLength(min = 1, max = 200)
                                                                    String ours) {
        String theirs = ClientOrderIdSchemeTest.UINT64.toExchange(ours).value();

        assertThat(theirs).matches("[0-9]{19,20}");
        assertThat(new BigInteger(theirs)).isBetween(LOW, HIGH);
        assertThat(ClientOrderIdSchemeTest.UINT64.toExchange(new String(ours)).value()).isEqualTo(theirs);
    }

    @Property(tries = 2000)
    void everyLabelFitsSixtyFourCharactersAndIsReadBackWhenDerivable(@ForAll @StringLength(min = 1, max = 200)
                                                                     String ours) {
        ClientOrderIdScheme label = ClientOrderIdSchemeTest.LABEL;
        String theirs = label.toExchange(ours).value();

        assertThat(theirs.length()).isBetween(1, 64);
        assertThat(label.toExchange(ours).value()).isEqualTo(theirs);
        if (label.isDerivable(ours)) {
            assertThat(label.derivedOurs(theirs)).contains(ours);
        }
    }
}
