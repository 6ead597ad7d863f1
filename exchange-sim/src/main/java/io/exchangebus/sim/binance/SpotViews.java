package io.exchangebus.sim.binance;

import static io.exchangebus.sim.binance.BinanceCore.JSON;
import static io.exchangebus.sim.binance.BinanceCore.fmt;
import static io.exchangebus.sim.binance.BinanceCore.newClientId;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.account.Balance;
import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.Liquidity;
import io.exchangebus.sim.engine.OrderState;
import io.exchangebus.sim.engine.OrderStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Spot's JSON: order responses, the account, and the user-data events (executionReport, outboundAccountPosition). */
final class SpotViews extends FamilyViews {
    private final AtomicLong executionIds = new AtomicLong(1000);

    SpotViews(BinanceCore core) {
        super(core);
    }

    /** The new-order response: ACK, RESULT or FULL. */
    ObjectNode placed(BinanceCore.NewOrder order, CommandResult result, BinanceCore.Meta meta) {
        BinanceSymbol s = order.symbol();
        OrderState state = result.order();
        long id = state.orderId();
        ObjectNode out = JSON.createObjectNode();
        out.put("symbol", s.symbol()).put("orderId", id).put("orderListId", -1)
                .put("clientOrderId", meta.clientOrderId()).put("transactTime", state.updatedAt().toEpochMilli());
        if (order.respType().equals("ACK")) {
            return out;
        }
        out.put("price", price(s, state.price())).put("origQty", qty(s, state.quantity()))
                .put("executedQty", qty(s, state.filledQuantity())).put("origQuoteOrderQty", quote(s, BigDecimal.ZERO))
                .put("cummulativeQuoteQty", quote(s, state.filledNotional())).put("status", status(state))
                .put("timeInForce", tif(state)).put("type", meta.type()).put("side", state.side().name());
        if (meta.stopPrice() != null) {
            out.put("stopPrice", price(s, meta.stopPrice()));
        }
        out.put("workingTime", state.status() == OrderStatus.PENDING_TRIGGER ? -1 : state.createdAt().toEpochMilli());
        if (order.respType().equals("FULL")) {
            fills(s, id, result, out.putArray("fills"));
        }
        out.put("selfTradePreventionMode", "NONE");
        return out;
    }

    private void fills(BinanceSymbol s, long id, CommandResult result, ArrayNode fills) {
        for (EngineEvent e : result.events()) {
            if (e instanceof EngineEvent.OrderFilled f && f.order().orderId() == id) {
                Fill fill = f.fill();
                boolean maker = f.liquidity() == Liquidity.MAKER;
                fills.addObject().put("price", price(s, fill.price())).put("qty", qty(s, fill.quantity()))
                        .put("commission", quote(s, maker ? fill.makerFee() : fill.takerFee()))
                        .put("commissionAsset", maker ? fill.makerFeeAsset() : fill.takerFeeAsset())
                        .put("tradeId", fill.tradeId());
            }
        }
    }

    ObjectNode canceled(OrderState state, BinanceCore.Meta meta, String cancelCid) {
        BinanceSymbol s = core.symbols.get(state.symbol());
        ObjectNode out = JSON.createObjectNode();
        out.put("symbol", s.symbol()).put("origClientOrderId", meta.clientOrderId()).put("orderId", state.orderId())
                .put("orderListId", -1).put("clientOrderId", cancelCid).put("transactTime", now())
                .put("price", price(s, state.price())).put("origQty", qty(s, state.quantity()))
                .put("executedQty", qty(s, state.filledQuantity())).put("origQuoteOrderQty", quote(s, BigDecimal.ZERO))
                .put("cummulativeQuoteQty", quote(s, state.filledNotional())).put("status", status(state))
                .put("timeInForce", tif(state)).put("type", meta.type()).put("side", state.side().name())
                .put("stopPrice", price(s, meta.stopPrice() == null ? BigDecimal.ZERO : meta.stopPrice()))
                .put("icebergQty", qty(s, BigDecimal.ZERO)).put("selfTradePreventionMode", "NONE");
        return out;
    }

    ObjectNode order(OrderState state, BinanceCore.Meta meta) {
        BinanceSymbol s = core.symbols.get(state.symbol());
        ObjectNode out = JSON.createObjectNode();
        out.put("symbol", s.symbol()).put("orderId", state.orderId()).put("orderListId", -1)
                .put("clientOrderId", meta.clientOrderId()).put("price", price(s, state.price()))
                .put("origQty", qty(s, state.quantity())).put("executedQty", qty(s, state.filledQuantity()))
                .put("cummulativeQuoteQty", quote(s, state.filledNotional())).put("status", status(state))
                .put("timeInForce", tif(state)).put("type", meta.type()).put("side", state.side().name())
                .put("stopPrice", price(s, meta.stopPrice() == null ? BigDecimal.ZERO : meta.stopPrice()))
                .put("icebergQty", qty(s, BigDecimal.ZERO)).put("time", state.createdAt().toEpochMilli())
                .put("updateTime", state.updatedAt().toEpochMilli())
                .put("isWorking", state.status() != OrderStatus.PENDING_TRIGGER)
                .put("workingTime", state.status() == OrderStatus.PENDING_TRIGGER ? -1
                        : state.createdAt().toEpochMilli())
                .put("origQuoteOrderQty", quote(s, BigDecimal.ZERO)).put("selfTradePreventionMode", "NONE");
        return out;
    }

    ObjectNode account(String account, boolean omitZero) {
        ObjectNode out = JSON.createObjectNode();
        out.put("makerCommission", 10).put("takerCommission", 10).put("buyerCommission", 0)
                .put("sellerCommission", 0);
        out.putObject("commissionRates").put("maker", "0.00100000").put("taker", "0.00100000")
                .put("buyer", "0.00000000").put("seller", "0.00000000");
        out.put("canTrade", true).put("canWithdraw", true).put("canDeposit", true).put("brokered", false)
                .put("requireSelfTradePrevention", false).put("preventSor", false).put("updateTime", now())
                .put("accountType", "SPOT");
        ArrayNode balances = out.putArray("balances");
        for (Balance b : core.sim.accounts().snapshot(account).balances().values()) {
            if (omitZero && b.total().signum() == 0) {
                continue;
            }
            balances.addObject().put("asset", b.asset()).put("free", fmt(b.free(), 8)).put("locked", fmt(b.locked(), 8));
        }
        out.putArray("permissions").add("SPOT");
        out.put("uid", core.uid);
        return out;
    }

    /** executionReport, then the balances of the symbol's two assets. */
    List<ObjectNode> orderEvents(BinanceSymbol s, OrderState o, BinanceCore.Meta meta, String exec, Fill fill,
                                 Liquidity liquidity, long time) {
        return List.of(executionReport(s, o, meta, exec, fill, liquidity, time),
                accountPosition(o.account(), List.of(s.baseAsset(), s.quoteAsset())));
    }

    /** balanceUpdate, then outboundAccountPosition. */
    List<ObjectNode> depositEvents(String account, String asset, BigDecimal amount) {
        long now = now();
        return List.of(JSON.createObjectNode().put("e", "balanceUpdate").put("E", now).put("a", asset)
                .put("d", fmt(amount, 8)).put("T", now), accountPosition(account, List.of(asset)));
    }

    private ObjectNode accountPosition(String account, List<String> assets) {
        long now = now();
        ObjectNode e = JSON.createObjectNode().put("e", "outboundAccountPosition").put("E", now).put("u", now);
        ArrayNode b = e.putArray("B");
        for (String asset : assets) {
            Balance bal = core.sim.accounts().balance(account, asset);
            b.addObject().put("a", asset).put("f", fmt(bal.free(), 8)).put("l", fmt(bal.locked(), 8));
        }
        return e;
    }

    private ObjectNode executionReport(BinanceSymbol s, OrderState o, BinanceCore.Meta meta, String exec, Fill fill,
                                       Liquidity liquidity, long time) {
        boolean canceled = exec.equals("CANCELED");
        String cancelCid = canceled ? orElse(core.orders.cancelClientId(o.orderId()), newClientId()) : null;
        boolean maker = liquidity == Liquidity.MAKER;
        ObjectNode e = JSON.createObjectNode();
        e.put("e", "executionReport").put("E", now()).put("s", s.symbol())
                .put("c", canceled ? cancelCid : meta.clientOrderId()).put("S", o.side().name())
                .put("o", meta.type()).put("f", tif(o)).put("q", qty(s, o.quantity()))
                .put("p", price(s, o.price())).put("P", price(s, meta.stopPrice() == null ? BigDecimal.ZERO
                        : meta.stopPrice())).put("F", qty(s, BigDecimal.ZERO)).put("g", -1)
                .put("C", canceled ? meta.clientOrderId() : "").put("x", exec).put("X", status(o)).put("r", "NONE")
                .put("i", o.orderId()).put("l", qty(s, fill == null ? BigDecimal.ZERO : fill.quantity()))
                .put("z", qty(s, o.filledQuantity()))
                .put("L", price(s, fill == null ? BigDecimal.ZERO : fill.price()));
        if (fill != null) {
            e.put("n", fmt(maker ? fill.makerFee() : fill.takerFee(), 8))
                    .put("N", maker ? fill.makerFeeAsset() : fill.takerFeeAsset());
        } else {
            e.put("n", "0").putNull("N");
        }
        e.put("T", time).put("t", fill == null ? -1 : fill.tradeId()).put("I", executionIds.incrementAndGet())
                .put("w", o.status().isOpen() && o.status() != OrderStatus.PENDING_TRIGGER)
                .put("m", fill != null && maker).put("M", false).put("O", o.createdAt().toEpochMilli())
                .put("Z", quote(s, o.filledNotional()))
                .put("Y", quote(s, fill == null ? BigDecimal.ZERO : fill.notional()))
                .put("Q", quote(s, BigDecimal.ZERO));
        if (o.status() != OrderStatus.PENDING_TRIGGER) {
            e.put("W", o.createdAt().toEpochMilli());
        }
        e.put("V", "NONE");
        return e;
    }

    private static String orElse(String v, String dflt) {
        return v != null ? v : dflt;
    }
}
