package io.exchangebus.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a delta of an exchange that links each change to the one before continues its book. */
class BookCheckTest {

    @Test
    void shouldLinkADeribitChangeWhosePreviousIdIsTheLastSequenceThoughItsIdsJump() {
        assertThat(BookCheck.linked(delta(126L, 105L, 126L), 105L)).isTrue();
    }

    @Test
    void shouldBreakOnAPreviousIdThatIsNotTheLastSequence() {
        assertThat(BookCheck.linked(delta(126L, 104L, 126L), 105L)).isFalse();
    }

    @Test
    void shouldBreakOnADeltaBeforeAnySnapshotOrOneThatDoesNotRise() {
        assertThat(BookCheck.linked(delta(3L, 2L, 3L), null)).isFalse();
        assertThat(BookCheck.linked(delta(3L, null, 3L), 3L)).isFalse();
    }

    @Test
    void shouldTakeEverySnapshotAndADeltaWithoutPreviousIdThatRises() {
        BookUpdate snapshot = BookUpdate.newBuilder(delta(0L, null, null)).setKind(BookUpdateKind.SNAPSHOT).build();

        assertThat(BookCheck.linked(snapshot, 42L)).isTrue();
        assertThat(BookCheck.linked(snapshot, null)).isTrue();
        assertThat(BookCheck.linked(delta(1L, null, 1L), 0L)).isTrue();
    }

    private static BookUpdate delta(long sequence, Long previous, Long first) {
        return BookUpdate.newBuilder().setExchange("deribit").setSymbol("BTC-PERPETUAL")
                .setInstrumentId("BTC-USD-PERP").setKind(BookUpdateKind.DELTA).setResync(false).setDepth(0)
                .setSequence(sequence).setPreviousSequence(previous).setFirstSequence(first).setBids(List.of())
                .setAsks(List.of()).setReceiveTime(Instant.now()).build();
    }
}
