package io.exchangebus.streams.books;

import io.exchangebus.events.PriceLevel;
import java.util.List;

/**
 * What the book builder holds in memory for one key: the working copy of its book (the store holds the same, written
 * after every change) and what was last published of it. The published bookkeeping is not stored: after a restart or
 * a rebalance it starts empty, so a view or quote may be published once more, which is harmless on compacted topics
 * and to the consolidator, which replaces a venue's quote. Not thread-safe: one stream thread owns it.
 */
final class TrackedBook {
    static final long NEVER = Long.MIN_VALUE;

    /** Whether the consolidator was last told of this venue: unknown since start, its quote, or that it is gone. */
    enum QuoteSent { UNKNOWN, LIVE, GONE }

    final String key;
    /** Null when no snapshot was ever seen for the key (the store has no book either). */
    FullDepthBook book;
    /** Timestamp of the last record that changed the book, for the records published of it. */
    long changeTimestamp;

    /** Levels of the last view published; null before the first and after the book went stale. */
    List<PriceLevel> viewBids;
    List<PriceLevel> viewAsks;
    /** Wall-clock time of the last view published, or {@link #NEVER}. */
    long viewPublishedMs = NEVER;
    /** The top levels changed since the last view, which was too recent to publish again. */
    boolean dirty;

    QuoteSent quoteSent = QuoteSent.UNKNOWN;
    PriceLevel quotedBid;
    PriceLevel quotedAsk;

    TrackedBook(String key, FullDepthBook book) {
        this.key = key;
        this.book = book;
    }

    /** Whether the last view shows the book's current top levels. */
    boolean viewIsCurrent(int depth) {
        return BookViews.sameTop(book.bids(), viewBids, depth) && BookViews.sameTop(book.asks(), viewAsks, depth);
    }

    void forgetView() {
        viewBids = null;
        viewAsks = null;
        dirty = false;
    }

    /** Whether the consolidator holds this book's current best bid and ask. */
    boolean quoteIsCurrent() {
        return quoteSent == QuoteSent.LIVE && BookViews.sameLevel(book.bestBid(), quotedBid)
                && BookViews.sameLevel(book.bestAsk(), quotedAsk);
    }
}
