package io.exchangebus.sim.binance;

import io.exchangebus.sim.engine.OrderState;
import java.math.BigDecimal;

/** What both families' JSON views take from the core: number formatting at the symbol's scales, names, time. */
abstract class FamilyViews {
    protected final BinanceCore core;

    FamilyViews(BinanceCore core) {
        this.core = core;
    }

    protected final String price(BinanceSymbol s, BigDecimal v) {
        return core.price(s, v);
    }

    protected final String qty(BinanceSymbol s, BigDecimal v) {
        return core.qty(s, v);
    }

    protected final String quote(BinanceSymbol s, BigDecimal v) {
        return core.quote(s, v);
    }

    protected final String status(OrderState o) {
        return core.status(o);
    }

    protected final String tif(OrderState o) {
        return core.tif(o);
    }

    protected final long now() {
        return core.now();
    }
}
