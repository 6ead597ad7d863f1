package io.exchangebus.sim.engine;

/**
 * What an order's quantity counts. BASE: units of the base asset (spot, linear contracts of size one, Deribit
 * options). QUOTE: units of the quote asset, as Deribit sizes inverse contracts in USD. CONTRACTS: whole contracts,
 * each {@link Instrument#contractSize()} of the underlying (base for linear, quote for inverse).
 */
public enum QuantityUnit {
    BASE,
    QUOTE,
    CONTRACTS
}
