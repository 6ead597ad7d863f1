package io.exchangebus.oms;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current best bid and ask of every book seen on {@code market.book.v1}, by exchange and symbol: a SNAPSHOT
 * replaces a book, a DELTA sets its levels (quantity 0 removes one). A book is known from its first snapshot on;
 * deltas before it are ignored, because levels from deltas alone are not a book.
 *
 * <p>{@link #apply} is called from one thread (the book reader); {@link #best} from any. Readers see the best
 * prices published after each applied update.
 */
public final class TopOfBook {
    /** Best bid and ask of one book; either may be null when that side is empty. */
    public record Best(BigDecimal bid, BigDecimal ask) {
        /** The mid, or the one side there is, or null for an empty book. */
        public BigDecimal mid() {
            if (bid != null && ask != null) {
                return bid.add(ask).divide(BigDecimal.valueOf(2));
            }
            return bid != null ? bid : ask;
        }
    }

    private final Map<String, Levels> books = new ConcurrentHashMap<>();
    private final Map<String, Best> best = new ConcurrentHashMap<>();

    /** Applies one update (book reader thread only). */
    public void apply(BookUpdate update) {
        String key = key(update.getExchange(), update.getSymbol());
        Levels levels = books.get(key);
        if (update.getKind() == BookUpdateKind.SNAPSHOT) {
            levels = new Levels();
            books.put(key, levels);
        } else if (levels == null) {
            return;
        }
        levels.apply(update.getBids(), levels.bids, update.getKind() == BookUpdateKind.SNAPSHOT);
        levels.apply(update.getAsks(), levels.asks, update.getKind() == BookUpdateKind.SNAPSHOT);
        best.put(key, new Best(levels.bids.isEmpty() ? null : levels.bids.firstKey(),
                levels.asks.isEmpty() ? null : levels.asks.firstKey()));
    }

    /** The best prices of the book, if one has been seen. */
    public Optional<Best> best(String exchange, String symbol) {
        return Optional.ofNullable(best.get(key(exchange, symbol)));
    }

    private static String key(String exchange, String symbol) {
        return exchange + ":" + symbol;
    }

    private static final class Levels {
        final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();

        void apply(List<PriceLevel> changes, TreeMap<BigDecimal, BigDecimal> side, boolean snapshot) {
            for (PriceLevel level : changes) {
                if (level.getQuantity().signum() == 0) {
                    side.remove(level.getPrice());
                } else if (!snapshot || level.getQuantity().signum() > 0) {
                    side.put(level.getPrice(), level.getQuantity());
                }
            }
        }
    }
}
