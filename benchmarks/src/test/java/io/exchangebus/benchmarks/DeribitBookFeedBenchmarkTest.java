package io.exchangebus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import org.junit.jupiter.api.Test;

/** The benchmark's two routes publish the same book, frame by frame, over more than one snapshot cycle. */
class DeribitBookFeedBenchmarkTest {

    @Test
    void shouldPublishTheSameUpdatesStraightAsThroughTheEvent() {
        DeribitBookFeedBenchmark straight = new DeribitBookFeedBenchmark();
        DeribitBookFeedBenchmark viaEvent = new DeribitBookFeedBenchmark();
        straight.setUp();
        viaEvent.setUp();
        try {
            int snapshots = 0;
            for (int i = 0; i < 2 * (DeribitBookFeedBenchmark.CHANGES + 1) + 7; i++) {
                BookUpdate a = straight.straight();
                BookUpdate b = viaEvent.viaEvent();
                assertThat(a).as("frame %d", i).isEqualTo(b);
                snapshots += a.getKind() == BookUpdateKind.SNAPSHOT ? 1 : 0;
            }
            assertThat(snapshots).as("the snapshot replacing the book each cycle: frames 0, 1024, 2048").isEqualTo(3);
        } finally {
            straight.tearDown();
            viaEvent.tearDown();
        }
    }
}
