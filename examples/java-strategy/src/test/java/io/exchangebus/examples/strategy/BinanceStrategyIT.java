package io.exchangebus.examples.strategy;

import java.math.BigDecimal;

/** The example strategy on Binance USDⓈ-M's BTCUSDT perpetual: BTC, step 0.001, notional at least 100 USDT. */
class BinanceStrategyIT extends StrategyAgainstSimulator {

    @Override
    String exchange() {
        return "binance-usdm";
    }

    @Override
    BigDecimal quantity() {
        return new BigDecimal("0.005");
    }
}
