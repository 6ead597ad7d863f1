package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.account.Accounts;
import io.exchangebus.sim.account.Position;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.PriceLevel;
import java.math.BigDecimal;
import java.util.List;

/** Renders public market data in Deribit's formats (fixtures in {@code shared/fixtures/deribit/}). */
final class MarketViews {

    private final DeribitMarket market;
    private final Accounts accounts;

    MarketViews(DeribitMarket market, Accounts accounts) {
        this.market = market;
        this.accounts = accounts;
    }

    /** One item of {@code public/get_instruments}. */
    ObjectNode instrument(DeribitInstrument i) {
        ObjectNode o = Json.object().put("price_index", i.indexCurrency().toLowerCase() + "_usd")
                .put("kind", i.kind()).put("instrument_name", i.name()).put("max_leverage", i.maxLeverage());
        o.set("maker_commission", Json.num(i.engine().makerFeeRate()));
        o.set("taker_commission", Json.num(i.engine().takerFeeRate()));
        o.put("instrument_type", i.instrumentType()).put("expiration_timestamp", i.expirationTimestamp())
                .put("creation_timestamp", 1534167754000L).put("is_active", true);
        o.set("tick_size", Json.num(i.engine().tickSize()));
        o.set("contract_size", Json.num(i.isOption() ? BigDecimal.ONE : i.engine().contractSize()));
        o.put("instrument_id", i.instrumentId());
        o.set("min_trade_amount", Json.num(i.minTradeAmount()));
        if (i.isOption()) {
            o.put("option_type", i.option().call() ? "call" : "put");
            o.set("strike", Json.num(i.option().strike()));
        } else {
            o.put("future_type", i.instrumentType());
        }
        o.set("max_liquidation_commission", Json.num(new BigDecimal("0.0075")));
        o.set("block_trade_commission", Json.num(new BigDecimal("0.00025")));
        o.put("block_trade_min_trade_amount", i.isOption() ? 25 : 200000);
        o.set("block_trade_tick_size", Json.num(new BigDecimal(i.isOption() ? "0.0001" : "0.01")));
        o.put("settlement_currency", i.engine().settlementAsset()).put("settlement_period", i.settlementPeriod())
                .put("base_currency", i.engine().base()).put("counter_currency", i.counterCurrency())
                .put("quote_currency", i.quoteCurrency());
        ArrayNode steps = o.putArray("tick_size_steps");
        i.tickSteps().forEach(s -> steps.addObject().<ObjectNode>set("above_price", Json.num(s.abovePrice()))
                .set("tick_size", Json.num(s.tickSize())));
        return o;
    }

    /** Levels {@code [action, price, amount]} of a snapshot: all {@code new}. */
    static ArrayNode newLevels(List<PriceLevel> levels) {
        ArrayNode a = Json.array();
        levels.forEach(l -> a.addArray().add("new").add(Json.num(l.price())).add(Json.num(l.quantity())));
        return a;
    }

    /** Levels {@code [price, amount]} of a grouped snapshot or {@code get_order_book}. */
    static ArrayNode plainLevels(List<PriceLevel> levels) {
        ArrayNode a = Json.array();
        levels.forEach(l -> a.addArray().add(Json.num(l.price())).add(Json.num(l.quantity())));
        return a;
    }

    /** {@code book.{inst}.{interval}} first message: {@code type:"snapshot"}, no {@code prev_change_id}. */
    ObjectNode bookSnapshot(String instrument, BookSnapshot book) {
        ObjectNode o = Json.object().put("type", "snapshot").put("timestamp", market.clock().millis())
                .put("instrument_name", instrument).put("change_id", book.lastUpdateId());
        o.set("bids", newLevels(book.bids()));
        o.set("asks", newLevels(book.asks()));
        return o;
    }

    /** {@code book.{inst}.{interval}} change. */
    ObjectNode bookChange(String instrument, long changeId, long prevChangeId, ArrayNode bids, ArrayNode asks) {
        ObjectNode o = Json.object().put("type", "change").put("timestamp", market.clock().millis())
                .put("instrument_name", instrument).put("prev_change_id", prevChangeId).put("change_id", changeId);
        o.set("bids", bids);
        o.set("asks", asks);
        return o;
    }

    /** {@code book.{inst}.none.{depth}.{interval}}: a top-N snapshot without type nor prev_change_id. */
    ObjectNode groupedBook(String instrument, BookSnapshot top) {
        ObjectNode o = Json.object().put("timestamp", market.clock().millis()).put("instrument_name", instrument)
                .put("change_id", top.lastUpdateId());
        o.set("bids", plainLevels(top.bids()));
        o.set("asks", plainLevels(top.asks()));
        return o;
    }

    /** A public trade, as in {@code trades.*} and {@code public/get_last_trades_*}. */
    ObjectNode trade(Fill fill) {
        DeribitInstrument i = market.instrument(fill.symbol()).orElseThrow();
        ObjectNode o = Json.object().put("trade_seq", fill.tradeSeq()).put("trade_id", tradeId(fill))
                .put("timestamp", fill.time().toEpochMilli()).put("tick_direction", market.tickDirection(fill));
        o.set("price", Json.num(fill.price()));
        o.set("mark_price", Json.num(market.mark(i)));
        o.set("index_price", Json.num(market.index(i)));
        o.put("instrument_name", fill.symbol()).put("direction", DeribitMarket.direction(fill.takerSide()));
        o.set("amount", Json.num(fill.quantity()));
        o.set("contracts", Json.num(i.engine().contracts(fill.quantity())));
        if (i.isOption()) {
            o.set("iv", Json.num(market.impliedVolPercent(i, fill.price()), 2));
        }
        return o;
    }

    /** Deribit's {@code trade_id}: a number as text for BTC, prefixed by the currency otherwise ({@code ETH-…}). */
    String tradeId(Fill fill) {
        return OrderViews.prefixed(market.instrument(fill.symbol()).orElseThrow(), fill.tradeId());
    }

    /** {@code ticker.{inst}.{interval}} data (also the head of {@code get_order_book}). */
    ObjectNode ticker(DeribitInstrument i, BookSnapshot book) {
        BigDecimal mark = market.mark(i);
        BigDecimal index = market.index(i);
        TradeStats s = market.stats(i.name());
        ObjectNode o = Json.object().put("timestamp", market.clock().millis());
        ObjectNode stats = o.putObject("stats");
        stats.set("volume_usd", Json.num(s.volumeUsd()));
        stats.set("volume", Json.num(s.volume()));
        stats.set("volume_notional", Json.num(s.volumeUsd()));
        stats.set("price_change", Json.num(s.priceChange()));
        stats.set("low", s.low() == null ? null : Json.num(s.low()));
        stats.set("high", s.high() == null ? null : Json.num(s.high()));
        o.put("state", "open");
        o.set("settlement_price", Json.num(mark));
        o.set("open_interest", Json.num(openInterest(i)));
        o.set("min_price", Json.num(bound(i, mark, "0.985")));
        o.set("max_price", Json.num(bound(i, mark, "1.015")));
        o.set("mark_price", Json.num(mark));
        o.set("last_price", s.last() == null ? null : Json.num(s.last()));
        o.put("instrument_name", i.name());
        o.set("index_price", Json.num(index));
        o.set("estimated_delivery_price", Json.num(index));
        bestLevels(o, book);
        if (i.isOption()) {
            optionFields(o, i, book);
        } else {
            o.put("interest_value", 0.0);
            o.set("current_funding", Json.num(BigDecimal.ZERO));
            o.set("funding_8h", Json.num(BigDecimal.ZERO));
        }
        return o;
    }

    private static void bestLevels(ObjectNode o, BookSnapshot book) {
        PriceLevel bid = book.bids().isEmpty() ? null : book.bids().get(0);
        PriceLevel ask = book.asks().isEmpty() ? null : book.asks().get(0);
        o.set("best_bid_price", Json.num(bid == null ? BigDecimal.ZERO : bid.price()));
        o.set("best_bid_amount", Json.num(bid == null ? BigDecimal.ZERO : bid.quantity()));
        o.set("best_ask_price", Json.num(ask == null ? BigDecimal.ZERO : ask.price()));
        o.set("best_ask_amount", Json.num(ask == null ? BigDecimal.ZERO : ask.quantity()));
    }

    private void optionFields(ObjectNode o, DeribitInstrument i, BookSnapshot book) {
        o.set("underlying_price", Json.num(market.index(i)));
        o.put("underlying_index", "index_price");
        o.put("interest_rate", 0);
        o.set("mark_iv", Json.num(DeribitMarket.VOL * 100, 2));
        o.set("bid_iv", Json.num(book.bids().isEmpty() ? 0
                : market.impliedVolPercent(i, book.bids().get(0).price()), 2));
        o.set("ask_iv", Json.num(book.asks().isEmpty() ? 0
                : market.impliedVolPercent(i, book.asks().get(0).price()), 2));
        BlackScholes.Greeks g = market.greeks(i);
        ObjectNode greeks = o.putObject("greeks");
        greeks.set("delta", Json.num(g.delta(), 5));
        greeks.set("gamma", Json.num(g.gamma(), 5));
        greeks.set("vega", Json.num(g.vega(), 5));
        greeks.set("theta", Json.num(g.theta(), 5));
        greeks.set("rho", Json.num(g.rho(), 5));
    }

    /** {@code public/get_order_book}: the ticker fields, {@code change_id} and the levels {@code [price, amount]}. */
    ObjectNode orderBook(DeribitInstrument i, BookSnapshot full, int depth) {
        ObjectNode o = ticker(i, full);
        BookSnapshot top = full.top(depth);
        o.put("change_id", full.lastUpdateId());
        o.set("bids", plainLevels(top.bids()));
        o.set("asks", plainLevels(top.asks()));
        return o;
    }

    /** Mark price band: ±1.5 % rounded to the tick. */
    private static BigDecimal bound(DeribitInstrument i, BigDecimal mark, String factor) {
        BigDecimal tick = i.engine().tickSize();
        return mark.multiply(new BigDecimal(factor)).divideToIntegralValue(tick).multiply(tick);
    }

    /** Sum of the long positions of all accounts, in the instrument's amount unit. */
    private BigDecimal openInterest(DeribitInstrument i) {
        BigDecimal sum = BigDecimal.ZERO;
        for (String account : accounts.ids()) {
            Position p = accounts.position(account, i.name());
            if (p.quantity().signum() > 0) {
                sum = sum.add(p.quantity());
            }
        }
        return sum;
    }
}
