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
 * go through {@link ExactDecimals#exact} (scale 18, never rounded: a value that does not fit is an error).
 * Stateless apart from the instrument's names; safe to share.
 */
public final class BookUpdateMapper {
    private static final Comparator<Level> BIDS_BEST_FIRST = Comparator.comparing(Level::price).reversed();
    private static final Comparator<Level> ASKS_BEST_FIRST = Comparator.comparing(Level::price);

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
        return build(BookUpdateKind.SNAPSHOT, resync, 0, sequence, null, book.top(BookSide.BID, 0),
                book.top(BookSide.ASK, 0), exchangeTime, receiveTime);
    }

    /**
     * A full-depth delta; its levels are sorted best first as the schema says. {@code previousSequence} is the
     * exchange's previous id when it sends one, null otherwise.
     */
    public BookUpdate delta(BookDiff diff, Instant receiveTime) {
        Long previous = diff.hasPreviousUpdateId() ? diff.previousUpdateId() : null;
        return build(BookUpdateKind.DELTA, false, 0, diff.lastUpdateId(), previous,
                sorted(diff.bids(), BIDS_BEST_FIRST), sorted(diff.asks(), ASKS_BEST_FIRST), diff.exchangeTime(),
                receiveTime);
    }

    /** A top-N view, as a snapshot of depth N. */
    public BookUpdate topN(TopNBook view, Instant receiveTime) {
        return build(BookUpdateKind.SNAPSHOT, view.resync(), view.depth(), view.sequence(), null, view.bids(),
                view.asks(), view.exchangeTime(), receiveTime);
    }

    private BookUpdate build(BookUpdateKind kind, boolean resync, int depth, long sequence, Long previous,
                             List<Level> bids, List<Level> asks, Instant exchangeTime, Instant receiveTime) {
        return BookUpdate.newBuilder()
                .setExchange(exchange).setSymbol(symbol).setInstrumentId(instrumentId)
                .setKind(kind).setResync(resync).setDepth(depth)
                .setSequence(sequence).setPreviousSequence(previous)
                .setBids(levels("bids", bids)).setAsks(levels("asks", asks))
                .setExchangeTime(exchangeTime)
                .setReceiveTime(Objects.requireNonNull(receiveTime, "receiveTime"))
                .build();
    }

    private static List<PriceLevel> levels(String side, List<Level> levels) {
        List<PriceLevel> out = new ArrayList<>(levels.size());
        for (Level level : levels) {
            out.add(new PriceLevel(ExactDecimals.exact(side + ".price", level.price()),
                    ExactDecimals.exact(side + ".quantity", level.quantity())));
        }
        return out;
    }

    private static List<Level> sorted(List<Level> levels, Comparator<Level> order) {
        List<Level> copy = new ArrayList<>(levels);
        copy.sort(order);
        return copy;
    }
}
