package io.exchangebus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Each book feed benchmark's two routes publish the same book, frame by frame, over more than one cycle. */
class BookFeedBenchmarksTest {

    @Test
    void shouldPublishTheSameDeribitUpdatesStraightAsThroughTheEvent() {
        DeribitBookFeedBenchmark straight = new DeribitBookFeedBenchmark();
        DeribitBookFeedBenchmark viaEvent = new DeribitBookFeedBenchmark();
        straight.setUp();
        viaEvent.setUp();
        try {
            assertSameUpdates(straight::straight, viaEvent::viaEvent, DeribitBookFeedBenchmark.CHANGES + 1);
        } finally {
            straight.tearDown();
            viaEvent.tearDown();
        }
    }

    @Test
    void shouldPublishTheSameGrvtUpdatesStraightAsThroughTheEvent() {
        GrvtBookFeedBenchmark straight = new GrvtBookFeedBenchmark();
        GrvtBookFeedBenchmark viaEvent = new GrvtBookFeedBenchmark();
        straight.setUp();
        viaEvent.setUp();
        try {
            assertSameUpdates(straight::straight, viaEvent::viaEvent, GrvtBookFeedBenchmark.DELTAS + 1);
        } finally {
            straight.tearDown();
            viaEvent.tearDown();
        }
    }

    /** Two cycles and a few frames: the snapshot that replaces the book comes at frames 0, cycle and 2 × cycle. */
    private static void assertSameUpdates(Supplier<BookUpdate> straight, Supplier<BookUpdate> viaEvent, int cycle) {
        int snapshots = 0;
        for (int i = 0; i < 2 * cycle + 7; i++) {
            BookUpdate a = straight.get();
            assertThat(a).as("frame %d", i).isEqualTo(viaEvent.get());
            snapshots += a.getKind() == BookUpdateKind.SNAPSHOT ? 1 : 0;
        }
        assertThat(snapshots).as("the snapshot replacing the book each cycle").isEqualTo(3);
    }
}
