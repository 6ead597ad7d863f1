package io.exchangebus.sim.binance;

import io.exchangebus.sim.engine.CancelReason;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.Liquidity;
import io.exchangebus.sim.engine.OrderState;

/** Turns the engines' order events into the family's user-data events for whoever listens (see {@link BinanceCore.UserEventSink}). */
final class UserEvents {

    private final BinanceCore core;

    UserEvents(BinanceCore core) {
        this.core = core;
    }

    void onEngineEvent(EngineEvent event) {
        BinanceCore.UserEventSink sink = core.sink;
        if (sink == null) {
            return;
        }
        OrderState order;
        String exec;
        Fill fill = null;
        Liquidity liquidity = null;
        if (event instanceof EngineEvent.OrderAccepted a) {
            order = a.order();
            exec = "NEW";
        } else if (event instanceof EngineEvent.OrderFilled f) {
            order = f.order();
            exec = "TRADE";
            fill = f.fill();
            liquidity = f.liquidity();
        } else if (event instanceof EngineEvent.OrderCanceled c) {
            order = c.order();
            exec = c.reason() == CancelReason.USER || c.reason() == CancelReason.CANCEL_ALL ? "CANCELED" : "EXPIRED";
        } else if (event instanceof EngineEvent.OrderAmended am && core.venue.reportsAmendments()) {
            order = am.order();
            exec = "AMENDMENT";
        } else {
            return;
        }
        String account = order.account();
        if (!sink.listens(account)) {
            return;
        }
        BinanceCore.Meta meta = core.orders.meta(order);
        if (meta == null) {
            meta = new BinanceCore.Meta(order.symbol(), account, core.venue.binanceType(order), order.clientOrderId(),
                    false, order.stopPrice());
        }
        BinanceSymbol sym = core.symbols.get(order.symbol());
        long time = event.time().toEpochMilli();
        core.venue.orderEvents(core, sym, order, meta, exec, fill, liquidity, time)
                .forEach(e -> sink.deliver(account, e));
    }
}
