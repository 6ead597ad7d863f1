package io.exchangebus.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import info.bitrich.xchangestream.binance.BinanceStreamingAdapters;
import info.bitrich.xchangestream.binance.dto.BinanceWebsocketTransaction;
import info.bitrich.xchangestream.binance.dto.market.DepthBinanceWebSocketTransaction;
import info.bitrich.xchangestream.binance.dto.market.TradeBinanceWebsocketTransaction;
import info.bitrich.xchangestream.service.netty.StreamingObjectMapperHelper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.knowm.xchange.binance.BinanceAdapters;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.Order.OrderType;
import org.knowm.xchange.dto.marketdata.OrderBookUpdate;
import org.knowm.xchange.dto.marketdata.Trade;
import org.knowm.xchange.instrument.Instrument;
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
 * The peer on our frames: XChange 5.2.4's Binance streaming path ({@code xchange-stream-binance}) run on the very
 * frames of {@link BinanceMappingBenchmark} ({@link BinanceFrames}), step by step as its runtime takes a text frame,
 * through its public API and its own ObjectMapper ({@code StreamingObjectMapperHelper.getObjectMapper()}):
 * <ol>
 * <li>{@code JsonNettyStreamingService.messageHandler}: the frame's text to a {@code JsonNode} tree
 *     ({@code readTree});</li>
 * <li>{@code BinanceStreamingMarketDataService.readTransaction}: the tree to its DTO,
 *     {@code BinanceWebsocketTransaction<DepthBinanceWebSocketTransaction>} or
 *     {@code <TradeBinanceWebsocketTransaction>} ({@code readValue(treeAsTokens(node), type)});</li>
 * <li>its subscription filter: the DTO's symbol through {@code BinanceAdapters.adaptSymbol} compared with the
 *     subscribed pair;</li>
 * <li>depth: {@code getOrderBookUpdates}' {@code extractOrderBookUpdatesToArray}, one {@code OrderBookUpdate} per
 *     level of the DTO's sorted maps (what a subscriber gets, as {@code BookUpdate} is ours); trade:
 *     {@code BinanceStreamingAdapters.adaptRawTrade}, the {@code Trade} a subscriber gets.</li>
 * </ol>
 * The private steps (2 and 4 for depth) are written here with the same public calls; XChange's code is not copied
 * into any module. Not counted: its Netty WebSocket and RxJava delivery, which cost it more.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class XChangeBinanceBenchmark {
    private static final ObjectMapper MAPPER = StreamingObjectMapperHelper.getObjectMapper();
    private static final JavaType DEPTH_TYPE = MAPPER.getTypeFactory()
            .constructType(new TypeReference<BinanceWebsocketTransaction<DepthBinanceWebSocketTransaction>>() { });
    private static final JavaType TRADE_TYPE = MAPPER.getTypeFactory()
            .constructType(new TypeReference<BinanceWebsocketTransaction<TradeBinanceWebsocketTransaction>>() { });
    private static final Instrument PAIR = CurrencyPair.BTC_USDT;

    private String depthFrame;
    private String tradeFrame;

    @Setup
    public void setUp() throws IOException {
        // XChange maps symbols through a static table its exchange fills from exchangeInfo when it starts
        // (BinanceAdapters.adaptExchangeMetaData); without it adaptSymbol answers null
        BinanceAdapters.putSymbolMapping("BTCUSDT", CurrencyPair.BTC_USDT);
        depthFrame = BinanceFrames.depthFrame();
        tradeFrame = BinanceFrames.tradeFrame();
        List<OrderBookUpdate> updates = xchangeDepthFrameToOrderBookUpdates();
        if (updates.size() != 40 || updates.stream().noneMatch(
                u -> u.getLimitOrder().getLimitPrice().compareTo(new BigDecimal("65000.00")) == 0)) {
            throw new IllegalStateException("XChange did not read the depth frame as expected: " + updates);
        }
        Trade trade = xchangeTradeFrameToTrade();
        if (trade.getPrice().compareTo(new BigDecimal("65000.01")) != 0 || !"5123456789".equals(trade.getId())) {
            throw new IllegalStateException("XChange did not read the trade frame as expected: " + trade);
        }
    }

    @Benchmark
    public List<OrderBookUpdate> xchangeDepthFrameToOrderBookUpdates() throws IOException {
        JsonNode node = MAPPER.readTree(depthFrame);
        BinanceWebsocketTransaction<DepthBinanceWebSocketTransaction> transaction =
                MAPPER.readValue(MAPPER.treeAsTokens(node), DEPTH_TYPE);
        DepthBinanceWebSocketTransaction depth = transaction.getData();
        if (!BinanceAdapters.adaptSymbol(depth.getSymbol(), false).equals(PAIR)) {
            return List.of();
        }
        List<OrderBookUpdate> updates = new ArrayList<>();
        Date time = depth.getEventTime();
        for (Map.Entry<BigDecimal, BigDecimal> e : depth.getOrderBook().bids.entrySet()) {
            updates.add(new OrderBookUpdate(OrderType.BID, e.getValue(), PAIR, e.getKey(), time, e.getValue()));
        }
        for (Map.Entry<BigDecimal, BigDecimal> e : depth.getOrderBook().asks.entrySet()) {
            updates.add(new OrderBookUpdate(OrderType.ASK, e.getValue(), PAIR, e.getKey(), time, e.getValue()));
        }
        return updates;
    }

    @Benchmark
    public Trade xchangeTradeFrameToTrade() throws IOException {
        JsonNode node = MAPPER.readTree(tradeFrame);
        BinanceWebsocketTransaction<TradeBinanceWebsocketTransaction> transaction =
                MAPPER.readValue(MAPPER.treeAsTokens(node), TRADE_TYPE);
        TradeBinanceWebsocketTransaction trade = transaction.getData();
        if (!BinanceAdapters.adaptSymbol(trade.getSymbol(), false).equals(PAIR)) {
            return null;
        }
        return BinanceStreamingAdapters.adaptRawTrade(trade.getRawTrade(), PAIR);
    }
}
