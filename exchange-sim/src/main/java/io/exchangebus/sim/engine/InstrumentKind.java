package io.exchangebus.sim.engine;

/**
 * Spot settles both assets on each fill. Perpetuals and futures settle PnL in the instrument's settlement asset,
 * linearly or inversely ({@link ContractType}). Options trade a premium priced in their settlement asset, paid in
 * full at each fill.
 */
public enum InstrumentKind {
    SPOT,
    PERPETUAL,
    FUTURE,
    OPTION;

    public boolean isDerivative() {
        return this != SPOT;
    }
}
