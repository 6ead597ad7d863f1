package io.exchangebus.sim.binance;

import static io.exchangebus.sim.binance.BinanceCore.JSON;
import static io.exchangebus.sim.binance.BinanceCore.fmt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.Simulator;
import io.exchangebus.sim.account.Position;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.Liquidity;
import io.exchangebus.sim.engine.OrderState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** USDⓈ-M's JSON: the order (every order response is one) and the user-data events (ORDER_TRADE_UPDATE, ACCOUNT_UPDATE). */
final class UsdmViews extends FamilyViews {
    private final Simulator sim;
    private final Map<String, BigDecimal> realizedSeen = new ConcurrentHashMap<>();

    UsdmViews(BinanceCore core) {
        super(core);
        this.sim = core.sim;
    }

    private BigDecimal walletBalance(String account, String asset) {
        return core.margin.walletBalance(account, asset);
    }

    private BigDecimal markPrice(BinanceSymbol s) {
        return core.margin.markPrice(s);
    }

    ObjectNode order(OrderState state, BinanceCore.Meta meta) {
        BinanceSymbol s = core.symbols.get(state.symbol());
        BigDecimal avg = state.filledQuantity().signum() == 0 ? BigDecimal.ZERO
                : state.filledNotional().divide(state.filledQuantity(), s.pricePrecision() + 3, RoundingMode.HALF_EVEN);
        ObjectNode out = JSON.createObjectNode();
        out.put("orderId", state.orderId()).put("symbol", s.symbol()).put("status", status(state))
                .put("clientOrderId", meta.clientOrderId()).put("price", price(s, state.price()))
                .put("avgPrice", avg.setScale(s.pricePrecision() + 3, RoundingMode.HALF_EVEN).toPlainString())
                .put("origQty", qty(s, state.quantity())).put("executedQty", qty(s, state.filledQuantity()))
                .put("cumQty", qty(s, state.filledQuantity())).put("cumQuote", quote(s, state.filledNotional()))
                .put("timeInForce", tif(state)).put("type", meta.type()).put("reduceOnly", meta.reduceOnly())
                .put("closePosition", false).put("side", state.side().name()).put("positionSide", "BOTH")
                .put("stopPrice", price(s, meta.stopPrice() == null ? BigDecimal.ZERO : meta.stopPrice()))
                .put("workingType", "CONTRACT_PRICE").put("priceProtect", false).put("origType", meta.type())
                .put("priceMatch", "NONE").put("selfTradePreventionMode", "NONE").put("goodTillDate", 0)
                .put("time", state.createdAt().toEpochMilli()).put("updateTime", state.updatedAt().toEpochMilli());
        return out;
    }

    /** ORDER_TRADE_UPDATE, then on a fill ACCOUNT_UPDATE (reason ORDER). */
    List<ObjectNode> orderEvents(BinanceSymbol s, OrderState o, BinanceCore.Meta meta, String exec, Fill fill,
                                 Liquidity liquidity, long time) {
        ObjectNode update = orderTradeUpdate(s, o, meta, exec, fill, liquidity, time);
        return fill == null ? List.of(update) : List.of(update, accountUpdateOrder(s, o.account(), time));
    }

    /** ACCOUNT_UPDATE, reason DEPOSIT. */
    List<ObjectNode> depositEvents(String account, String asset, BigDecimal amount) {
        long now = now();
        ObjectNode e = JSON.createObjectNode().put("e", "ACCOUNT_UPDATE").put("E", now).put("T", now);
        ObjectNode a = e.putObject("a").put("m", "DEPOSIT");
        BigDecimal wallet = walletBalance(account, asset);
        a.putArray("B").addObject().put("a", asset).put("wb", fmt(wallet, 8)).put("cw", fmt(wallet, 8))
                .put("bc", fmt(amount, 8));
        a.putArray("P");
        return List.of(e);
    }

    private ObjectNode orderTradeUpdate(BinanceSymbol s, OrderState o, BinanceCore.Meta meta, String exec, Fill fill,
                                        Liquidity liquidity, long time) {
        boolean maker = liquidity == Liquidity.MAKER;
        BigDecimal avg = o.filledQuantity().signum() == 0 ? BigDecimal.ZERO
                : o.filledNotional().divide(o.filledQuantity(), s.pricePrecision() + 3, RoundingMode.HALF_EVEN);
        BigDecimal realized = BigDecimal.ZERO;
        if (fill != null) {
            String key = o.account() + "|" + s.symbol();
            BigDecimal total = sim.accounts().position(o.account(), s.symbol()).realizedPnl();
            BigDecimal before = realizedSeen.getOrDefault(key, BigDecimal.ZERO);
            realizedSeen.put(key, total);
            realized = total.subtract(before);
        }
        ObjectNode e = JSON.createObjectNode().put("e", "ORDER_TRADE_UPDATE").put("E", now()).put("T", time);
        ObjectNode x = e.putObject("o");
        x.put("s", s.symbol()).put("c", meta.clientOrderId()).put("S", o.side().name()).put("o", meta.type())
                .put("f", tif(o)).put("q", qty(s, o.quantity())).put("p", price(s, o.price()))
                .put("ap", avg.toPlainString())
                .put("sp", price(s, meta.stopPrice() == null ? BigDecimal.ZERO : meta.stopPrice()))
                .put("x", exec).put("X", status(o)).put("i", o.orderId())
                .put("l", qty(s, fill == null ? BigDecimal.ZERO : fill.quantity())).put("z", qty(s, o.filledQuantity()))
                .put("L", price(s, fill == null ? BigDecimal.ZERO : fill.price()))
                .put("N", s.quoteAsset())
                .put("n", fill == null ? "0" : fmt(maker ? fill.makerFee() : fill.takerFee(), 8))
                .put("T", time).put("t", fill == null ? 0 : fill.tradeId()).put("b", "0").put("a", "0")
                .put("m", fill != null && maker).put("R", meta.reduceOnly()).put("wt", "CONTRACT_PRICE")
                .put("ot", meta.type()).put("ps", "BOTH").put("cp", false).put("rp", fmt(realized, 8))
                .put("pP", false).put("si", 0).put("ss", 0).put("V", "NONE").put("pm", "NONE").put("gtd", 0)
                .put("er", "0");
        return e;
    }

    private ObjectNode accountUpdateOrder(BinanceSymbol s, String account, long time) {
        ObjectNode e = JSON.createObjectNode().put("e", "ACCOUNT_UPDATE").put("E", now()).put("T", time);
        ObjectNode a = e.putObject("a").put("m", "ORDER");
        BigDecimal wallet = walletBalance(account, s.quoteAsset());
        a.putArray("B").addObject().put("a", s.quoteAsset()).put("wb", fmt(wallet, 8)).put("cw", fmt(wallet, 8))
                .put("bc", "0");
        Position p = sim.accounts().position(account, s.symbol());
        a.putArray("P").addObject().put("s", s.symbol()).put("pa", qty(s, p.quantity()))
                .put("ep", fmt(p.averageEntryPrice(), 8)).put("bep", fmt(p.averageEntryPrice(), 8))
                .put("cr", fmt(p.realizedPnl(), 8)).put("up", fmt(p.unrealizedPnl(markPrice(s)), 8))
                .put("mt", "cross").put("iw", "0").put("ps", "BOTH");
        return e;
    }
}
