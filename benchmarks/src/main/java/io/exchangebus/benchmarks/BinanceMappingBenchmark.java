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
 * <li>{@code depthFrameToBookDiff}: the parse alone, to the core {@link BookDiff} the synchronizer takes;</li>
 * <li>{@code bookDiffToBookUpdate}: the {@link BookUpdateMapper} alone on the parsed diff (sorting, scale 18);</li>
 * <li>{@code tradeFrameToTrade}: a spot {@code trade} frame to the {@link Trade} event;</li>
 * <li>{@code bareTokenWalk}: a Jackson token walk over the same depth frame that only reads every token: what a
 *     general JSON reader pays before mapping anything (the mapping's fallback for other layouts walks so).</li>
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
    private BookUpdateMapper mapper;
    private BookDiff parsedDiff;

    @Setup
    public void setUp() {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1767322924123,")
                .append("\"s\":\"BTCUSDT\",\"U\":75340882611,\"u\":75340882702,\"b\":[");
        for (int i = 0; i < 20; i++) {
            BigDecimal price = new BigDecimal("65000.00").subtract(new BigDecimal("0.01").multiply(BigDecimal.valueOf(i)));
            sb.append(i == 0 ? "" : ",").append("[\"").append(price.setScale(8).toPlainString()).append("\",\"")
                    .append(i % 5 == 4 ? "0.00000000" : "0." + String.format("%08d", 1234567 * (i + 1) % 100000000))
                    .append("\"]");
        }
        sb.append("],\"a\":[");
        for (int i = 0; i < 20; i++) {
            BigDecimal price = new BigDecimal("65000.01").add(new BigDecimal("0.01").multiply(BigDecimal.valueOf(i)));
            sb.append(i == 0 ? "" : ",").append("[\"").append(price.setScale(8).toPlainString()).append("\",\"")
                    .append(i % 7 == 6 ? "0.00000000" : (i % 3) + "." + String.format("%08d", 7654321 * (i + 1) % 100000000))
                    .append("\"]");
        }
        sb.append("]}}");
        depthFrame = sb.toString();
        depthFrameUtf8 = depthFrame.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        tradeFrame = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1767322924123,\"s\":\"BTCUSDT\","
                + "\"t\":5123456789,\"p\":\"65000.01000000\",\"q\":\"0.00123000\",\"T\":1767322924122,\"m\":true,"
                + "\"M\":true}}";
        mapper = new BookUpdateMapper("binance-spot", "BTCUSDT", "BTC-USDT");
        parsedDiff = depthFrameToBookDiff();
        // the frame maps, exactly
        BookUpdate u = depthFrameToBookUpdate();
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
