package io.exchangebus.connectors.grvt.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.connectors.core.ws.FrameText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tokens of a GRVT frame, read from its String and from its UTF-8 bytes: every case runs on both, which must
 * answer alike. What the grammar makes of them is {@code CompactFrameReaderTest}'s.
 */
class FrameCursorTest {

    private static List<FrameCursor> cursors(String text) {
        return List.of(new FrameCursor(FrameText.of(text), 0),
                new FrameCursor(FrameText.of(text.getBytes(StandardCharsets.UTF_8)), 0));
    }

    /** Whether {@code token} reads all of {@code text}, the same from chars and from bytes. */
    private static boolean readsWhole(String text, Predicate<FrameCursor> token) {
        List<Boolean> answers = cursors(text).stream().map(in -> token.test(in) && in.atEnd()).toList();
        assertThat(answers.get(1)).as("from bytes as from chars: " + text).isEqualTo(answers.get(0));
        return answers.get(0);
    }

    @Test
    void shouldReadKeysAndPunctuationInOrder() {
        for (FrameCursor in : cursors("{\"instrument\":\"BTC_USDT_Perp\",\"is_taker_buyer\":true}")) {
            assertThat(in.take('[')).isFalse();
            assertThat(in.take('{') && in.key()).isTrue();
            assertThat(in.is("instrument")).isTrue();
            assertThat(in.is("instrumen")).isFalse();
            assertThat(in.text()).isEqualTo("BTC_USDT_Perp");
            assertThat(in.is("instrument")).as("a value read leaves the key alone").isTrue();
            assertThat(in.take(',') && in.key() && in.is("is_taker_buyer")).isTrue();
            assertThat(in.bool()).isTrue();
            assertThat(in.atEnd()).isFalse();
            assertThat(in.take('}') && in.atEnd()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\\\"b\":", "\"tab\there\":", "\"unterminated", "\"key\"", "x", ""})
    void shouldRefuseKeysWithEscapesControlCharactersOrNoColon(String text) {
        assertThat(readsWhole(text, FrameCursor::key)).isFalse();
    }

    @Test
    void shouldLeaveNonAsciiBytesToTheStringPath() {
        List<FrameCursor> both = cursors("\"BTCÜ\"");
        assertThat(both.get(0).text()).isEqualTo("BTCÜ");
        assertThat(both.get(1).text()).isNull();
    }

    @Test
    void shouldReadTimesInNanosWithinALong() {
        for (FrameCursor in : cursors("\"1700000000123456789\"")) {
            assertThat(in.nanos()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
        }
        assertThat(readsWhole("\"9223372036854775807\"", in -> in.nanos() != null)).isTrue();
        assertThat(readsWhole("\"9223372036854775808\"", in -> in.nanos() != null)).isFalse();
        assertThat(readsWhole("\"\"", in -> in.nanos() != null)).isFalse();
    }

    @Test
    void shouldReadCountsAsNumbersOrStrings() {
        assertThat(readsWhole("12", FrameCursor::count)).isTrue();
        assertThat(readsWhole("\"12\"", FrameCursor::count)).isTrue();
        assertThat(readsWhole("012", FrameCursor::count)).isFalse();
        assertThat(readsWhole("1.5", FrameCursor::count)).isFalse();
        assertThat(readsWhole("1234567890", FrameCursor::count)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"x\"", "-1.5e3", "0", "true", "false"})
    void shouldSkipScalars(String text) {
        assertThat(readsWhole(text, FrameCursor::skipScalar)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "{}", "01", "-", "1e", ""})
    void shouldNotSkipWhatTheTreePathMightReadDifferently(String text) {
        assertThat(readsWhole(text, FrameCursor::skipScalar)).isFalse();
    }

    @Test
    void shouldReadDecimalsInTheirRange() {
        assertThat(readsWhole("\"65000.5\"", in -> in.decimal("price", ValueRange.POSITIVE) != null)).isTrue();
        assertThat(readsWhole("\"0\"", in -> in.decimal("price", ValueRange.POSITIVE) != null)).isFalse();
        assertThat(readsWhole("\"0\"", in -> in.decimal("size", ValueRange.NON_NEGATIVE) != null)).isTrue();
    }
}
