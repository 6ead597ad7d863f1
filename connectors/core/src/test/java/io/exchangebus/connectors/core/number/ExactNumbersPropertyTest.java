package io.exchangebus.connectors.core.number;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.number.NumberRead.Reason;
import io.exchangebus.connectors.core.number.NumberRead.Refused;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Every textual form of a value within decimal(38,18) reads back equal; every value beyond it is refused. */
class ExactNumbersPropertyTest {
    private static final ObjectMapper EXACT = ExactNumbers.exactMapper();
    private static final BigInteger MAX_UNSCALED = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);

    @Property(tries = 2000)
    void shouldReadEveryFormOfAValueWithinTheModelBackEqual(@ForAll("withinModel") BigDecimal value,
                                                            @ForAll @IntRange(min = -45, max = 45) int exponent,
                                                            @ForAll @IntRange(min = 0, max = 25) int extraZeros)
            throws IOException {
        for (String text : forms(value, exponent, extraZeros)) {
            assertThat(ExactNumbers.read("price", text).value()).as(text).isEqualByComparingTo(value);
            assertThat(readNumberToken(text)).as("number token " + text).isEqualByComparingTo(value);
            assertThat(ExactNumbers.read("price", EXACT.readTree("{\"p\":" + text + "}").get("p")).value())
                    .as("number node " + text).isEqualByComparingTo(value);
            assertThat(ExactNumbers.read("price", EXACT.readTree("{\"p\":\"" + text + "\"}").get("p")).value())
                    .as("string node " + text).isEqualByComparingTo(value);
        }
    }

    @Property(tries = 1000)
    void shouldGiveAScaleWithinTheModel(@ForAll("withinModel") BigDecimal value,
                                        @ForAll @IntRange(min = -45, max = 45) int exponent) {
        BigDecimal read = ExactNumbers.read("price", scientific(value, exponent, 0, 'e')).value();

        assertThat(read.scale()).isBetween(0, 18);
        assertThat(read.precision() - read.scale()).isLessThanOrEqualTo(20);
    }

    @Property(tries = 1000)
    void shouldRefuseEveryFormOfAValueBeyondTheIntegerDigitsNamingTheField(
            @ForAll("beyondIntegerDigits") BigDecimal value, @ForAll @IntRange(min = -45, max = 45) int exponent) {
        for (String text : forms(value, exponent, 0)) {
            NumberRead read = ExactNumbers.read("size", text);
            assertThat(read).as(text).isEqualTo(new Refused("size", text, Reason.BEYOND_RANGE));
            assertThat(((Refused) read).message()).startsWith("size: ").endsWith("is beyond decimal(38,18)");
        }
    }

    @Property(tries = 1000)
    void shouldRefuseEveryFormOfAValueWithANonZeroDigitBeyondTheEighteenthPlace(
            @ForAll("tooManyDecimals") BigDecimal value, @ForAll @IntRange(min = -45, max = 45) int exponent) {
        for (String text : forms(value, exponent, 0)) {
            assertThat(ExactNumbers.read("fee", text)).as(text)
                    .isEqualTo(new Refused("fee", text, Reason.TOO_MANY_DECIMALS));
        }
    }

    @Property(tries = 500)
    void shouldAgreeBetweenTheFastPathAndTheFullReader(@ForAll("withinModel") BigDecimal value) {
        String text = value.toPlainString();
        BigDecimal fast = ExactNumbers.plainOrNull(text, 0, text.length());
        if (fast != null) {
            assertThat(fast).isEqualTo(ExactNumbers.exactOrNull(text, 0, text.length())).isEqualTo(value);
        }
    }

    @Provide
    Arbitrary<BigDecimal> withinModel() {
        Arbitrary<BigInteger> unscaled = Arbitraries.bigIntegers().between(MAX_UNSCALED.negate(), MAX_UNSCALED);
        Arbitrary<Integer> decimals = Arbitraries.integers().between(0, 18);
        return Combinators.combine(unscaled, decimals)
                .as((u, d) -> new BigDecimal(u, 18).setScale(d, RoundingMode.DOWN));
    }

    @Provide
    Arbitrary<BigDecimal> beyondIntegerDigits() {
        Arbitrary<BigInteger> integer = Arbitraries.bigIntegers().between(BigInteger.TEN.pow(20), BigInteger.TEN.pow(60));
        Arbitrary<Integer> decimals = Arbitraries.integers().between(0, 30);
        Arbitrary<Integer> fraction = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Boolean> negative = Arbitraries.of(true, false);
        return Combinators.combine(integer, decimals, fraction, negative).as((i, d, f, n) -> {
            BigDecimal magnitude = new BigDecimal(i).add(new BigDecimal(BigInteger.valueOf(f), d));
            return n ? magnitude.negate() : magnitude;
        });
    }

    @Provide
    Arbitrary<BigDecimal> tooManyDecimals() {
        Arbitrary<BigDecimal> base = withinModel();
        Arbitrary<Integer> beyond = Arbitraries.integers().between(19, 60);
        Arbitrary<Long> digit = Arbitraries.longs().between(1, 9);
        return Combinators.combine(base, beyond, digit)
                .as((b, s, d) -> {
                    BigDecimal tiny = BigDecimal.valueOf(d, s);
                    BigDecimal sum = b.signum() < 0 ? b.subtract(tiny) : b.add(tiny);
                    // stay within the integer digits so that only the decimals are at fault
                    return sum.abs().compareTo(BigDecimal.TEN.pow(20)) < 0 ? sum : tiny;
                });
    }

    /** Plain, plain with extra trailing zeros, Java's toString, scientific with e/E and an explicit +. */
    private static List<String> forms(BigDecimal value, int exponent, int extraZeros) {
        List<String> forms = new ArrayList<>();
        forms.add(value.toPlainString());
        forms.add(value.toString());
        forms.add(withZeros(value.toPlainString(), extraZeros));
        forms.add(scientific(value, exponent, extraZeros, 'e'));
        forms.add(scientific(value, -exponent, 0, 'E'));
        if (exponent > 0) {
            forms.add(value.movePointLeft(exponent).toPlainString() + "e+" + exponent);
        }
        return forms;
    }

    /** {@code value} as {@code m e exponent} with {@code m = value / 10^exponent} written plainly. */
    private static String scientific(BigDecimal value, int exponent, int extraZeros, char e) {
        return withZeros(value.movePointLeft(exponent).toPlainString(), extraZeros) + e + exponent;
    }

    private static String withZeros(String plain, int zeros) {
        if (zeros == 0) {
            return plain;
        }
        return (plain.contains(".") ? plain : plain + ".") + "0".repeat(zeros);
    }

    private static BigDecimal readNumberToken(String text) throws IOException {
        try (JsonParser p = EXACT.getFactory().createParser("[" + text + "]")) {
            p.nextToken();
            p.nextToken();
            return ExactNumbers.read("price", p).value();
        }
    }
}
