package io.exchangebus.benchmarks;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.book.BookUpdateMapper;
import io.exchangebus.connectors.core.book.FullBookManager;
import io.exchangebus.connectors.core.book.PreviousIdLinkRule;
import io.exchangebus.connectors.core.book.ResubscribingBookFeed;
import io.exchangebus.events.BookUpdate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the book feed benchmarks share: a full book kept by core's {@link ResubscribingBookFeed} over a
 * {@link FullBookManager}, its published updates counted and the last kept, and the frames made in setup, handed
 * out in a cycle (frame 0 the snapshot, each other linked to the one before).
 */
final class BookFeedHarness implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final byte[][] frames;
    private final ResubscribingBookFeed<String> feed;
    private BookUpdate last;
    private long published;
    private int next;

    BookFeedHarness(String exchange, String symbol, String instrumentId, PreviousIdLinkRule rule, byte[][] frames) {
        this.frames = frames;
        feed = new ResubscribingBookFeed<>(symbol, channel -> CompletableFuture.completedFuture(Result.ok(null)),
                timer);
        feed.bind(new FullBookManager(rule, 10_000, new BookUpdateMapper(exchange, symbol, instrumentId), feed,
                (period, task) -> () -> { }, u -> {
                    last = u;
                    published++;
                }));
        feed.start(true);
        feed.book().attachFullDepth();
    }

    ResubscribingBookFeed<String> feed() {
        return feed;
    }

    /** The next frame of the cycle. */
    byte[] next() {
        byte[] frame = frames[next];
        next = next == frames.length - 1 ? 0 : next + 1;
        return frame;
    }

    /** The update the book published last. */
    BookUpdate last() {
        return last;
    }

    /**
     * Runs each route over three cycles (the JIT's first look at both), and refuses to measure unless both published
     * every frame and ended on the last frame's delta of 20 bids.
     */
    void check(Runnable straight, Runnable viaEvent) {
        for (int i = 0; i < 3 * frames.length; i++) {
            straight.run();
        }
        long before = published;
        for (int i = 0; i < 3 * frames.length; i++) {
            viaEvent.run();
        }
        int lastId = frames.length - 1;
        if (published != 2 * before || last.getBids().size() != 20 || last.getSequence() != lastId
                || last.getPreviousSequence() != lastId - 1) {
            throw new IllegalStateException("the book did not publish every frame: " + published + ", " + last);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
