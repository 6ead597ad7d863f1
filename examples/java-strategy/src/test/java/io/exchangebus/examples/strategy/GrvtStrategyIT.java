package io.exchangebus.examples.strategy;

import java.math.BigDecimal;

/** The example strategy on GRVT's BTC_USDT_Perp: BTC, at least 0.001. */
class GrvtStrategyIT extends StrategyAgainstSimulator {

    @Override
    String exchange() {
        return "grvt";
    }

    @Override
    BigDecimal quantity() {
        return new BigDecimal("0.002");
    }
}
