package io.exchangebus.streams.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text/event-stream encoding, as the HTML standard's event-stream parser reads it. */
class ServerSentEventsTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteTheNameThenTheDataThenABlankLine() {
        assertThat(text(ServerSentEvents.event("changes", "{\"items\":[]}")))
                .isEqualTo("event: changes\ndata: {\"items\":[]}\n\n");
    }

    @Test
    void shouldStartADataLineForEveryLineOfTheData() {
        assertThat(text(ServerSentEvents.event("snapshot", "a\nb\r\nc\rd")))
                .isEqualTo("event: snapshot\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
    }

    @Test
    void shouldKeepAnEmptyLastLineSoThatTheDataEndsWithALineBreak() {
        assertThat(text(ServerSentEvents.event("x", "a\n"))).isEqualTo("event: x\ndata: a\ndata: \n\n");
    }

    @Test
    void shouldEncodeInUtf8() {
        assertThat(ServerSentEvents.event("x", "€")).containsSubsequence((byte) 0xE2, (byte) 0x82, (byte) 0xAC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two\nlines", "cr\r"})
    void shouldRefuseANameThatIsNotOneLine(String name) {
        assertThatThrownBy(() -> ServerSentEvents.event(name, "data")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldWriteAHeartbeatAsACommentOnOneLine() {
        assertThat(text(ServerSentEvents.comment("heart\nbeat"))).isEqualTo(": heart beat\n\n");
    }
}
