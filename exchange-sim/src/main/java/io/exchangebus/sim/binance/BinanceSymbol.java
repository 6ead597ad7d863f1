package io.exchangebus.sim.binance;

import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.engine.InstrumentKind;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A symbol as Binance's exchangeInfo describes it: the PRICE_FILTER, LOT_SIZE / MARKET_LOT_SIZE and
 * NOTIONAL (spot) / MIN_NOTIONAL (USDⓈ-M) filters, and the precisions used to render numbers.
 *
 * @param startMid where the market-data generator starts its mid price (on the tick)
 */
public record BinanceSymbol(String symbol, String baseAsset, String quoteAsset, BigDecimal tickSize,
                            BigDecimal minPrice, BigDecimal maxPrice, BigDecimal stepSize, BigDecimal minQty,
                            BigDecimal maxQty, BigDecimal marketMaxQty, BigDecimal minNotional,
                            int pricePrecision, int quantityPrecision, BigDecimal startMid) {

    public BinanceSymbol {
        Objects.requireNonNull(symbol, "symbol");
    }

    /** Spot BTCUSDT as on Binance: tick 0.01, step 0.00001, NOTIONAL min 5. */
    public static BinanceSymbol spotBtcUsdt() {
        return new BinanceSymbol("BTCUSDT", "BTC", "USDT", bd("0.01"), bd("0.01"), bd("1000000.00"), bd("0.00001"),
                bd("0.00001"), bd("9000.00000"), bd("100.00000"), bd("5.00"), 2, 5, bd("60000.00"));
    }

    /** Spot ETHUSDT: tick 0.01, step 0.0001, NOTIONAL min 5. */
    public static BinanceSymbol spotEthUsdt() {
        return new BinanceSymbol("ETHUSDT", "ETH", "USDT", bd("0.01"), bd("0.01"), bd("1000000.00"), bd("0.0001"),
                bd("0.0001"), bd("9000.0000"), bd("1000.0000"), bd("5.00"), 2, 4, bd("3000.00"));
    }

    /** USDⓈ-M perpetual BTCUSDT as on Binance: tick 0.10, step 0.001, MIN_NOTIONAL 100. */
    public static BinanceSymbol usdmBtcUsdt() {
        return new BinanceSymbol("BTCUSDT", "BTC", "USDT", bd("0.10"), bd("556.80"), bd("4529764"), bd("0.001"),
                bd("0.001"), bd("1000"), bd("120"), bd("100"), 2, 3, bd("60000.0"));
    }

    /** USDⓈ-M perpetual ETHUSDT: tick 0.01, step 0.001, MIN_NOTIONAL 20. */
    public static BinanceSymbol usdmEthUsdt() {
        return new BinanceSymbol("ETHUSDT", "ETH", "USDT", bd("0.01"), bd("39.86"), bd("306177"), bd("0.001"),
                bd("0.001"), bd("10000"), bd("2000"), bd("20"), 2, 3, bd("3000.00"));
    }

    /** As a spot pair, with spot's default fees (0.1% maker and taker). */
    Instrument spotInstrument() {
        return new Instrument(symbol, InstrumentKind.SPOT, baseAsset, quoteAsset, tickSize, stepSize, minQty,
                bd("0.001"), bd("0.001"));
    }

    /** As a USDⓈ-M perpetual, with its default fees (0.02% maker, 0.05% taker). */
    Instrument perpetualInstrument() {
        return new Instrument(symbol, InstrumentKind.PERPETUAL, baseAsset, quoteAsset, tickSize, stepSize, minQty,
                bd("0.0002"), bd("0.0005"));
    }

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }
}
