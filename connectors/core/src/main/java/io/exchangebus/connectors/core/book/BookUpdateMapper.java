package io.exchangebus.connectors.core.book;

import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Maps the synchronizer's output to the unified {@link BookUpdate} event of one instrument. Prices and quantities
 * go through {@link ExactDecimals#checked} (held exactly by the model's decimal(38, 18), never rounded: a value
 * that does not fit is an error; kept at the exchange's scale, which Avro's encoder raises to 18 when it writes).
 * Stateless apart from the instrument's names; safe to share.
 */
public final class BookUpdateMapper {
    private static final Comparator<Level> ASKS_BEST_FIRST = (a, b) -> a.price().compareTo(b.price());
    private static final Comparator<Level> BIDS_BEST_FIRST = (a, b) -> b.price().compareTo(a.price());

    private static final String BIDS_PRICE = "bids.price";
    private static final String BIDS_QUANTITY = "bids.quantity";
    private static final String ASKS_PRICE = "asks.price";
    private static final String ASKS_QUANTITY = "asks.quantity";

    private final String exchange;
    private final String symbol;
    private final String instrumentId;

    /**
     * @param exchange     venue id (binance-spot, binance-usdm, deribit, grvt)
     * @param symbol       the exchange's own symbol
     * @param instrumentId our instrument id
     */
    public BookUpdateMapper(String exchange, String symbol, String instrumentId) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.instrumentId = Objects.requireNonNull(instrumentId, "instrumentId");
    }

    /** A full-depth snapshot ({@code depth} 0) of the book at {@code sequence}. */
    public BookUpdate snapshot(OrderBook book, long sequence, boolean resync, Instant exchangeTime,
                               Instant receiveTime) {
        return build(BookUpdateKind.SNAPSHOT, resync, 0, sequence, null, null, book.top(BookSide.BID, 0),
                book.top(BookSide.ASK, 0), exchangeTime, receiveTime);
    }

    /**
     * A full-depth delta; its levels are sorted best first as the schema says. {@code previousSequence} is the
     * exchange's previous id when it sends one, null otherwise; {@code firstSequence} is the diff's first id, so
     * that a consumer can check continuity without {@code previousSequence} (Binance spot has none).
     */
    public BookUpdate delta(BookDiff diff, Instant receiveTime) {
        Long previous = diff.hasPreviousUpdateId() ? diff.previousUpdateId() : null;
        return build(BookUpdateKind.DELTA, false, 0, diff.lastUpdateId(), previous, diff.firstUpdateId(),
                sorted(diff.bids(), BIDS_BEST_FIRST), sorted(diff.asks(), ASKS_BEST_FIRST), diff.exchangeTime(),
                receiveTime);
    }

    /** A top-N view, as a snapshot of depth N. */
    public BookUpdate topN(TopNBook view, Instant receiveTime) {
        return build(BookUpdateKind.SNAPSHOT, view.resync(), view.depth(), view.sequence(), null, null, view.bids(),
                view.asks(), view.exchangeTime(), receiveTime);
    }

    /** Every field is given and non-null where the schema says so: the all-fields constructor, not the builder. */
    private BookUpdate build(BookUpdateKind kind, boolean resync, int depth, long sequence, Long previous,
                             Long first, List<Level> bids, List<Level> asks, Instant exchangeTime, Instant receiveTime) {
        return new BookUpdate(exchange, symbol, instrumentId, kind, resync, depth, sequence, previous,
                levels(BIDS_PRICE, BIDS_QUANTITY, bids), levels(ASKS_PRICE, ASKS_QUANTITY, asks), exchangeTime,
                Objects.requireNonNull(receiveTime, "receiveTime"), first);
    }

    private static List<PriceLevel> levels(String priceField, String quantityField, List<Level> levels) {
        List<PriceLevel> out = new ArrayList<>(levels.size());
        for (Level level : levels) {
            out.add(new PriceLevel(ExactDecimals.checked(priceField, level.price()),
                    ExactDecimals.checked(quantityField, level.quantity())));
        }
        return out;
    }

    /** {@code levels} best first; exchanges send them so, which costs one pass to confirm and no copy. */
    private static List<Level> sorted(List<Level> levels, Comparator<Level> order) {
        for (int i = 1; i < levels.size(); i++) {
            if (order.compare(levels.get(i - 1), levels.get(i)) > 0) {
                List<Level> copy = new ArrayList<>(levels);
                copy.sort(order);
                return copy;
            }
        }
        return levels;
    }
}
