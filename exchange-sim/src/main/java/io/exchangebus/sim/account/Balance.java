package io.exchangebus.sim.account;

import io.exchangebus.sim.engine.PriceLevel;
import java.math.BigDecimal;

/** One asset of one account: free to use, and locked by open orders; amounts normalized (no trailing zeros). */
public record Balance(String asset, BigDecimal free, BigDecimal locked) {

    public Balance {
        free = PriceLevel.normalize(free);
        locked = PriceLevel.normalize(locked);
    }

    public BigDecimal total() {
        return free.add(locked);
    }
}
