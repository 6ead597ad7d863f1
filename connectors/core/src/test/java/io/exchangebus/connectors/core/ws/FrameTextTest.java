package io.exchangebus.connectors.core.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.DecimalText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FrameTextTest {

    private static FrameText bytes(String text) {
        return FrameText.of(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "65000.01000000", "-1.5", "123456789012345678", "1234567890123456789",
        "0.000000000000000001", "0.0000000000000000010", "1e3", "5e-7", "1.6E-7", "5.", ".5", "-", "", "+1", "1.2.3",
        "00.10", "99999999999999999999", "999999999999999999999", "1 ", "١"})
    void shouldReadADecimalFromBytesAsDecimalTextReadsItsString(String text) {
        String framed = "[" + text + "]";
        BigDecimal fromBytes = bytes(framed).decimal(1, framed.length() - 1 - extraBytes(text));
        BigDecimal fromString = DecimalText.parse(framed, 1, framed.length() - 1);
        BigDecimal fromChars = FrameText.of(framed).decimal(1, framed.length() - 1);

        assertThat(fromChars).isEqualTo(fromString);
        if (extraBytes(text) == 0) {
            assertThat(fromBytes).isEqualTo(fromString); // equals: the same value and the same scale
        } else {
            assertThat(fromBytes).as("a non-ASCII digit is no digit").isNull();
        }
    }

    private static int extraBytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length - text.length();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "7", "-42", "1700000000123", "123456789012345678", "-123456789012345678",
        "9223372036854775807"})
    void shouldReadAnIntegerFromBytesAsLongParseLongDoes(String digits) {
        assertThat(bytes(digits).parseLong(0, digits.length())).isEqualTo(Long.parseLong(digits));
        assertThat(FrameText.of(digits).parseLong(0, digits.length())).isEqualTo(Long.parseLong(digits));
    }

    @Test
    void shouldGiveANonAsciiByteAsANegativeNumberSoThatItMatchesNoSyntax() {
        FrameText text = bytes("\"é\"");

        assertThat(text.length()).isEqualTo(4);
        assertThat(text.at(1)).isNegative();
        assertThat(text.at(2)).isNegative();
        assertThat(FrameText.of("\"é\"").at(1)).isEqualTo('é');
    }

    @Test
    void shouldFindWordsAndCharactersInBytesAsInTheString() {
        String frame = "{\"method\":\"subscription\",\"params\":{\"channel\":\"book.X.raw\"}}";
        for (FrameText text : new FrameText[] {bytes(frame), FrameText.of(frame)}) {
            assertThat(text.indexOf("\"params\"", 0)).isEqualTo(frame.indexOf("\"params\""));
            assertThat(text.indexOf("\"nowhere\"", 0)).isEqualTo(-1);
            assertThat(text.indexOf('"', 3)).isEqualTo(frame.indexOf('"', 3));
            assertThat(text.startsWith("{\"method\"", 0)).isTrue();
            assertThat(text.startsWith("}}", frame.length() - 2)).isTrue();
            assertThat(text.startsWith("}}}", frame.length() - 2)).isFalse();
            assertThat(text.text(2, 8)).isEqualTo("method");
            assertThat(text.toString()).isEqualTo(frame);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\\\"y", "x\u0001y", "x\u00e9y", "x\ud83d\ude00y", "xy"})
    void shouldFindAStringsClosingQuoteOnlyWhenNothingInItNeedsDecoding(String inner) {
        String frame = "{\"k\":\"" + inner + "\"}";
        // From bytes only ASCII is read; from chars anything but an escape, a control character or a surrogate.
        boolean ascii = inner.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '\\');
        boolean plainChars = inner.chars().allMatch(c -> c >= 0x20 && c != '\\' && !Character.isSurrogate((char) c));
        for (FrameText text : new FrameText[] {FrameText.of(frame),
                FrameText.of(frame.getBytes(StandardCharsets.UTF_8))}) {
            int end = text.stringEnd(5);
            if (text.isBytes() ? ascii : plainChars) {
                assertThat(end).as("%s", text.isBytes() ? "bytes" : "chars").isEqualTo(frame.lastIndexOf('"'));
            } else {
                assertThat(end).as("%s refused from %s", inner, text.isBytes() ? "bytes" : "chars").isEqualTo(-1);
            }
        }
        assertThat(FrameText.of("{\"k\":\"open").stringEnd(5)).as("no closing quote").isEqualTo(-1);
    }
}
