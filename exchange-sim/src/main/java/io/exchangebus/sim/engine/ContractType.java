package io.exchangebus.sim.engine;

/**
 * How a contract's value follows its price. LINEAR: a unit of underlying is worth {@code price} of the settlement
 * (quote) asset, so PnL is {@code amount × (exit − entry)}. INVERSE: the underlying amount is counted in the quote
 * asset (e.g. USD) and settles in the base asset (e.g. BTC), a unit being worth {@code 1 / price} base, so PnL is
 * {@code amount × (1/entry − 1/exit)} of base (Deribit's "reversed" BTC-PERPETUAL).
 */
public enum ContractType {
    LINEAR,
    INVERSE
}
