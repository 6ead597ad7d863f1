package io.exchangebus.connectors.core.number;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.exchangebus.connectors.core.number.NumberRead.Reason;
import io.exchangebus.connectors.core.number.NumberRead.Refused;
import io.exchangebus.connectors.core.testing.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExactNumbersTest {
    private static final ObjectMapper EXACT = ExactNumbers.exactMapper();

    @ParameterizedTest(name = "{0} -> {1} at scale {2}")
    @CsvSource({
            "0, 0, 0",
            "-0, 0, 0",
            "0e10, 0, 0",
            "0E-400, 0, 18",
            "0.000, 0, 3",
            "007, 7, 0",
            "65000.01000000, 65000.01, 8",
            "1.6e-7, 0.00000016, 8",
            "5e-8, 0.00000005, 8",
            "1E+3, 1000, 0",
            "1e3, 1000, 0",
            "-2.5e-3, -0.0025, 4",
            "2.288e-5, 0.00002288, 8",
            "1.50000000000000000000, 1.5, 18",
            "1e-18, 0.000000000000000001, 18",
            "0.000000000000000001, 0.000000000000000001, 18",
            "1e19, 10000000000000000000, 0",
            "123456789012345678901e-1, 12345678901234567890.1, 1",
            "0.1234567890123456789e1, 1.234567890123456789, 18",
            "99999999999999999999.999999999999999999, 99999999999999999999.999999999999999999, 18",
            "-99999999999999999999.999999999999999999, -99999999999999999999.999999999999999999, 18",
            "12345678901234567890.123456789012345678, 12345678901234567890.123456789012345678, 18",
            "1e000000000000000000000000002, 100, 0",
    })
    void shouldReadExactlyWithTheTextsScaleClampedToTheModel(String text, String expected, int scale) {
        BigDecimal value = ExactNumbers.read("price", text).value();

        assertThat(value).isEqualByComparingTo(expected);
        assertThat(value.scale()).isEqualTo(scale);
        assertThat(ExactNumbers.exactOrNull(text, 0, text.length())).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "+1", ".5", "5.", "-", "--1", "1e", "1e+", "1E-", "NaN", "Infinity",
            "-Infinity", "0x10", "1,5", "1.2.3", "abc", "1e5.5", "1_000", "\uFF11", "1.6e-7\n"})
    void shouldRefuseWhatIsNotAJsonNumberNamingTheField(String text) {
        NumberRead read = ExactNumbers.read("price", text);

        assertThat(read).isEqualTo(new Refused("price", text, Reason.NOT_A_NUMBER));
        assertThat(((Refused) read).message()).startsWith("price: '").endsWith("is not a number");
        assertThat(ExactNumbers.exactOrNull(text, 0, text.length())).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0000000000000000001", "1e-19", "-1.6e-400", "1e-99999999999999999999",
            "1.2345678901234567890123456789e-5", "0.0028213400122472977"})
    void shouldRefuseANonZeroDigitBeyondTheEighteenthDecimalPlace(String text) {
        assertThat(ExactNumbers.read("fee", text)).isEqualTo(new Refused("fee", text, Reason.TOO_MANY_DECIMALS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "100000000000000000000", "1e20", "-1e20", "1e99999999999999999999",
            "123456789012345678901.5"})
    void shouldRefuseMoreThanTwentyIntegerDigits(String text) {
        assertThat(ExactNumbers.read("price", text)).isEqualTo(new Refused("price", text, Reason.BEYOND_RANGE));
    }

    @Test
    void shouldSayInTheRefusalWhichFieldAndWhy() {
        assertThat(((Refused) ExactNumbers.read("price", "1e400")).message())
                .isEqualTo("price: 1e400 is beyond decimal(38,18)");
        assertThat(((Refused) ExactNumbers.read("fee", "1e-19")).message())
                .isEqualTo("fee: 1e-19 has more than 18 decimal places for decimal(38,18)");
        assertThat(((Refused) ExactNumbers.read("amount", (String) null)).message()).isEqualTo("amount is missing");
        assertThat(((Refused) ExactNumbers.read("p", "9".repeat(100))).text()).hasSize(65).endsWith("…");
    }

    @Test
    void shouldKeepNineteenSignificantDigitsOfAJsonNumberWithTheExactMapper() throws IOException {
        String json = "{\"price\":1234567890.123456789,\"fee\":1.6e-7,\"size\":\"0.5\",\"count\":12,\"n\":null}";
        JsonNode exact = EXACT.readTree(json);

        assertThat(ExactNumbers.read("price", exact.get("price")).value())
                .isEqualTo(new BigDecimal("1234567890.123456789"));
        assertThat(ExactNumbers.read("fee", exact.get("fee")).value()).isEqualTo(new BigDecimal("0.00000016"));
        assertThat(ExactNumbers.read("size", exact.get("size")).value()).isEqualTo(new BigDecimal("0.5"));
        assertThat(ExactNumbers.read("count", exact.get("count")).value()).isEqualTo(new BigDecimal("12"));
        assertThat(ExactNumbers.read("n", exact.get("n"))).isEqualTo(new Refused("n", "", Reason.MISSING));
        assertThat(ExactNumbers.read("absent", exact.get("absent"))).isEqualTo(new Refused("absent", "", Reason.MISSING));
        assertThat(ExactNumbers.read("x", exact.path("x"))).isEqualTo(new Refused("x", "", Reason.MISSING));
    }

    @Test
    void shouldRefuseANumberThatTheDefaultMapperAlreadyMadeADouble() throws IOException {
        JsonNode lossy = new ObjectMapper().readTree("{\"price\":1234567890.123456789}");

        NumberRead read = ExactNumbers.read("price", lossy.get("price"));

        assertThat(read).isInstanceOf(Refused.class);
        assertThat(((Refused) read).reason()).isEqualTo(Reason.BINARY_FLOAT);
        assertThat(((Refused) read).message()).startsWith("price: 1.2345678901234567E9 was read as a binary double");
    }

    @Test
    void shouldApplyTheSameRangeToNumbersATreeHolds() {
        JsonNodeFactory nodes = JsonNodeFactory.withExactBigDecimals(true);

        assertThat(ExactNumbers.read("q", nodes.numberNode(new BigDecimal("1.50000000000000000000000"))).value())
                .isEqualTo(new BigDecimal("1.500000000000000000"));
        assertThat(ExactNumbers.read("q", nodes.numberNode(new BigDecimal("1E+3"))).value())
                .isEqualTo(new BigDecimal("1000"));
        assertThat(ExactNumbers.read("q", nodes.numberNode(new BigInteger("123456789012345678901"))))
                .isEqualTo(new Refused("q", "123456789012345678901", Reason.BEYOND_RANGE));
        assertThat(ExactNumbers.read("q", nodes.numberNode(new BigDecimal("1E-19"))))
                .isEqualTo(new Refused("q", "1E-19", Reason.TOO_MANY_DECIMALS));
        assertThat(ExactNumbers.read("q", nodes.numberNode(Long.MIN_VALUE)).value())
                .isEqualTo(BigDecimal.valueOf(Long.MIN_VALUE));
        assertThat(ExactNumbers.read("q", nodes.objectNode())).isEqualTo(new Refused("q", "OBJECT", Reason.NOT_A_NUMBER));
        assertThat(ExactNumbers.read("q", nodes.booleanNode(true))).isEqualTo(new Refused("q", "true", Reason.NOT_A_NUMBER));
    }

    @Test
    void shouldReadTheStreamingParsersCurrentToken() throws IOException {
        String json = "{\"fee\":1.6e-7,\"p\":\"65000.10\",\"big\":1e400,\"n\":null,\"x\":[1]}";
        try (JsonParser p = EXACT.getFactory().createParser(json)) {
            p.nextToken();
            assertThat(next(p, "fee")).isEqualTo(new NumberRead.Exact(new BigDecimal("0.00000016")));
            assertThat(next(p, "p")).isEqualTo(new NumberRead.Exact(new BigDecimal("65000.10")));
            assertThat(ExactNumbers.exactOrNull(p)).isEqualTo(new BigDecimal("65000.10"));
            assertThat(next(p, "big")).isEqualTo(new Refused("big", "1e400", Reason.BEYOND_RANGE));
            assertThat(ExactNumbers.exactOrNull(p)).isNull();
            assertThat(next(p, "n")).isEqualTo(new Refused("n", "", Reason.MISSING));
            assertThat(next(p, "x")).isEqualTo(new Refused("x", "START_ARRAY", Reason.NOT_A_NUMBER));
            assertThat(ExactNumbers.exactOrNull(p)).isNull();
        }
    }

    /** Every number in the Deribit and GRVT samples reads as its own text says, or is refused for > 18 decimals. */
    @Test
    void shouldReadEveryNumberOfTheDeribitAndGrvtFixturesExactly() throws IOException {
        int numbers = 0;
        int refused = 0;
        for (String file : List.of("deribit/nautilus_test_data.jsonl", "deribit/nautilus_test_data_2.jsonl",
                "deribit/ws_notifications.gocryptotrader.jsonl", "deribit/ws_trades_capture.gocryptotrader.jsonl",
                "deribit/xchange_test_resources.jsonl", "grvt/ws_market_data_streams.docs.jsonl",
                "grvt/ws_trading_streams.docs.jsonl", "grvt/rest_trading.docs.jsonl",
                "grvt/rest_market_data.docs.jsonl")) {
            for (String line : Files.readAllLines(Fixtures.path(file))) {
                String raw = EXACT.readTree(line).path("raw").asText();
                try (JsonParser p = EXACT.getFactory().createParser(raw)) {
                    JsonToken t;
                    while ((t = p.nextToken()) != null) {
                        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                            numbers++;
                            refused += checkAgainstBigDecimal(p.getText(), ExactNumbers.read("f", p));
                        } else if (t == JsonToken.VALUE_STRING && p.getText().matches("-?[0-9]+(\\.[0-9]+)?")) {
                            numbers++;
                            refused += checkAgainstBigDecimal(p.getText(), ExactNumbers.read("f", p));
                        }
                    }
                } catch (com.fasterxml.jackson.core.JsonParseException notJson) {
                    // a documentation template that is not JSON (comments, "..."): nothing to read
                }
            }
        }
        assertThat(numbers).isGreaterThan(1000);
        assertThat(refused).as("the 29-digit and 19-decimal precision samples").isBetween(1, 20);
    }

    private static int checkAgainstBigDecimal(String text, NumberRead read) {
        BigDecimal expected = new BigDecimal(text);
        if (expected.signum() != 0 && expected.stripTrailingZeros().scale() > 18) {
            assertThat(read).as(text).isEqualTo(new Refused("f", text, Reason.TOO_MANY_DECIMALS));
            return 1;
        }
        assertThat(read.value()).as(text).isEqualByComparingTo(expected);
        return 0;
    }

    private static NumberRead next(JsonParser p, String field) throws IOException {
        assertThat(p.nextFieldName()).isEqualTo(field);
        p.nextToken();
        return ExactNumbers.read(field, p);
    }
}
