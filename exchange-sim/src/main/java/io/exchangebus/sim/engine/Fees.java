package io.exchangebus.sim.engine;

import java.math.BigDecimal;

/**
 * Who pays what fee in which asset. Spot: each side pays in the asset it receives (buyer in base, seller in quote),
 * as Binance does by default; derivatives: both in the quote (settlement) asset. Exact: rate times amount.
 */
final class Fees {

    private Fees() {
    }

    static BigDecimal fee(Instrument instrument, Side side, BigDecimal rate, BigDecimal qty, BigDecimal notional) {
        return rate.multiply(paysInBase(instrument, side) ? qty : notional);
    }

    static String asset(Instrument instrument, Side side) {
        return paysInBase(instrument, side) ? instrument.base() : instrument.quote();
    }

    private static boolean paysInBase(Instrument instrument, Side side) {
        return instrument.kind() == InstrumentKind.SPOT && side == Side.BUY;
    }
}
