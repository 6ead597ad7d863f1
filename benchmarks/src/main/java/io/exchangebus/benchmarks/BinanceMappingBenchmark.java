package io.exchangebus.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.mapping.MarketMapping;
import io.exchangebus.connectors.binance.mapping.MarketMapping.DepthDiff;
import io.exchangebus.connectors.binance.mapping.MarketMapping.TradeTick;
import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookUpdateMapper;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.Trade;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Mapping Binance market-data frames as the subscriber does, from the frame's text to the unified event:
 * <ul>
 * <li>{@code depthFrameToBookUpdate}: a spot combined-stream {@code depthUpdate} frame of 20 bids and 20 asks
 *     (BTCUSDT-like, prices {@code 65000.01000000}, quantities with 8 decimals, as Binance sends them) through
 *     {@link MarketMapping#parse} (its compact-layout reader, exact decimals from the frame's characters) and
 *     {@link BookUpdateMapper#delta} (levels sorted best first, decimals at the model's scale 18);</li>
 * <li>{@code depthBytesToBookUpdate}, {@code tradeBytesToTrade}: the same from the frames' UTF-8 bytes, as they
 *     come off the socket ({@link MarketMapping#parse(BinanceVenue, byte[], int, int)}), no String made;</li>
 * <li>{@code depthFrameToBookDiff}: the parse alone, to the core {@link BookDiff} the synchronizer takes;</li>
 * <li>{@code bookDiffToBookUpdate}: the {@link BookUpdateMapper} alone on the parsed diff (sorting, scale 18);</li>
 * <li>{@code tradeFrameToTrade}: a spot {@code trade} frame to the {@link Trade} event;</li>
 * <li>{@code bareTokenWalk}, {@code bareTokenWalkUtf8}: a Jackson token walk over the same depth frame, its text or
 *     its bytes, that only reads every token: what a general JSON reader pays before mapping anything (the
 *     mapping's fallback for other layouts walks so).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BinanceMappingBenchmark {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Instant RECEIVED = Instant.parse("2026-01-02T03:04:05.123456Z");

    private String depthFrame;
    private byte[] depthFrameUtf8;
    private String tradeFrame;
    private byte[] tradeFrameUtf8;
    private BookUpdateMapper mapper;
    private BookDiff parsedDiff;

    @Setup
    public void setUp() {
        depthFrame = BinanceFrames.depthFrame();
        depthFrameUtf8 = depthFrame.getBytes(StandardCharsets.UTF_8);
        tradeFrame = BinanceFrames.tradeFrame();
        tradeFrameUtf8 = tradeFrame.getBytes(StandardCharsets.UTF_8);
        mapper = new BookUpdateMapper("binance-spot", "BTCUSDT", "BTC-USDT");
        parsedDiff = depthFrameToBookDiff();
        // the frame maps, exactly
        BookUpdate u = depthFrameToBookUpdate();
        if (!u.equals(depthBytesToBookUpdate()) || !tradeFrameToTrade().equals(tradeBytesToTrade())) {
            throw new IllegalStateException("the frames' bytes did not map as their text");
        }
        if (u.getBids().size() != 20 || u.getAsks().size() != 20
                || u.getBids().get(0).getPrice().compareTo(new BigDecimal("65000.00")) != 0) {
            throw new IllegalStateException("depth frame did not map as expected: " + u);
        }
    }

    @Benchmark
    public BookUpdate depthFrameToBookUpdate() {
        DepthDiff d = (DepthDiff) MarketMapping.parse(BinanceVenue.SPOT, depthFrame);
        return mapper.delta(d.diff(), RECEIVED);
    }

    /** The depth frame's UTF-8 bytes as they come off the socket, no String made: {@code MarketMapping.parse(venue, bytes, ...)}. */
    @Benchmark
    public BookUpdate depthBytesToBookUpdate() {
        DepthDiff d = (DepthDiff) MarketMapping.parse(BinanceVenue.SPOT, depthFrameUtf8, 0, depthFrameUtf8.length);
        return mapper.delta(d.diff(), RECEIVED);
    }

    @Benchmark
    public Trade tradeBytesToTrade() {
        TradeTick t = (TradeTick) MarketMapping.parse(BinanceVenue.SPOT, tradeFrameUtf8, 0, tradeFrameUtf8.length);
        return t.toTrade("binance-spot", "BTC-USDT", RECEIVED);
    }

    @Benchmark
    public BookDiff depthFrameToBookDiff() {
        return ((DepthDiff) MarketMapping.parse(BinanceVenue.SPOT, depthFrame)).diff();
    }

    @Benchmark
    public BookUpdate bookDiffToBookUpdate() {
        return mapper.delta(parsedDiff, RECEIVED);
    }

    @Benchmark
    public Trade tradeFrameToTrade() {
        TradeTick t = (TradeTick) MarketMapping.parse(BinanceVenue.SPOT, tradeFrame);
        return t.toTrade("binance-spot", "BTC-USDT", RECEIVED);
    }

    /** The same walk over the frame's UTF-8 bytes (as they come off the socket), for comparison. */
    @Benchmark
    public int bareTokenWalkUtf8() throws IOException {
        int n = 0;
        try (JsonParser p = JSON.createParser(depthFrameUtf8)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                n += t == JsonToken.VALUE_STRING ? p.getTextLength() : 1;
            }
        }
        return n;
    }

    @Benchmark
    public int bareTokenWalk() throws IOException {
        int n = 0;
        try (JsonParser p = JSON.createParser(depthFrame)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                n += t == JsonToken.VALUE_STRING ? p.getTextLength() : 1;
            }
        }
        return n;
    }
}
