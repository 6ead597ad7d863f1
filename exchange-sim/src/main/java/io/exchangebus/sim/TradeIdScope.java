package io.exchangebus.sim;

import io.exchangebus.sim.engine.Instrument;

/**
 * Which instruments share one sequence of trade ids. Binance numbers trades per symbol; Deribit numbers
 * {@code trade_id} per currency (all BTC-settled instruments share one sequence, USDC-settled linear ones another)
 * while {@code trade_seq} counts per instrument ({@link io.exchangebus.sim.engine.Fill#tradeSeq()}, always).
 */
public enum TradeIdScope {
    /** One sequence per instrument. */
    INSTRUMENT,
    /** One sequence per settlement asset (Deribit's currency: BTC for BTC-PERPETUAL and BTC options). */
    SETTLEMENT_ASSET,
    /** One sequence per base asset. */
    BASE_ASSET,
    /** One sequence for the whole simulator. */
    EXCHANGE;

    /** The key of the sequence {@code instrument} draws from. */
    public String key(Instrument instrument) {
        return switch (this) {
            case INSTRUMENT -> "instrument:" + instrument.symbol();
            case SETTLEMENT_ASSET -> "settlement:" + instrument.settlementAsset();
            case BASE_ASSET -> "base:" + instrument.base();
            case EXCHANGE -> "exchange";
        };
    }
}
