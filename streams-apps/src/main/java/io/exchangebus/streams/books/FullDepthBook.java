package io.exchangebus.streams.books;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The full-depth book of one {@code exchange:symbol}, as its builder holds it and as its store keeps it
 * ({@link StoredBookSerde}): levels, the last applied sequence, and whether the book can be trusted.
 *
 * <p>Invariants: prices are keys compared by value ({@code 65000.1} and {@code 65000.10} are one level); no level
 * of quantity 0 is held; bids iterate best (highest) first, asks best (lowest) first; a stale book holds no levels.
 * {@link #levelBytes} is the sum of the held levels' encoded lengths, kept as levels come and go so that the serde
 * sizes its array without walking the book twice.
 *
 * <p>Levels are trusted here: {@link BookUpdateContract} has checked them. Not thread-safe: one stream thread owns a
 * book; queries read a copy deserialized from the store.
 */
final class FullDepthBook {
    private final TreeMap<BigDecimal, BookLevel> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, BookLevel> asks = new TreeMap<>();
    private int levelBytes;

    private final String exchange;
    private final String symbol;
    private String instrumentId;
    private long sequence;
    private boolean stale;
    private boolean awaitingFirstDelta;
    private Instant exchangeTime;
    private Instant receiveTime;

    FullDepthBook(String exchange, String symbol, String instrumentId) {
        this.exchange = exchange;
        this.symbol = symbol;
        this.instrumentId = instrumentId;
    }

    /** Restores the scalar state of a stored book; levels follow through {@link #restoreLevel}. */
    static FullDepthBook restored(String exchange, String symbol, String instrumentId, long sequence, boolean stale,
                                  boolean awaitingFirstDelta, Instant exchangeTime, Instant receiveTime) {
        FullDepthBook book = new FullDepthBook(exchange, symbol, instrumentId);
        book.sequence = sequence;
        book.stale = stale;
        book.awaitingFirstDelta = awaitingFirstDelta;
        book.exchangeTime = exchangeTime;
        book.receiveTime = receiveTime;
        return book;
    }

    /** The snapshot's levels replace the book's; the book is whole again and waits for its first delta. */
    void replaceWith(BookUpdate snapshot) {
        clearLevels();
        instrumentId = snapshot.getInstrumentId();
        setAll(bids, snapshot.getBids());
        setAll(asks, snapshot.getAsks());
        sequence = snapshot.getSequence();
        stale = false;
        awaitingFirstDelta = true;
        times(snapshot);
    }

    /** Applies a delta the sequence rule accepted: quantity 0 removes a level, any other sets it. */
    void applyDelta(BookUpdate delta) {
        setAll(bids, delta.getBids());
        setAll(asks, delta.getAsks());
        sequence = delta.getSequence();
        awaitingFirstDelta = false;
        times(delta);
    }

    /**
     * The book is known to be wrong from {@code gap} on: its levels are dropped until the next snapshot. The sequence
     * stays the last applied one; the times become the gap's, when the book was found wrong.
     */
    void markStale(BookUpdate gap) {
        clearLevels();
        stale = true;
        awaitingFirstDelta = false;
        times(gap);
    }

    private void setAll(TreeMap<BigDecimal, BookLevel> side, List<PriceLevel> levels) {
        // Indexed loop: Avro's arrays are random access, and this spares an iterator per side and update.
        for (int i = 0, n = levels.size(); i < n; i++) {
            PriceLevel level = levels.get(i);
            if (level.getQuantity().signum() == 0) {
                BookLevel removed = side.remove(level.getPrice());
                if (removed != null) {
                    levelBytes -= removed.encoded.length;
                }
            } else {
                restoreLevel(side == bids, BookLevel.of(level));
            }
        }
    }

    /** Sets a level on a side (bids when {@code bid}); for the serde and for applying updates. */
    void restoreLevel(boolean bid, BookLevel level) {
        BookLevel replaced = (bid ? bids : asks).put(level.level.getPrice(), level);
        levelBytes += level.encoded.length - (replaced == null ? 0 : replaced.encoded.length);
    }

    private void clearLevels() {
        bids.clear();
        asks.clear();
        levelBytes = 0;
    }

    private void times(BookUpdate update) {
        exchangeTime = update.getExchangeTime();
        receiveTime = update.getReceiveTime();
    }

    /** Bid levels, best (highest) first; a live view, not to be modified. */
    Collection<BookLevel> bids() {
        return bids.values();
    }

    /** Ask levels, best (lowest) first; a live view, not to be modified. */
    Collection<BookLevel> asks() {
        return asks.values();
    }

    /** The best bid, or null when the bid side is empty. */
    PriceLevel bestBid() {
        return best(bids);
    }

    /** The best ask, or null when the ask side is empty. */
    PriceLevel bestAsk() {
        return best(asks);
    }

    private static PriceLevel best(TreeMap<BigDecimal, BookLevel> side) {
        Map.Entry<BigDecimal, BookLevel> first = side.firstEntry();
        return first == null ? null : first.getValue().level;
    }

    int levelBytes() {
        return levelBytes;
    }

    String exchange() {
        return exchange;
    }

    String symbol() {
        return symbol;
    }

    String instrumentId() {
        return instrumentId;
    }

    /** The sequence of the last snapshot or delta applied. */
    long sequence() {
        return sequence;
    }

    boolean stale() {
        return stale;
    }

    /** True between a snapshot and the first delta applied on it: that delta bridges by the snapshot's rules. */
    boolean awaitingFirstDelta() {
        return awaitingFirstDelta;
    }

    /** Exchange time of the last update applied (or of the gap, when stale); null when the exchange does not say. */
    Instant exchangeTime() {
        return exchangeTime;
    }

    /** Receive time of the last update applied (or of the gap, when stale). */
    Instant receiveTime() {
        return receiveTime;
    }

    @Override
    public String toString() {
        return "FullDepthBook{" + exchange + ':' + symbol + ", sequence=" + sequence + (stale ? ", stale" : "")
                + ", levels=" + bids.size() + '/' + asks.size() + '}';
    }
}
