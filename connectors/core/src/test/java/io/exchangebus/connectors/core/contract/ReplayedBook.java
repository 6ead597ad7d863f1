package io.exchangebus.connectors.core.contract;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The book a sequence of {@link BookUpdate}s describes, replayed from its last snapshot on: what a consumer of the
 * events would hold. Tests compare it with the simulator's true book, by value (scale aside).
 */
public final class ReplayedBook {
    private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();

    private ReplayedBook() {
    }

    /** The book of {@code updates}: the last snapshot, then every update after it; empty if there are none. */
    public static ReplayedBook of(List<BookUpdate> received) {
        // A copy: the list may be one that updates are still added to, whose sub-lists fail once it changes.
        List<BookUpdate> updates = List.copyOf(received);
        int start = 0;
        for (int i = 0; i < updates.size(); i++) {
            if (updates.get(i).getKind() == BookUpdateKind.SNAPSHOT) {
                start = i;
            }
        }
        ReplayedBook book = new ReplayedBook();
        for (BookUpdate update : updates.subList(start, updates.size())) {
            apply(book.bids, update.getBids());
            apply(book.asks, update.getAsks());
        }
        return book;
    }

    /** Whether the top {@code depth} levels of each side equal the simulator's, price and quantity. */
    public boolean topEquals(SimulatorProbe.TrueBook truth, int depth) {
        return text(bids.entrySet(), depth).equals(text(truth.bids(), depth))
                && text(asks.entrySet(), depth).equals(text(truth.asks(), depth));
    }

    /** "bids p@q … | asks p@q …", best first, every level. */
    @Override
    public String toString() {
        return "bids " + text(bids.entrySet(), Integer.MAX_VALUE) + " | asks " + text(asks.entrySet(),
                Integer.MAX_VALUE);
    }

    private static void apply(TreeMap<BigDecimal, BigDecimal> side, List<PriceLevel> levels) {
        for (PriceLevel level : levels) {
            if (level.getQuantity().signum() == 0) {
                side.remove(level.getPrice());
            } else {
                side.put(level.getPrice(), level.getQuantity());
            }
        }
    }

    private static String text(java.util.Collection<Map.Entry<BigDecimal, BigDecimal>> levels, int depth) {
        return levels.stream().limit(depth)
                .map(l -> l.getKey().stripTrailingZeros().toPlainString() + "@"
                        + l.getValue().stripTrailingZeros().toPlainString())
                .collect(Collectors.joining(" "));
    }
}
