package io.exchangebus.connectors.binance.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tokens of a compact frame, read from a String and from its UTF-8 bytes inside a larger buffer: both cursors
 * must answer alike, so every case runs on both.
 */
class FrameCursorTest {

    /** A cursor over {@code text}, as a String and as bytes with other bytes on both sides. */
    private static List<FrameCursor> cursors(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[utf8.length + 4];
        buffer[0] = '"';
        buffer[1] = '1';
        buffer[buffer.length - 2] = '"';
        buffer[buffer.length - 1] = '9';
        System.arraycopy(utf8, 0, buffer, 2, utf8.length);
        return List.of(FrameCursor.of(text), FrameCursor.of(buffer, 2, utf8.length));
    }

    private static boolean readsWhole(String text, Predicate<FrameCursor> token) {
        List<FrameCursor> both = cursors(text);
        boolean fromChars = token.test(both.get(0)) && both.get(0).atEnd();
        boolean fromBytes = token.test(both.get(1)) && both.get(1).atEnd();
        assertThat(fromBytes).as("bytes as chars: " + text).isEqualTo(fromChars);
        return fromChars;
    }

    @Test
    void shouldReadKeysAndPunctuationInOrder() {
        for (FrameCursor in : cursors("{\"stream\":\"btcusdt@depth\",\"e\":}")) {
            assertThat(in.peek()).isEqualTo('{');
            assertThat(in.eat('[')).isFalse();
            assertThat(in.eat('{')).isTrue();
            assertThat(in.key()).isTrue();
            assertThat(in.is("stream")).isTrue();
            assertThat(in.is("strea")).isFalse();
            assertThat(in.length()).isEqualTo(6);
            assertThat(in.string()).isTrue();
            assertThat(in.text()).isEqualTo("btcusdt@depth");
            assertThat(in.first()).isEqualTo('b');
            assertThat(in.eat(',') && in.key() && in.is("e")).isTrue();
            assertThat(in.atEnd()).isFalse();
            assertThat(in.eat('}')).isTrue();
            assertThat(in.atEnd()).isTrue();
            assertThat(in.peek()).isEqualTo((char) 0);
            assertThat(in.eat('}')).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\\\"b\"", "\"a\\u0041\"", "\"tab\there\"", "\"unterminated", "x", ""})
    void shouldRefuseStringsWithEscapesOrControlCharacters(String text) {
        assertThat(readsWhole(text, FrameCursor::string)).isFalse();
    }

    @Test
    void shouldRefuseNonAsciiBytesButReadNonAsciiChars() {
        List<FrameCursor> both = cursors("\"BTCÜSDT€\"");
        assertThat(both.get(0).string()).isTrue();
        assertThat(both.get(0).text()).isEqualTo("BTCÜSDT€");
        assertThat(both.get(1).string()).as("UTF-8 is left to the general walk").isFalse();
    }

    @ParameterizedTest
    @CsvSource({"0,0", "-7,-7", "123456789012345678,123456789012345678", "-123456789012345678,-123456789012345678"})
    void shouldReadIntegersOfAtMost18Digits(String text, long value) {
        for (FrameCursor in : cursors(text)) {
            assertThat(in.integer()).isTrue();
            assertThat(in.value()).isEqualTo(value);
            assertThat(in.atEnd()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890123456789", "1.5", "1e3", "01", "-", "", "\"1\"", "true"})
    void shouldRefuseAsAnIntegerWhatIsNoneOrTooLong(String text) {
        assertThat(readsWhole(text, FrameCursor::integer)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false", "null", "\"x\"", "0", "-0.5", "1e3", "2E-7", "3.25e+2",
        "12345678901234567890"})
    void shouldReadEveryScalar(String text) {
        assertThat(readsWhole(text, FrameCursor::scalar)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tru", "nul", "01", "1.", "1e", "-", ".5", "[1]", "{}", ""})
    void shouldRefuseWhatIsNoScalar(String text) {
        assertThat(readsWhole(text, FrameCursor::scalar)).isFalse();
    }

    @Test
    void shouldSayWhichKindOfNumberWasRead() {
        for (FrameCursor in : cursors("5,12345678901234567890,1.5")) {
            assertThat(in.scalar() && in.isInteger() && !in.isLongInteger()).isTrue();
            assertThat(in.value()).isEqualTo(5);
            assertThat(in.eat(',') && in.scalar() && !in.isInteger() && in.isLongInteger()).isTrue();
            assertThat(in.eat(',') && in.scalar() && !in.isInteger() && !in.isLongInteger()).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({"65000.01000000,65000.01000000", "0.00000000,0.00000000", "7,7", "-1.5,-1.5",
        "123456789012345678,123456789012345678", "0.12345678901234567,0.12345678901234567"})
    void shouldReadDecimalStringsAtTheirTextsScale(String text, String expected) {
        for (FrameCursor in : cursors("\"" + text + "\"")) {
            BigDecimal d = in.decimalString();
            assertThat(d).isEqualTo(new BigDecimal(expected)); // equals: value and scale
            assertThat(in.atEnd()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\".5\"", "\"5.\"", "\"\"", "\"-\"", "\"1e3\"", "\"1234567890123456789\"",
        "\"0.1234567890123456789\"", "\"1 \"", "1.5", "\"1.5"})
    void shouldRefuseWhatIsNoPlainDecimalStringOf18Digits(String text) {
        for (FrameCursor in : cursors(text)) {
            assertThat(in.decimalString()).as(text).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678", "00000000", "99999999", "1234567/", "1234567:", "/2345678", "123 5678",
        "1234567\u00b0", "\u00b92345678", "ABCDEFGH", "12345678\u00ff", "65000.01", "0.001234", "\"],[\"650",
        "1767\u00ff\u0000\u0001,", "9\u00ba\u0000\u0000\u0000\u0000\u0000\u0000"})
    void shouldCountLeadingDigitsAndTheirValueAsALoopDoes(String text) {
        assertLeadingDigitsAsALoop(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void shouldCountLeadingDigitsForEveryByteValueInEveryPlace() {
        for (int place = 0; place < 8; place++) {
            for (int v = 0; v < 256; v++) {
                byte[] b = "31415926".getBytes(StandardCharsets.US_ASCII);
                b[place] = (byte) v;
                assertLeadingDigitsAsALoop(b);
                for (int later = place + 1; later < 8; later++) {
                    b[later] = (byte) (255 - v); // whatever follows a non-digit must not matter
                }
                assertLeadingDigitsAsALoop(b);
            }
        }
    }

    private static void assertLeadingDigitsAsALoop(byte[] b) {
        long chunk = 0;
        for (int k = 0; k < 8; k++) {
            chunk |= (b[k] & 0xFFL) << (8 * k);
        }
        int digits = 0;
        long value = 0;
        while (digits < 8 && b[digits] >= '0' && b[digits] <= '9') {
            value = value * 10 + (b[digits++] - '0');
        }
        long less = chunk - 0x3030303030303030L;
        assertThat(AsciiDigits.leadingDigits(less)).as(Arrays.toString(b)).isEqualTo(digits);
        if (digits > 0) {
            assertThat(AsciiDigits.digitsValue(less << (64 - 8 * digits))).as(Arrays.toString(b)).isEqualTo(value);
        }
    }

    /** Decimal strings of every length around the eight-digit steps, read as BigDecimal reads their text. */
    @Test
    void shouldReadDecimalStringsOfAnyLengthAsTheirText() {
        assertRandomDecimalStringsReadAsTheirText(19, ",", ',');
    }

    /**
     * The same followed by the rest of a level list, as in a frame: from bytes, a decimal of one to seven integer and
     * up to eight fraction digits is then read by the short path (two 64-bit loads), the others as before.
     */
    @Test
    void shouldReadDecimalStringsInsideAFrameAsTheirText() {
        assertRandomDecimalStringsReadAsTheirText(23, "],[\"65000.01000000\",\"0.1\"]]}}", ']');
    }

    @ParameterizedTest
    @CsvSource({"65000.01000000,65000.01000000", "0.00000000,0.00000000", "1234567.12345678,1234567.12345678",
        "7,7", "0.1,0.1", "12345678.5,12345678.5", "1.123456789,1.123456789", "0000001.00000000,1.00000000"})
    void shouldReadTheUsualShapesOfDecimalStringsWithAFewBytesOrNoneAfterThem(String text, String expected) {
        for (String after : new String[] {"", "]", "]]}}", "]]}}\"\"\"\"\"\"\"\"", ",\"1\"]]}"}) {
            for (FrameCursor in : cursors("\"" + text + "\"" + after)) {
                assertThat(in.decimalString()).as(text + after).isEqualTo(new BigDecimal(expected));
                assertThat(in.peek()).isEqualTo(after.isEmpty() ? (char) 0 : after.charAt(0));
            }
        }
    }

    /**
     * Every count of integer (1 to 9) and fraction digits (none, 1 to 9) followed by 0 to 20 bytes of the frame:
     * from bytes the short path reads them with two loads made at once when 18 bytes are left from the opening quote,
     * with a load after the point otherwise, and the loop beyond its shape; each must read the text's value and scale
     * and stop after the closing quote.
     */
    @Test
    void shouldReadEveryShortShapeWhateverIsLeftOfTheFrameAfterIt() {
        for (int whole = 1; whole <= 9; whole++) {
            for (int fraction = -1; fraction <= 9; fraction++) {
                StringBuilder text = new StringBuilder();
                for (int k = 0; k < whole; k++) {
                    text.append((char) ('1' + (k * 3 + fraction + 9) % 9));
                }
                if (fraction >= 0) {
                    text.append('.');
                    for (int k = 0; k < fraction; k++) {
                        text.append((char) ('0' + (k * 7 + whole) % 10));
                    }
                }
                BigDecimal expected = fraction == 0 ? null : new BigDecimal(text.toString());
                for (int left = 0; left <= 20; left++) {
                    String after = "]\"9.,\"]]}}\"12345678\"".substring(0, left);
                    for (FrameCursor in : cursors("\"" + text + "\"" + after)) {
                        assertThat(in.decimalString()).as(text + " then " + after).isEqualTo(expected);
                        if (expected != null) {
                            assertThat(in.peek()).isEqualTo(left == 0 ? (char) 0 : after.charAt(0));
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"65000.01000000", "\"65000.01000000]]}}}}}}}}}}}", "\"65000.\"]]}}}}}}}}}}}",
        "\"65000x01\"]]}}}}}}}}}}}", "\"6500.01:\"]]}}}}}}}}}}}", "\"0.1234567890123456789\"]]}}}}}}}}}}}"})
    void shouldRefuseBrokenDecimalStringsOfTheUsualShape(String text) {
        for (FrameCursor in : cursors(text)) {
            assertThat(in.decimalString()).as(text).isNull();
        }
    }

    private static void assertRandomDecimalStringsReadAsTheirText(long seed, String after, char next) {
        java.util.Random random = new java.util.Random(seed);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder("\"");
            if (random.nextInt(4) == 0) {
                sb.append('-');
            }
            int whole = random.nextInt(22);
            for (int k = 0; k < whole; k++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
            int fraction = random.nextInt(5) == 0 ? -1 : random.nextInt(22);
            if (fraction >= 0) {
                sb.append('.');
                for (int k = 0; k < fraction; k++) {
                    sb.append((char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextInt(10) == 0 && sb.length() > 1) {
                sb.insert(1 + random.nextInt(sb.length() - 1), "x:/ e".charAt(random.nextInt(5)));
            }
            String text = sb.append('"').toString();
            String inner = text.substring(1, text.length() - 1);
            BigDecimal expected = inner.matches("-?[0-9]+(\\.[0-9]+)?")
                    && inner.replaceAll("[^0-9]", "").length() <= 18 ? new BigDecimal(inner) : null;
            for (FrameCursor in : cursors(text + after)) {
                assertThat(in.decimalString()).as(text).isEqualTo(expected);
                if (expected != null) {
                    assertThat(in.peek()).isEqualTo(next);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1700000000123", "123456789012345678", "12345678", "1234567", "0"})
    void shouldReadLongIntegersAsTheirText(String text) {
        for (FrameCursor in : cursors(text + "}")) {
            assertThat(in.integer()).isTrue();
            assertThat(in.value()).isEqualTo(Long.parseLong(text));
            assertThat(in.peek()).isEqualTo('}');
        }
    }
}
