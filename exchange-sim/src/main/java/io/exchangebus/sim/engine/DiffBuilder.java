package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The net change of each touched level within one command, and how many single changes it took. */
final class DiffBuilder {
    private final Map<BigDecimal, BigDecimal> bids = new LinkedHashMap<>();
    private final Map<BigDecimal, BigDecimal> asks = new LinkedHashMap<>();
    private int changes;

    void record(Side side, BigDecimal price, BigDecimal newTotal) {
        (side == Side.BUY ? bids : asks).put(PriceLevel.normalize(price), newTotal);
        changes++;
    }

    int changes() {
        return changes;
    }

    boolean isEmpty() {
        return changes == 0;
    }

    List<PriceLevel> levels(Side side) {
        List<PriceLevel> result = new ArrayList<>();
        (side == Side.BUY ? bids : asks).forEach((p, q) -> result.add(new PriceLevel(p, q)));
        return result;
    }
}
