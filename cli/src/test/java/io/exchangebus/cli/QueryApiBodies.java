package io.exchangebus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.avro.json.AvroJson;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.events.ReconciliationStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;

/**
 * Answers of the streams-apps query API, made the way {@code QueryApi} makes them: the held records (a
 * {@code BookUpdate} snapshot, {@code PositionState}s, {@code BalanceUpdate}s) rendered by {@code AvroJson}, in the
 * documented envelopes {@code {"key", "stale", "book"}} and {@code {"exchange", "account", "positions",
 * "balances"}}, with decimals at the model's scale 18 as they come out of the state stores.
 */
final class QueryApiBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryApiBodies() {
    }

    /** binance-spot:BTCUSDT, three bids and two asks. */
    static String book() {
        BookUpdate top = BookUpdate.newBuilder().setExchange("binance-spot").setSymbol("BTCUSDT")
                .setInstrumentId("BTC-USDT").setKind(BookUpdateKind.SNAPSHOT).setResync(false).setDepth(3)
                .setSequence(1027024).setPreviousSequence(null).setFirstSequence(null)
                .setBids(List.of(level("59999.99", "0.5"), level("59999.5", "1.25"), level("59990", "12")))
                .setAsks(List.of(level("60000.01", "0.002"), level("60001", "3.1")))
                .setExchangeTime(Instant.parse("2026-11-21T10:00:00.123Z"))
                .setReceiveTime(Instant.parse("2026-11-21T10:00:00.125Z")).build();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", "binance-spot:BTCUSDT");
        out.put("stale", false);
        out.put("book", tree(top));
        return write(out);
    }

    /** A book after a sequence gap: no levels until the next snapshot. */
    static String staleBook() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", "binance-spot:BTCUSDT");
        out.put("stale", true);
        out.put("book", null);
        return write(out);
    }

    /** binance-usdm:main: a long BTC perpetual with a fee and an ETH position the exchange disagrees with. */
    static String positions() {
        PositionState btc = PositionState.newBuilder().setExchange("binance-usdm").setAccount("main")
                .setSymbol("BTCUSDT").setInstrumentId("BTC-USDT-PERP").setQuantity(scaled("0.003"))
                .setAverageEntryPrice(scaled("60000.1")).setRealizedPnl(scaled("12.5"))
                .setFees(Map.of("USDT", scaled("0.072"))).setFillCount(2).setReportedQuantity(scaled("0.003"))
                .setReportedEntryPrice(scaled("60000.1")).setReconciliation(ReconciliationStatus.AGREED)
                .setDivergingSince(null).setEpochId("epoch-7")
                .setUpdateTime(Instant.parse("2026-11-21T10:00:01Z")).build();
        PositionState eth = PositionState.newBuilder(btc).setSymbol("ETHUSDT").setInstrumentId("ETH-USDT-PERP")
                .setQuantity(scaled("-1.5")).setAverageEntryPrice(scaled("3000")).setRealizedPnl(scaled("0"))
                .setFees(Map.of()).setFillCount(1).setReportedQuantity(scaled("-1"))
                .setReconciliation(ReconciliationStatus.DIVERGING)
                .setDivergingSince(Instant.parse("2026-11-21T10:00:00Z")).build();
        BalanceUpdate usdt = BalanceUpdate.newBuilder().setExchange("binance-usdm").setAccount("main")
                .setAsset("USDT").setFree(scaled("819.928")).setLocked(scaled("180")).setTotal(scaled("999.928"))
                .setExchangeTime(null).setReceiveTime(Instant.parse("2026-11-21T10:00:01Z"))
                .setSource(EventSource.STREAM).build();
        return positions("binance-usdm", "main", List.of(btc, eth), List.of(usdt));
    }

    /** grvt:grvt: a long BTC perpetual of sub-account 8289849667772468, its balance and the funding account's. */
    static String subAccountPositions() {
        PositionState btc = PositionState.newBuilder().setExchange("grvt").setAccount("grvt")
                .setSubAccount("8289849667772468").setSymbol("BTC_USDT_Perp").setInstrumentId("BTC-USDT-PERP")
                .setQuantity(scaled("0.01")).setAverageEntryPrice(scaled("60000.1")).setRealizedPnl(scaled("0"))
                .setFees(Map.of("USDT", scaled("0.3"))).setFillCount(1).setReportedQuantity(scaled("0.01"))
                .setReportedEntryPrice(scaled("60000.1")).setReconciliation(ReconciliationStatus.AGREED)
                .setDivergingSince(null).setEpochId("epoch-1")
                .setUpdateTime(Instant.parse("2026-11-21T10:00:01Z")).build();
        BalanceUpdate trading = BalanceUpdate.newBuilder().setExchange("grvt").setAccount("grvt")
                .setSubAccount("8289849667772468").setAsset("USDT").setFree(scaled("9000")).setLocked(scaled("60"))
                .setTotal(scaled("9060")).setExchangeTime(null)
                .setReceiveTime(Instant.parse("2026-11-21T10:00:01Z")).setSource(EventSource.STREAM).build();
        BalanceUpdate funding = BalanceUpdate.newBuilder(trading).setSubAccount("funding").setFree(scaled("500"))
                .setLocked(scaled("0")).setTotal(scaled("500")).build();
        return positions("grvt", "grvt", List.of(btc), List.of(trading, funding));
    }

    static String positions(String exchange, String account, List<PositionState> positions,
                            List<BalanceUpdate> balances) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exchange", exchange);
        out.put("account", account);
        out.put("positions", positions.stream().map(QueryApiBodies::tree).toList());
        out.put("balances", balances.stream().map(QueryApiBodies::tree).toList());
        return write(out);
    }

    /** The API's error body. */
    static String error(String message) {
        return write(Map.of("error", message));
    }

    private static PriceLevel level(String price, String quantity) {
        return new PriceLevel(scaled(price), scaled(quantity));
    }

    private static BigDecimal scaled(String value) {
        return new BigDecimal(value).setScale(18);
    }

    private static JsonNode tree(IndexedRecord record) {
        try {
            return JSON.readTree(AvroJson.toJson(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
