package io.exchangebus.ingest;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A book rebuilt from the records of market.book.v1 as a consumer would: snapshot, then deltas applied in order. */
final class BookView {
    private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();

    /** The book after {@code updates}, from the last snapshot on. */
    static BookView of(List<BookUpdate> updates) {
        BookView view = new BookView();
        for (BookUpdate update : updates) {
            if (update.getKind() == BookUpdateKind.SNAPSHOT) {
                view.bids.clear();
                view.asks.clear();
            }
            apply(view.bids, update.getBids());
            apply(view.asks, update.getAsks());
        }
        return view;
    }

    private static void apply(Map<BigDecimal, BigDecimal> side, List<PriceLevel> levels) {
        for (PriceLevel level : levels) {
            BigDecimal price = level.getPrice().stripTrailingZeros();
            if (level.getQuantity().signum() == 0) {
                side.remove(price);
            } else {
                side.put(price, level.getQuantity().stripTrailingZeros());
            }
        }
    }

    /** Whether it holds exactly these levels (price, quantity), best first. */
    boolean equalsTruth(List<io.exchangebus.sim.engine.PriceLevel> trueBids,
                        List<io.exchangebus.sim.engine.PriceLevel> trueAsks) {
        return same(bids, trueBids) && same(asks, trueAsks);
    }

    private static boolean same(TreeMap<BigDecimal, BigDecimal> side, List<io.exchangebus.sim.engine.PriceLevel> truth) {
        if (side.size() != truth.size()) {
            return false;
        }
        int i = 0;
        for (Map.Entry<BigDecimal, BigDecimal> level : side.entrySet()) {
            io.exchangebus.sim.engine.PriceLevel t = truth.get(i++);
            if (level.getKey().compareTo(t.price()) != 0 || level.getValue().compareTo(t.quantity()) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "bids " + bids + " asks " + asks;
    }
}
