package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.Side;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The recent trades of every symbol, as the market streams printed them, for the REST trade-history endpoints
 * ({@code GET /api/v3/historicalTrades} spot, {@code GET /fapi/v1/aggTrades} USDⓈ-M). The simulator prints one
 * fill per trade, so on USDⓈ-M each aggregate trade is one trade and its id ({@code a}) is the trade id, exactly as
 * the {@code @aggTrade} stream numbers it. Keeps the last {@link #RETENTION} trades per symbol; older ones are gone,
 * as a real exchange's memory is finite too.
 *
 * <p>Threading: fills are recorded on the engines' commanding threads, before the WebSocket server publishes them
 * (the tape is registered first), so a trade a client saw on a stream is already here; reads are synchronized.
 */
final class BinanceTradeTape {

    static final int RETENTION = 1000;
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    private final BinanceCore core;
    private final Map<String, Deque<Fill>> bySymbol = new HashMap<>();

    BinanceTradeTape(BinanceCore core) {
        this.core = core;
        core.sim.addListener(this::onEvent);
    }

    private void onEvent(EngineEvent event) {
        if (event instanceof EngineEvent.TradePrinted trade) {
            record(trade.fill());
        }
    }

    private synchronized void record(Fill fill) {
        Deque<Fill> tape = bySymbol.computeIfAbsent(fill.symbol(), s -> new ArrayDeque<>());
        tape.addLast(fill);
        if (tape.size() > RETENTION) {
            tape.removeFirst();
        }
    }

    /** {@code GET /api/v3/historicalTrades}: trades with id >= {@code fromId} (default: the most recent). */
    ArrayNode historicalTrades(Map<String, String> p) {
        BinanceSymbol s = core.symbol(p);
        ArrayNode out = BinanceCore.JSON.createArrayNode();
        for (Fill f : select(s, p)) {
            ObjectNode t = out.addObject();
            t.put("id", f.tradeId()).put("price", core.price(s, f.price())).put("qty", core.qty(s, f.quantity()))
                    .put("quoteQty", core.quote(s, f.notional())).put("time", f.time().toEpochMilli())
                    .put("isBuyerMaker", f.takerSide() == Side.SELL).put("isBestMatch", true);
        }
        return out;
    }

    /** {@code GET /fapi/v1/aggTrades}: aggregate trades with id >= {@code fromId} (default: the most recent). */
    ArrayNode aggTrades(Map<String, String> p) {
        BinanceSymbol s = core.symbol(p);
        ArrayNode out = BinanceCore.JSON.createArrayNode();
        for (Fill f : select(s, p)) {
            ObjectNode a = out.addObject();
            a.put("a", f.tradeId()).put("p", core.price(s, f.price())).put("q", core.qty(s, f.quantity()))
                    .put("f", f.tradeId()).put("l", f.tradeId()).put("T", f.time().toEpochMilli())
                    .put("m", f.takerSide() == Side.SELL);
        }
        return out;
    }

    private synchronized List<Fill> select(BinanceSymbol s, Map<String, String> p) {
        int limit = (int) (long) Objects.requireNonNullElse(BinanceCore.longParam(p, "limit"), (long) DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BinanceException(400, -1130, "Data sent for parameter 'limit' is not valid.");
        }
        Long fromId = BinanceCore.longParam(p, "fromId");
        List<Fill> tape = new ArrayList<>(bySymbol.getOrDefault(s.symbol(), new ArrayDeque<>()));
        if (fromId == null) {
            return List.copyOf(tape.subList(Math.max(0, tape.size() - limit), tape.size()));
        }
        List<Fill> out = new ArrayList<>();
        for (Fill f : tape) {
            if (f.tradeId() >= fromId && out.size() < limit) {
                out.add(f);
            }
        }
        return out;
    }
}
