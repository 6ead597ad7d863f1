package io.exchangebus.connectors.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TopNPublisherTest {
    private static final long MS = 1_000_000L;

    private final AtomicLong nanos = new AtomicLong(5_000 * MS);
    private final List<TopNBook> views = new ArrayList<>();
    private final TopNPublisher publisher = new TopNPublisher(2, Duration.ofMillis(100), nanos::get, views::add);
    private final BookSynchronizer sync = new BookSynchronizer(ContiguousRangeRule.INSTANCE, 100, publisher,
            () -> { }, nanos::get);
    private long nextId = 11;

    private void bid(String price, String quantity) {
        sync.onDiff(BookDiff.of(nextId, nextId, List.of(Level.of(price, quantity)), List.of(), null));
        nextId++;
    }

    private void advanceMillis(long ms) {
        nanos.addAndGet(ms * MS);
        publisher.tick();
    }

    private void synced() {
        sync.start();
        sync.onSnapshot(new BookSnapshot(10, List.of(Level.of("100", "1")), List.of(Level.of("101", "1")), null));
    }

    @Test
    void shouldEmitAtMostOncePerIntervalTheLatestState() {
        synced();
        assertThat(views).hasSize(1);                 // the first view goes out at once

        for (int i = 0; i < 10; i++) {                // 10 changes within 90 ms
            bid("100", "1." + (i + 1));
            advanceMillis(9);
        }
        assertThat(views).hasSize(1);

        advanceMillis(10);                            // 100 ms after the first view
        assertThat(views).hasSize(2);
        assertThat(views.get(1).bids().get(0)).isEqualTo(Level.of("100", "1.10"));
        assertThat(views.get(1).sequence()).isEqualTo(20);

        advanceMillis(500);                           // nothing changed: nothing to say
        assertThat(views).hasSize(2);
    }

    @Test
    void shouldEmitAChangeAtOnceWhenTheIntervalHasAlreadyPassed() {
        synced();
        advanceMillis(150);
        bid("100.5", "2");

        assertThat(views).hasSize(2);
        assertThat(views.get(1).bids()).containsExactly(Level.of("100.5", "2"), Level.of("100", "1"));
    }

    @Test
    void shouldNotEmitWhenTheChangeIsBelowTheTopN() {
        synced();
        bid("99", "1");
        advanceMillis(150);
        assertThat(views).hasSize(2);

        bid("98", "1");                               // third level: outside the top 2
        advanceMillis(150);
        assertThat(views).hasSize(2);
    }

    @Test
    void shouldEmitNothingWhileTheBookIsInvalidAndFlagTheResync() {
        synced();
        bid("100", "2");                              // pending: within the interval
        sync.onDiff(BookDiff.of(nextId + 5, nextId + 5, List.of(Level.of("100", "9")), List.of(), null)); // gap
        advanceMillis(1_000);
        assertThat(views).hasSize(1);

        sync.onSnapshot(new BookSnapshot(nextId + 5, List.of(Level.of("100", "9")), List.of(Level.of("101", "1")),
                null));
        advanceMillis(1);
        assertThat(views).hasSize(2);
        assertThat(views.get(1).resync()).isTrue();
        assertThat(views.get(1).bids()).containsExactly(Level.of("100", "9"));
    }
}
