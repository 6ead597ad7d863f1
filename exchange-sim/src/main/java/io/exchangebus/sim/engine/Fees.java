package io.exchangebus.sim.engine;

import java.math.BigDecimal;

/**
 * Who pays what fee in which asset. Spot: each side pays in the asset it receives (buyer in base, seller in quote),
 * as Binance does by default; derivatives and options: both in the settlement asset, {@code rate × |settlement
 * value|} (for inverse contracts {@code rate × amount / price} of base). Exact except for the inverse division.
 */
final class Fees {

    private Fees() {
    }

    static BigDecimal fee(Instrument instrument, Side side, BigDecimal rate, BigDecimal qty, BigDecimal price) {
        return rate.multiply(paysInBase(instrument, side) ? qty : instrument.settlementValue(qty, price).abs());
    }

    static String asset(Instrument instrument, Side side) {
        return paysInBase(instrument, side) ? instrument.base() : instrument.settlementAsset();
    }

    private static boolean paysInBase(Instrument instrument, Side side) {
        return instrument.kind() == InstrumentKind.SPOT && side == Side.BUY;
    }
}
