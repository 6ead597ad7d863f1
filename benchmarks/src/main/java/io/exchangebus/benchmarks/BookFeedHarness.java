package io.exchangebus.benchmarks;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.book.BookUpdateMapper;
import io.exchangebus.connectors.core.book.FullBookManager;
import io.exchangebus.connectors.core.book.PreviousIdLinkRule;
import io.exchangebus.connectors.core.book.ResubscribingBookFeed;
import io.exchangebus.events.BookUpdate;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntFunction;

/**
 * What the book feed benchmarks share: a full book kept by core's {@link ResubscribingBookFeed} over a
 * {@link FullBookManager}, its published updates counted and the last kept, and the frames made once, as UTF-8
 * bytes, handed out in a cycle (frame 0 the snapshot, each other linked to the one before).
 */
final class BookFeedHarness implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final byte[][] frames;
    private final ResubscribingBookFeed<String> feed;
    private BookUpdate last;
    private long published;
    private int next;

    /**
     * @param frames how many frames a cycle has
     * @param frame  frame {@code i} of the cycle, as the venue sends it
     */
    BookFeedHarness(String exchange, String symbol, String instrumentId, PreviousIdLinkRule rule, int frames,
                    IntFunction<String> frame) {
        this.frames = new byte[frames][];
        for (int i = 0; i < frames; i++) {
            this.frames[i] = frame.apply(i).getBytes(StandardCharsets.UTF_8);
        }
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

    /** The book feed, to hand a frame's message (core's {@code BookMessage}) to. */
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
