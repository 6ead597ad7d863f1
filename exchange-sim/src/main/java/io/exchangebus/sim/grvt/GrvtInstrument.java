package io.exchangebus.sim.grvt;

import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.engine.InstrumentKind;
import java.math.BigDecimal;
import java.util.List;

/**
 * A GRVT instrument as {@code all_instruments} lists it (grvt.md §11). Sizes count the base asset; the engine's lot is
 * the min size, so a size finer than it is "too granular" (2065). {@code instrumentHash} is the EIP-712
 * {@code assetID} of order legs.
 *
 * @param startPrice where the simulator's market-data generator starts
 */
record GrvtInstrument(String name, String instrumentHash, String base, String quote, int baseDecimals,
                      int quoteDecimals, BigDecimal tickSize, BigDecimal minSize, BigDecimal minNotional,
                      BigDecimal maxPositionSize, BigDecimal startPrice) {

    /**
     * BTC_USDT_Perp (hash 0x030501, from the SDK's signing vectors) and ETH_USDT_Perp (0x030401, from the extra
     * vectors, marked illustrative there), both with base_decimals 9 as the vectors and the live ccxt capture show.
     * Tick, min size and min notional are plausible values, not GRVT's. Their markets start where the Binance
     * simulators' do (60,000 and 3,000), so that a consolidated quote over the venues is of one market.
     */
    static List<GrvtInstrument> defaults() {
        return List.of(
                new GrvtInstrument("BTC_USDT_Perp", "0x030501", "BTC", "USDT", 9, 6, new BigDecimal("0.1"),
                        new BigDecimal("0.001"), new BigDecimal("10"), new BigDecimal("100"),
                        new BigDecimal("60000.0")),
                new GrvtInstrument("ETH_USDT_Perp", "0x030401", "ETH", "USDT", 9, 6, new BigDecimal("0.01"),
                        new BigDecimal("0.01"), new BigDecimal("10"), new BigDecimal("1000"),
                        new BigDecimal("3000.00")));
    }

    /** The engine's view: a linear perpetual in base units, settled in the quote, lot = min size. */
    Instrument engine() {
        return new Instrument(name, InstrumentKind.PERPETUAL, base, quote, tickSize, minSize, minSize,
                new BigDecimal("0.0002"), new BigDecimal("0.0005"));
    }
}
