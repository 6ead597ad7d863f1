package io.exchangebus.connectors.binance.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
}
