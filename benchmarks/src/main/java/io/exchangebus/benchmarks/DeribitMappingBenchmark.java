package io.exchangebus.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.exchangebus.connectors.deribit.mapping.MarketMapping;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.Trade;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
 * Mapping Deribit market-data notifications as the subscriber and {@code exbus normalize} do, from the frame's text
 * to the unified event ({@link MarketMapping#normalize}), beside the floor: a Jackson token walk over the same frame.
 * <ul>
 * <li>{@code bookChangeToBookUpdate}: a {@code book.BTC-PERPETUAL.100ms} {@code change} of 20 bids and 20 asks,
 *     {@code [action, price, amount]} with JSON numbers as Deribit sends them (prices in steps of 0.5, USD amounts
 *     that are whole numbers written with {@code .0}, a delete every fifth level), to the {@link BookUpdate} at the
 *     model's scale 18, levels best first;</li>
 * <li>{@code tradeFrameToTrade}: a {@code trades.BTC-PERPETUAL.raw} notification of one trade (the fields of the
 *     live capture in {@code shared/fixtures/deribit/ws_trades_capture.gocryptotrader.jsonl}) to the {@link Trade};</li>
 * <li>{@code bookTokenWalk} and {@code tradeTokenWalk}: the walk that only reads every token of the same frames;</li>
 * <li>{@code bookChangeBytesToBookUpdate} and {@code tradeBytesToTrade}: the same frames from their UTF-8 bytes, as
 *     the subscriber now maps them off the socket ({@link MarketMapping#normalize(byte[], Instant)}), beside
 *     {@code bookChangeDecodedToBookUpdate} and {@code tradeDecodedToTrade}: the bytes decoded to a String first,
 *     then mapped from the text, as the subscriber did before.</li>
 * </ul>
 * The target: each mapping ≤ 1.2× its walk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeribitMappingBenchmark {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Instant RECEIVED = Instant.parse("2026-01-02T03:04:05.123456Z");

    private String bookFrame;
    private String tradeFrame;
    private byte[] bookBytes;
    private byte[] tradeBytes;

    @Setup
    public void setUp() {
        bookFrame = bookChange();
        tradeFrame = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"trades.BTC-PERPETUAL.raw\","
                + "\"data\":[{\"trade_seq\":227845411,\"trade_id\":\"364154981\",\"timestamp\":1767322924122,"
                + "\"tick_direction\":0,\"price\":92283.5,\"mark_price\":92281.78,\"instrument_name\":\"BTC-PERPETUAL\","
                + "\"index_price\":92263.55,\"direction\":\"buy\",\"amount\":1230.0,\"contracts\":123.0}]}}";
        bookBytes = bookFrame.getBytes(StandardCharsets.UTF_8);
        tradeBytes = tradeFrame.getBytes(StandardCharsets.UTF_8);
        if (!bookChangeBytesToBookUpdate().equals(bookChangeToBookUpdate())
                || !tradeBytesToTrade().equals(tradeFrameToTrade())) {
            throw new IllegalStateException("the bytes did not map as the text does");
        }
        BookUpdate u = bookChangeToBookUpdate();
        if (u.getBids().size() != 20 || u.getAsks().size() != 20
                || u.getBids().get(0).getPrice().compareTo(new BigDecimal("92283.5")) != 0) {
            throw new IllegalStateException("book frame did not map as expected: " + u);
        }
        if (tradeFrameToTrade().getTradeSequence() != 227845411L) {
            throw new IllegalStateException("trade frame did not map as expected");
        }
    }

    private static String bookChange() {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"book.BTC-PERPETUAL.100ms\",")
                .append("\"data\":{\"type\":\"change\",\"timestamp\":1767322924123,\"prev_change_id\":84602386231,")
                .append("\"instrument_name\":\"BTC-PERPETUAL\",\"change_id\":84602386232,\"bids\":[");
        for (int i = 0; i < 20; i++) {
            String action = i % 5 == 4 ? "delete" : i % 2 == 0 ? "change" : "new";
            long amount = i % 5 == 4 ? 0 : 10L * (1 + (7919L * (i + 1)) % 50000);
            sb.append(i == 0 ? "" : ",").append("[\"").append(action).append("\",")
                    .append(new BigDecimal("92283.5").subtract(new BigDecimal("0.5").multiply(BigDecimal.valueOf(i))))
                    .append(',').append(amount).append(".0]");
        }
        sb.append("],\"asks\":[");
        for (int i = 0; i < 20; i++) {
            String action = i % 7 == 6 ? "delete" : i % 2 == 0 ? "new" : "change";
            long amount = i % 7 == 6 ? 0 : 10L * (1 + (104729L * (i + 1)) % 50000);
            sb.append(i == 0 ? "" : ",").append("[\"").append(action).append("\",")
                    .append(new BigDecimal("92284.0").add(new BigDecimal("0.5").multiply(BigDecimal.valueOf(i))))
                    .append(',').append(amount).append(".0]");
        }
        return sb.append("]}}}").toString();
    }

    @Benchmark
    public BookUpdate bookChangeToBookUpdate() {
        return (BookUpdate) MarketMapping.normalize(bookFrame, RECEIVED).get(0);
    }

    @Benchmark
    public Trade tradeFrameToTrade() {
        List<Object> events = MarketMapping.normalize(tradeFrame, RECEIVED);
        return (Trade) events.get(0);
    }

    @Benchmark
    public BookUpdate bookChangeBytesToBookUpdate() {
        return (BookUpdate) MarketMapping.normalize(bookBytes, RECEIVED).get(0);
    }

    @Benchmark
    public BookUpdate bookChangeDecodedToBookUpdate() {
        return (BookUpdate) MarketMapping.normalize(new String(bookBytes, StandardCharsets.UTF_8), RECEIVED).get(0);
    }

    @Benchmark
    public Trade tradeBytesToTrade() {
        return (Trade) MarketMapping.normalize(tradeBytes, RECEIVED).get(0);
    }

    @Benchmark
    public Trade tradeDecodedToTrade() {
        return (Trade) MarketMapping.normalize(new String(tradeBytes, StandardCharsets.UTF_8), RECEIVED).get(0);
    }

    @Benchmark
    public int bookTokenWalk() throws IOException {
        return walk(bookFrame);
    }

    @Benchmark
    public int tradeTokenWalk() throws IOException {
        return walk(tradeFrame);
    }

    private static int walk(String frame) throws IOException {
        int n = 0;
        try (JsonParser p = JSON.createParser(frame)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                n += t == JsonToken.VALUE_STRING ? p.getTextLength() : 1;
            }
        }
        return n;
    }
}
