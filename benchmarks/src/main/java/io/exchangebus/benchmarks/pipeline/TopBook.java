package io.exchangebus.benchmarks.pipeline;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.sim.engine.BookSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The top levels of one book, best first, as one stage of the pipeline shows it: the simulator's true book, the
 * book replayed from {@code market.book.v1}, a {@code state.books.v1} view, or the query API's answer. Two are the
 * same when they have the same number of levels a side and every price and quantity is equal by value
 * ({@link BigDecimal#compareTo}, so {@code 1.50} equals {@code 1.5}). Immutable.
 *
 * @param sequence the exchange sequence the book reflects, or -1 where the stage does not say
 */
public record TopBook(long sequence, List<Level> bids, List<Level> asks) {

    /** One price level: price and total quantity, as the stage gave them. */
    public record Level(BigDecimal price, BigDecimal quantity) {
        boolean sameAs(Level other) {
            return price.compareTo(other.price) == 0 && quantity.compareTo(other.quantity) == 0;
        }

        @Override
        public String toString() {
            return price.toPlainString() + "@" + quantity.toPlainString();
        }
    }

    public TopBook {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    /** The simulator's true book, its first {@code depth} levels a side. */
    public static TopBook ofTruth(BookSnapshot truth, int depth) {
        BookSnapshot top = truth.top(depth);
        return new TopBook(truth.lastUpdateId(), engineLevels(top.bids()), engineLevels(top.asks()));
    }

    /** Every level of a {@code BookUpdate} (a {@code state.books.v1} view carries its top-N and no more). */
    public static TopBook ofUpdate(BookUpdate update) {
        return new TopBook(update.getSequence(), eventLevels(update.getBids()), eventLevels(update.getAsks()));
    }

    /** The first {@code depth} entries (price to quantity, best first) of each side. */
    public static TopBook ofEntries(long sequence, Iterable<Map.Entry<BigDecimal, BigDecimal>> bids,
                                    Iterable<Map.Entry<BigDecimal, BigDecimal>> asks, int depth) {
        return new TopBook(sequence, first(bids, depth), first(asks, depth));
    }

    /** Whether both sides have the same levels, by value; the sequences are not compared. */
    public boolean sameLevelsAs(TopBook other) {
        return same(bids, other.bids) && same(asks, other.asks);
    }

    /** "seq S bids p@q p@q | asks p@q p@q". */
    @Override
    public String toString() {
        return "seq " + sequence + " bids " + text(bids) + " | asks " + text(asks);
    }

    private static boolean same(List<Level> a, List<Level> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameAs(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<Level> engineLevels(List<io.exchangebus.sim.engine.PriceLevel> levels) {
        return levels.stream().map(l -> new Level(l.price(), l.quantity())).toList();
    }

    private static List<Level> eventLevels(List<io.exchangebus.events.PriceLevel> levels) {
        return levels.stream().map(l -> new Level(l.getPrice(), l.getQuantity())).toList();
    }

    private static List<Level> first(Iterable<Map.Entry<BigDecimal, BigDecimal>> entries, int depth) {
        List<Level> levels = new ArrayList<>(Math.min(depth, 64));
        for (Map.Entry<BigDecimal, BigDecimal> e : entries) {
            if (levels.size() == depth) {
                break;
            }
            levels.add(new Level(e.getKey(), e.getValue()));
        }
        return levels;
    }

    private static String text(List<Level> levels) {
        return levels.isEmpty() ? "(none)" : levels.stream().map(Level::toString).collect(Collectors.joining(" "));
    }
}
