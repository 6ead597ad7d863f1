package io.exchangebus.benchmarks;

import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookSide;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.BookSyncListener;
import io.exchangebus.connectors.core.book.BookSynchronizer;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.book.OrderBook;
import io.exchangebus.connectors.core.book.PreviousIdLinkRule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Applying a 20-level diff (10 bids, 10 asks) to a BTCUSDT-like full-depth book of about 1,000 levels (500 a side,
 * prices 65000.xx one tick of 0.01 apart, quantities with up to 8 decimals).
 *
 * <p>The diffs are generated in setup, so parsing and allocating the input is outside the measurement. They come in
 * pairs over a fixed price band: the first of a pair updates 16 levels and removes 4, the second puts the 4 back
 * with new quantities and updates 16 others, so the book stays near 1,000 levels however long the run.
 * {@code applyToBook} measures the {@link OrderBook} alone; {@code applyThroughSynchronizer} adds the sequence check
 * (USD-M {@code pu} link), the counters and a listener call, and allocates one {@link BookDiff} record per
 * operation (a parser allocates it anyway) to give it fresh ids.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BookApplyBenchmark {
    private static final int LEVELS_PER_SIDE = 500;
    private static final BigDecimal TICK = new BigDecimal("0.01");
    private static final BigDecimal BEST_BID = new BigDecimal("65000.00");
    private static final BigDecimal BEST_ASK = new BigDecimal("65000.01");

    /**
     * Diffs cycled through (a power of two). 256 diffs of fresh inputs stay in cache, as a just-parsed diff does;
     * {@code -p diffs=4096} (about 8 MB of inputs) adds the cache misses of reading cold inputs.
     */
    @Param({"256"})
    public int diffs;

    private OrderBook book;
    private BookDiff[] inputs;
    private int next;

    private BookSynchronizer sync;
    private long id;
    private long consumed;

    @Setup(org.openjdk.jmh.annotations.Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        BookSnapshot snapshot = new BookSnapshot(1_000_000L, side(BEST_BID, TICK.negate(), random),
                side(BEST_ASK, TICK, random), null);
        book = new OrderBook();
        book.applyAll(BookSide.BID, snapshot.bids());
        book.applyAll(BookSide.ASK, snapshot.asks());
        if (Integer.bitCount(diffs) != 1 || diffs < 2) {
            throw new IllegalArgumentException("diffs must be a power of two: " + diffs);
        }
        inputs = new BookDiff[diffs];
        for (int i = 0; i < diffs; i += 2) {
            List<Level> removedBids = new ArrayList<>();
            List<Level> removedAsks = new ArrayList<>();
            inputs[i] = diff(random, BEST_BID, TICK.negate(), BEST_ASK, TICK, removedBids, removedAsks, null, null);
            inputs[i + 1] = diff(random, BEST_BID, TICK.negate(), BEST_ASK, TICK, null, null, removedBids, removedAsks);
        }
        sync = new BookSynchronizer(PreviousIdLinkRule.INSTANCE, 1000, new BookSyncListener() {
            @Override
            public void onSnapshot(OrderBook b, long sequence, boolean resync, Instant exchangeTime) {
                consumed += sequence;
            }

            @Override
            public void onDelta(BookDiff diff, OrderBook b) {
                consumed += diff.lastUpdateId();
            }
        }, () -> { }, System::nanoTime);
        sync.start();
        sync.onSnapshot(snapshot);
        id = snapshot.lastUpdateId();
        if (book.depth(BookSide.BID) != LEVELS_PER_SIDE || sync.book().depth(BookSide.ASK) != LEVELS_PER_SIDE) {
            throw new IllegalStateException("setup did not build a 1,000-level book");
        }
    }

    @Benchmark
    public int applyToBook() {
        BookDiff diff = inputs[next++ & (diffs - 1)];
        book.applyAll(BookSide.BID, diff.bids());
        book.applyAll(BookSide.ASK, diff.asks());
        return book.depth(BookSide.BID);
    }

    @Benchmark
    public long applyThroughSynchronizer() {
        BookDiff template = inputs[next++ & (diffs - 1)];
        long previous = id;
        id = previous + 7;
        sync.onDiff(new BookDiff(previous + 1, id, previous, template.bids(), template.asks(), null));
        return consumed;
    }

    /** 500 levels from the best price outwards, quantities with 1 to 8 decimals. */
    private static List<Level> side(BigDecimal best, BigDecimal step, SplittableRandom random) {
        List<Level> levels = new ArrayList<>(LEVELS_PER_SIDE);
        for (int i = 0; i < LEVELS_PER_SIDE; i++) {
            levels.add(new Level(best.add(step.multiply(BigDecimal.valueOf(i))), quantity(random)));
        }
        return levels;
    }

    /**
     * 10 levels a side. When {@code removed*} is given, 2 of them are removals (quantity 0) recorded there; when
     * {@code restore*} is given, those prices come back. Prices favour the top of the book, as real diffs do.
     */
    private static BookDiff diff(SplittableRandom random, BigDecimal bestBid, BigDecimal bidStep,
                                 BigDecimal bestAsk, BigDecimal askStep, List<Level> removedBids,
                                 List<Level> removedAsks, List<Level> restoreBids, List<Level> restoreAsks) {
        return BookDiff.of(0, 0, levels(random, bestBid, bidStep, removedBids, restoreBids),
                levels(random, bestAsk, askStep, removedAsks, restoreAsks), null);
    }

    private static List<Level> levels(SplittableRandom random, BigDecimal best, BigDecimal step,
                                      List<Level> removed, List<Level> restore) {
        List<Level> levels = new ArrayList<>(10);
        if (restore != null) {
            for (Level gone : restore) {
                levels.add(new Level(gone.price(), quantity(random)));
            }
        }
        while (levels.size() < 10) {
            int tick = Math.min(random.nextInt(LEVELS_PER_SIDE), random.nextInt(LEVELS_PER_SIDE));
            BigDecimal price = best.add(step.multiply(BigDecimal.valueOf(tick)));
            boolean taken = false;
            for (Level l : levels) {
                taken |= l.price().compareTo(price) == 0;
            }
            if (restore != null) {
                for (Level l : restore) {
                    taken |= l.price().compareTo(price) == 0;
                }
            }
            if (taken) {
                continue;
            }
            if (removed != null && removed.size() < 2) {
                Level removal = new Level(price, BigDecimal.ZERO.setScale(8));
                removed.add(removal);
                levels.add(removal);
            } else {
                levels.add(new Level(price, quantity(random)));
            }
        }
        return levels;
    }

    /** 0.00000001 to 9.99999999 with 8 decimals, trailing zeros as exchanges send them. */
    private static BigDecimal quantity(SplittableRandom random) {
        return BigDecimal.valueOf(1 + random.nextLong(999_999_999L), 8);
    }
}
