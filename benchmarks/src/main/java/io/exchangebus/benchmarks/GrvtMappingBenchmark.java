package io.exchangebus.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.grvt.auth.GrvtOrderSigner;
import io.exchangebus.connectors.grvt.auth.GrvtTimeInForce;
import io.exchangebus.connectors.grvt.auth.OrderToSign;
import io.exchangebus.connectors.grvt.auth.SignedOrder;
import io.exchangebus.connectors.grvt.auth.SigningTerms;
import io.exchangebus.connectors.grvt.mapping.MarketMapping;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.Trade;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
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
 * Mapping GRVT market-data frames as the subscriber and {@code exbus normalize} do, from the frame's text to the
 * unified event ({@link MarketMapping#normalize(String, Instant)}), beside the floor: a Jackson token walk over the
 * same frame. And EIP-712 order signing.
 * <ul>
 * <li>{@code bookDeltaToBookUpdate}: a full-form {@code v1.book.d} delta of 20 bids and 20 asks in the fixtures'
 *     shape ({@code shared/fixtures/grvt/ws_market_data_streams.docs.jsonl}: string sequence numbers, ns event time,
 *     levels {@code {"price":"65038.01","size":"3456.78","num_orders":123}}), prices in steps of 0.01, sizes with up
 *     to 3 decimals, a removal ({@code "size":"0"}) every fifth bid and seventh ask, compact as GRVT sends it, to the
 *     {@link BookUpdate} at the model's scale 18, levels best first;</li>
 * <li>{@code tradeFrameToTrade}: the fixtures' full-form {@code v1.trade} frame (every field of the docs' example)
 *     to the {@link Trade};</li>
 * <li>{@code bookDeltaTreePath} and {@code tradeTreePath}: the same frames through the general path alone (an exact
 *     Jackson tree, then the fields), which is what the mapping did before its compact reader and still does for
 *     lite names, whitespace, tickers and anything the reader leaves to it;</li>
 * <li>{@code bookTokenWalk} and {@code tradeTokenWalk}: the walk that only reads every token of the same frames;</li>
 * <li>{@code bookDeltaBytesToBookUpdate} and {@code tradeBytesToTrade}: the same frames from their UTF-8 bytes, as
 *     the subscriber now maps them off the socket ({@link MarketMapping#normalize(byte[], Instant)}), beside
 *     {@code bookDeltaDecodedToBookUpdate} and {@code tradeDecodedToTrade}: the bytes decoded to a String first,
 *     then mapped from the text, as the subscriber did before;</li>
 * <li>{@code signOrder}: {@link GrvtOrderSigner#sign(OrderToSign)} of a one-leg limit order (scaling, EIP-712
 *     struct hash, secp256k1 signature with RFC 6979 nonce), a new nonce each call.</li>
 * </ul>
 * The target: each mapping ≤ 1.2× its walk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GrvtMappingBenchmark {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper TREE = ExactNumbers.exactMapper();
    private static final Instant RECEIVED = Instant.parse("2026-01-02T03:04:05.123456Z");
    /** The SDK's test key (eip712_signing_vectors.json), not a real account's. */
    private static final String KEY = "c0663ca94684aead40c41a1cb3a94b68a24296e87245be3a186e882a29a15ee0";
    private static final SigningTerms BTC = new SigningTerms("BTC_USDT_Perp", "0x030501", 9);

    private String bookFrame;
    private String tradeFrame;
    private byte[] bookBytes;
    private byte[] tradeBytes;
    private GrvtOrderSigner signer;
    private long nonce;

    @Setup
    public void setUp() {
        bookFrame = bookDelta();
        tradeFrame = "{\"stream\":\"v1.trade\",\"selector\":\"BTC_USDT_Perp\",\"sequence_number\":\"872634876\","
                + "\"feed\":{\"event_time\":\"1697788800000000000\",\"instrument\":\"BTC_USDT_Perp\","
                + "\"is_taker_buyer\":true,\"size\":\"123456.78\",\"price\":\"65038.01\",\"mark_price\":\"65038.01\","
                + "\"index_price\":\"65038.01\",\"interest_rate\":0.0003,\"forward_price\":\"65038.01\","
                + "\"trade_id\":\"209358-2\",\"venue\":\"ORDERBOOK\",\"is_rpi\":false},"
                + "\"prev_sequence_number\":\"872634875\"}";
        signer = GrvtOrderSigner.of(Secret.of(KEY), 325).value();
        bookBytes = bookFrame.getBytes(StandardCharsets.UTF_8);
        tradeBytes = tradeFrame.getBytes(StandardCharsets.UTF_8);
        if (!bookDeltaBytesToBookUpdate().equals(bookDeltaToBookUpdate())
                || !tradeBytesToTrade().equals(tradeFrameToTrade())) {
            throw new IllegalStateException("the bytes did not map as the text does");
        }
        BookUpdate u = bookDeltaToBookUpdate();
        if (u.getBids().size() != 20 || u.getAsks().size() != 20 || u.getKind() != BookUpdateKind.DELTA
                || u.getBids().get(0).getPrice().compareTo(new BigDecimal("65038.01")) != 0) {
            throw new IllegalStateException("book frame did not map as expected: " + u);
        }
        if (!"209358-2".equals(tradeFrameToTrade().getTradeId())) {
            throw new IllegalStateException("trade frame did not map as expected");
        }
        signOrder();
    }

    private static String bookDelta() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("{\"stream\":\"v1.book.d\",\"selector\":\"BTC_USDT_Perp@100\",\"sequence_number\":\"872634876\",")
                .append("\"feed\":{\"event_time\":\"1697788800123456789\",\"instrument\":\"BTC_USDT_Perp\",\"bids\":[");
        for (int i = 0; i < 20; i++) {
            BigDecimal price = new BigDecimal("65038.01").subtract(new BigDecimal("0.01").multiply(BigDecimal.valueOf(i)));
            String size = i % 5 == 4 ? "0" : BigDecimal.valueOf(1 + (7919L * (i + 1)) % 50000, 3).toPlainString();
            level(sb, i, price, size, i % 5 == 4 ? 0 : 1 + i % 9);
        }
        sb.append("],\"asks\":[");
        for (int i = 0; i < 20; i++) {
            BigDecimal price = new BigDecimal("65038.02").add(new BigDecimal("0.01").multiply(BigDecimal.valueOf(i)));
            String size = i % 7 == 6 ? "0" : BigDecimal.valueOf(1 + (104729L * (i + 1)) % 50000, 3).toPlainString();
            level(sb, i, price, size, i % 7 == 6 ? 0 : 1 + i % 11);
        }
        return sb.append("]},\"prev_sequence_number\":\"872634875\"}").toString();
    }

    private static void level(StringBuilder sb, int i, BigDecimal price, String size, int orders) {
        sb.append(i == 0 ? "" : ",").append("{\"price\":\"").append(price.toPlainString()).append("\",\"size\":\"")
                .append(size).append("\",\"num_orders\":").append(orders).append('}');
    }

    @Benchmark
    public BookUpdate bookDeltaToBookUpdate() {
        return (BookUpdate) MarketMapping.normalize(bookFrame, RECEIVED).value();
    }

    @Benchmark
    public Trade tradeFrameToTrade() {
        return (Trade) MarketMapping.normalize(tradeFrame, RECEIVED).value();
    }

    /** The general path alone (what the mapping took before its compact reader): an exact tree, then the fields. */
    @Benchmark
    public BookUpdate bookDeltaTreePath() throws IOException {
        return (BookUpdate) MarketMapping.normalize(TREE.readTree(bookFrame), RECEIVED).value();
    }

    @Benchmark
    public Trade tradeTreePath() throws IOException {
        return (Trade) MarketMapping.normalize(TREE.readTree(tradeFrame), RECEIVED).value();
    }

    @Benchmark
    public BookUpdate bookDeltaBytesToBookUpdate() {
        return (BookUpdate) MarketMapping.normalize(bookBytes, RECEIVED).value();
    }

    @Benchmark
    public BookUpdate bookDeltaDecodedToBookUpdate() {
        return (BookUpdate) MarketMapping.normalize(new String(bookBytes, StandardCharsets.UTF_8), RECEIVED).value();
    }

    @Benchmark
    public Trade tradeBytesToTrade() {
        return (Trade) MarketMapping.normalize(tradeBytes, RECEIVED).value();
    }

    @Benchmark
    public Trade tradeDecodedToTrade() {
        return (Trade) MarketMapping.normalize(new String(tradeBytes, StandardCharsets.UTF_8), RECEIVED).value();
    }

    @Benchmark
    public int bookTokenWalk() throws IOException {
        return walk(bookFrame);
    }

    @Benchmark
    public int tradeTokenWalk() throws IOException {
        return walk(tradeFrame);
    }

    @Benchmark
    public SignedOrder signOrder() {
        nonce = nonce == 0xFFFF_FFFFL ? 1 : nonce + 1;
        OrderToSign order = new OrderToSign(new BigInteger("8289849667772468"), false,
                GrvtTimeInForce.GOOD_TILL_TIME, false, false,
                List.of(new OrderToSign.Leg(BTC, new BigDecimal("1.013"), new BigDecimal("65038.01"), true)),
                nonce, 1730800479321350000L);
        return signer.sign(order).value();
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
