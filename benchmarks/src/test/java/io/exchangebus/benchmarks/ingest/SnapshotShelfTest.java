package io.exchangebus.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SnapshotShelfTest {
    /** Book 0 (BTCUSDT): snapshots at 100, 110, 120; frames 101-105, 106-110, 111-120, 121-125. Book 1: one at 7. */
    private static Recording recording() {
        Recording.Builder builder = new Recording.Builder();
        builder.symbol("BTCUSDT");
        builder.symbol("ETHUSDT");
        builder.snapshot(0, 100, bytes("s100")).snapshot(1, 7, bytes("e7"));
        builder.frame(0, 101, 105, bytes("f1")).frame(1, 8, 9, bytes("g1")).frame(0, 106, 110, bytes("f2"));
        builder.snapshot(0, 110, bytes("s110"));
        builder.frame(0, 111, 120, bytes("f3"));
        builder.snapshot(0, 120, bytes("s120"));
        builder.frame(0, 121, 125, bytes("f4"));
        return builder.build();
    }

    @Test
    void shouldAnswerTheFirstSnapshotBeforeAnyFrameWasSent() {
        SnapshotShelf shelf = new SnapshotShelf(recording());

        assertThat(text(shelf.answer(0, -1))).isEqualTo("s100");
    }

    @Test
    void shouldAnswerTheLatestSnapshotAtOrBeforeTheLastFrameSent() {
        SnapshotShelf shelf = new SnapshotShelf(recording());

        assertThat(text(shelf.answer(0, 105))).isEqualTo("s100");
        assertThat(text(shelf.answer(0, 120))).as("after a gap, later").isEqualTo("s120");
    }

    @Test
    void shouldAnswerTheNextSnapshotWhenABookAsksAgainAtTheSamePlace() {
        SnapshotShelf shelf = new SnapshotShelf(recording());
        shelf.answer(0, 112);

        assertThat(text(shelf.answer(0, 112))).as("s110 could not be used: frames were dropped").isEqualTo("s120");
        assertThat(text(shelf.answer(0, 125))).as("none later: the last").isEqualTo("s120");
    }

    @Test
    void shouldTellWhenEveryBookHasAskedAndCountTheAnswers() {
        SnapshotShelf shelf = new SnapshotShelf(recording());
        shelf.answer(0, 105);

        assertThat(shelf.allAsked()).isFalse();
        assertThat(text(shelf.answer(1, 9))).isEqualTo("e7");
        assertThat(shelf.allAsked()).isTrue();
        assertThat(shelf.answered()).isEqualTo(2);
    }

    @Test
    void shouldMakeGapsOnlyAtFramesEndingWhereALaterSnapshotStartsAndNotAtABooksLastFrame() {
        assertThat(SnapshotShelf.edges(recording())).containsExactly(false, false, true, true, false);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
