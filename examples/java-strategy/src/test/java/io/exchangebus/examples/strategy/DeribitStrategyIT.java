package io.exchangebus.examples.strategy;

import java.math.BigDecimal;

/** The example strategy on Deribit's inverse BTC-PERPETUAL: USD, in lots of 10. */
class DeribitStrategyIT extends StrategyAgainstSimulator {

    @Override
    String exchange() {
        return "deribit";
    }

    @Override
    BigDecimal quantity() {
        return new BigDecimal("10");
    }
}
