package io.exchangebus.benchmarks;

import io.exchangebus.connectors.core.book.BookMessage;
import io.exchangebus.connectors.core.book.PreviousIdLinkRule;
import io.exchangebus.connectors.core.book.ResubscribingBookFeed;
import io.exchangebus.connectors.deribit.mapping.MarketMapping;
import io.exchangebus.events.BookUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A Deribit full-depth book as ingest's subscriber keeps it: a {@code book.BTC-PERPETUAL.100ms} notification's
 * UTF-8 bytes to the book's published {@link BookUpdate} delta (core's {@link ResubscribingBookFeed} over a
 * {@link FullBookManager} with {@code prev_change_id} linking), by the two routes:
 * <ul>
 * <li>{@code straight}: the frame read into core's book terms ({@link MarketMapping#fullBook(byte[])}), what the
 *     subscriber does since 2026-12-08;</li>
 * <li>{@code viaEvent}: the frame mapped to a {@link BookUpdate} first ({@link MarketMapping#normalize(byte[],
 *     Instant)}), which is taken apart into a diff again ({@link BookMessage#of}), what it did before.</li>
 * </ul>
 * The frames are made once, in setup: a snapshot of 20 bids and 20 asks, then {@value #CHANGES} changes linked by their
 * ids, each of 20 bids and 20 asks over a band of 100 prices a side ({@code new}, {@code change} and, one in five,
 * {@code delete}), the shape of {@code DeribitMappingBenchmark}'s frame (the ingest throughput run's recorded changes
 * carry about half as many levels). An operation is one frame; after the last change the snapshot comes again and
 * replaces the book, so the chain never breaks and the book stays within the band.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeribitBookFeedBenchmark {
    static final int CHANGES = 1023;
    private static final Instant RECEIVED = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final BigDecimal BEST_BID = new BigDecimal("92283.5");
    private static final BigDecimal BEST_ASK = new BigDecimal("92284.0");
    private static final BigDecimal STEP = new BigDecimal("0.5");

    private BookFeedHarness harness;

    @Setup
    public void setUp() {
        harness = new BookFeedHarness("deribit", "BTC-PERPETUAL", "BTC-USD-PERP", PreviousIdLinkRule.INSTANCE,
                CHANGES + 1, DeribitBookFeedBenchmark::frame);
        harness.check(this::straight, this::viaEvent);
    }

    @TearDown
    public void tearDown() {
        harness.close();
    }

    /** Frame {@code id}: the snapshot at 0, else the change linked to {@code id - 1}. */
    static String frame(int id) {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{")
                .append("\"channel\":\"book.BTC-PERPETUAL.100ms\",\"data\":{\"type\":\"")
                .append(id == 0 ? "snapshot" : "change")
                .append("\",\"timestamp\":").append(1767322924123L + 100L * id)
                .append(id == 0 ? "" : ",\"prev_change_id\":" + (id - 1))
                .append(",\"instrument_name\":\"BTC-PERPETUAL\",\"change_id\":").append(id).append(",\"bids\":[");
        levels(sb, id, BEST_BID, STEP.negate(), 7919L);
        sb.append("],\"asks\":[");
        levels(sb, id, BEST_ASK, STEP, 104729L);
        return sb.append("]}}}").toString();
    }

    private static void levels(StringBuilder sb, int id, BigDecimal best, BigDecimal step, long prime) {
        for (int i = 0; i < 20; i++) {
            int rank = id == 0 ? i : (int) ((prime * (id * 20L + i)) % 100);
            boolean delete = id != 0 && i % 5 == 4;
            String action = id == 0 ? "new" : delete ? "delete" : i % 2 == 0 ? "change" : "new";
            long amount = delete ? 0 : 10L * (1 + (prime * (id + i + 1)) % 50000);
            sb.append(i == 0 ? "" : ",").append("[\"").append(action).append("\",")
                    .append(best.add(step.multiply(BigDecimal.valueOf(rank)))).append(',').append(amount).append(".0]");
        }
    }

    @Benchmark
    public BookUpdate straight() {
        harness.feed().onMessage(MarketMapping.fullBook(harness.next()), RECEIVED);
        return harness.last();
    }

    @Benchmark
    public BookUpdate viaEvent() {
        harness.feed().onMessage(BookMessage.of((BookUpdate) MarketMapping.normalize(harness.next(), RECEIVED).get(0)),
                RECEIVED);
        return harness.last();
    }
}
