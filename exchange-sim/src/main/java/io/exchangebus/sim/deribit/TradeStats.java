package io.exchangebus.sim.deribit;

import io.exchangebus.sim.engine.Fill;
import java.math.BigDecimal;

/** Trade statistics of one instrument since the simulator started (Deribit's are over 24 h). Thread-safe. */
final class TradeStats {

    private BigDecimal first;
    private BigDecimal last;
    private long lastTradeId = -1;
    private BigDecimal high;
    private BigDecimal low;
    private BigDecimal volume = BigDecimal.ZERO;
    private BigDecimal volumeUsd = BigDecimal.ZERO;
    private BigDecimal previousLast;

    synchronized void add(Fill fill, DeribitInstrument instrument) {
        if (fill.tradeId() == lastTradeId) {
            return;
        }
        previousLast = last;
        lastTradeId = fill.tradeId();
        BigDecimal price = fill.price();
        first = first == null ? price : first;
        last = price;
        high = high == null || price.compareTo(high) > 0 ? price : high;
        low = low == null || price.compareTo(low) < 0 ? price : low;
        if (instrument.isInverse()) {
            volumeUsd = volumeUsd.add(fill.quantity());
            volume = volume.add(instrument.engine().settlementValue(fill.quantity(), price));
        } else {
            volume = volume.add(fill.quantity());
            volumeUsd = volumeUsd.add(instrument.isOption() ? BigDecimal.ZERO : fill.quantity().multiply(price));
        }
    }

    /** The last price before {@code fill} (null for the first trade). */
    synchronized BigDecimal lastPriceBefore(Fill fill) {
        return fill.tradeId() == lastTradeId ? previousLast : last;
    }

    synchronized BigDecimal last() {
        return last;
    }

    synchronized BigDecimal high() {
        return high;
    }

    synchronized BigDecimal low() {
        return low;
    }

    synchronized BigDecimal volume() {
        return volume;
    }

    synchronized BigDecimal volumeUsd() {
        return volumeUsd;
    }

    /** Percent change from the first trade to the last, 4 decimals; 0 without trades. */
    synchronized BigDecimal priceChange() {
        if (first == null) {
            return BigDecimal.ZERO;
        }
        return last.subtract(first).multiply(BigDecimal.valueOf(100)).divide(first, 4, java.math.RoundingMode.HALF_EVEN);
    }
}
