package io.exchangebus.benchmarks;

import io.exchangebus.connectors.core.book.BookMessage;
import io.exchangebus.connectors.core.book.PreviousIdLinkRule;
import io.exchangebus.connectors.core.book.ResubscribingBookFeed;
import io.exchangebus.connectors.grvt.mapping.MarketMapping;
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
 * GRVT's full-depth book as ingest's subscriber keeps it: a compact {@code v1.book.d} frame's UTF-8 bytes to the
 * book's published {@link BookUpdate} delta (core's {@link ResubscribingBookFeed} over a {@link FullBookManager}
 * linking {@code prev_sequence_number}, as {@code GrvtBookFeed} does), by two routes:
 * <ul>
 * <li>{@code straight}: the frame read into core's book terms ({@link MarketMapping#fullBook(byte[])}), what the
 *     subscriber does since 2026-12-08;</li>
 * <li>{@code viaEvent}: the frame mapped to a {@link BookUpdate} first ({@link MarketMapping#normalize(byte[],
 *     Instant)}), taken apart into a diff again ({@link BookMessage#of}), the subscriber's route before.
 *     The event's levels are now made from the reader's, one object more per level than before the change.</li>
 * </ul>
 * The frames are made in setup, in the shape of {@code GrvtMappingBenchmark}'s: sequence 0 (the snapshot) with 20
 * bids and 20 asks, then {@value #DELTAS} deltas, each of 20 bids and 20 asks over a band of 100 prices a side, one
 * level in five removed (size {@code "0"}). An operation is one frame; after the last delta the snapshot comes again.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GrvtBookFeedBenchmark {
    static final int DELTAS = 1023;
    private static final Instant RECEIVED = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final BigDecimal TICK = new BigDecimal("0.01");

    private BookFeedHarness harness;

    @Setup
    public void setUp() {
        harness = new BookFeedHarness("grvt", "BTC_USDT_Perp", "BTC-USDT-PERP", PreviousIdLinkRule.RESTARTING,
                DELTAS + 1, GrvtBookFeedBenchmark::frame);
        harness.check(this::straight, this::viaEvent);
    }

    @TearDown
    public void tearDown() {
        harness.close();
    }

    /** Frame {@code sequence}: the snapshot at 0, else the delta linked to {@code sequence - 1}. */
    static String frame(int sequence) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("{\"stream\":\"v1.book.d\",\"selector\":\"BTC_USDT_Perp@100\",\"sequence_number\":\"")
                .append(sequence).append("\",\"feed\":{\"event_time\":\"").append(1697788800123456789L + sequence)
                .append("\",\"instrument\":\"BTC_USDT_Perp\",\"bids\":[");
        levels(sb, sequence, new BigDecimal("65038.01"), TICK.negate(), 7919L);
        sb.append("],\"asks\":[");
        levels(sb, sequence, new BigDecimal("65038.02"), TICK, 104729L);
        sb.append("]}");
        return (sequence == 0 ? sb : sb.append(",\"prev_sequence_number\":\"").append(sequence - 1).append('"'))
                .append('}').toString();
    }

    private static void levels(StringBuilder sb, int sequence, BigDecimal best, BigDecimal step, long prime) {
        for (int i = 0; i < 20; i++) {
            int rank = sequence == 0 ? i : (int) ((prime * (sequence * 20L + i)) % 100);
            boolean removed = sequence != 0 && i % 5 == 4;
            String size = removed ? "0"
                    : BigDecimal.valueOf(1 + (prime * (sequence + i + 1)) % 50000, 3).toPlainString();
            sb.append(i == 0 ? "" : ",").append("{\"price\":\"")
                    .append(best.add(step.multiply(BigDecimal.valueOf(rank))).toPlainString())
                    .append("\",\"size\":\"").append(size).append("\",\"num_orders\":").append(removed ? 0 : 1 + i % 9)
                    .append('}');
        }
    }

    @Benchmark
    public BookUpdate straight() {
        harness.feed().onMessage(MarketMapping.fullBook(harness.next()).value(), RECEIVED);
        return harness.last();
    }

    @Benchmark
    public BookUpdate viaEvent() {
        harness.feed().onMessage(BookMessage.of((BookUpdate) MarketMapping.normalize(harness.next(), RECEIVED).value()),
                RECEIVED);
        return harness.last();
    }
}
