package io.exchangebus.sim.engine;

/** Spot settles both assets on each fill; perpetuals and futures are linear, settle PnL in the quote asset. */
public enum InstrumentKind {
    SPOT,
    PERPETUAL,
    FUTURE;

    public boolean isDerivative() {
        return this != SPOT;
    }
}
