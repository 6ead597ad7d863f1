package io.exchangebus.streams.books;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processor {@code books-builder}: keeps the full-depth book of each {@code exchange:symbol} of its partitions from
 * {@code market.book.v1} and forwards, as {@link SpecificRecordBase} values, top-N views ({@link BookUpdate}, keyed
 * {@code exchange:symbol}) and venue quotes ({@link io.exchangebus.events.VenueQuote}, keyed instrumentId, see
 * {@link VenueQuotes}).
 *
 * <p>Books: a snapshot replaces the book and makes it current; deltas apply by {@link DeltaSequenceRule}; a gap makes
 * the book stale (levels dropped) and nothing is published of it until the next snapshot, since a book known to be
 * wrong is never published. A delta for a missing or stale book, or an old duplicate, changes nothing. A broken
 * event ({@link BookUpdateContract}) throws before anything changes.
 *
 * <p>State: {@link #books} is the working copy, filled from {@link BookTopology#BOOK_STORE} when a key is first seen
 * by this task (after a start, restart or rebalance); every change is written through to the store at once, so the
 * store and its changelog are the truth under exactly-once and the working copy is only a cache of it. It is
 * cleared in {@link #init}, which Streams calls again when it revives a task whose state it rebuilt.
 *
 * <p>Views are throttled per book: a change of the top N is published at once if {@code minInterval} has passed since
 * the book's last view, else the book is marked dirty, and a wall-clock punctuator publishes dirty books once their
 * interval has passed, so the latest top N is always published (trailing edge). Times are
 * {@code context.currentSystemTimeMs()}.
 */
final class BookBuilder implements Processor<String, BookUpdate, String, SpecificRecordBase> {
    /** The punctuator need not run more often than this, whatever the interval. */
    static final Duration MIN_PUNCTUATION = Duration.ofMillis(10);

    private static final Logger log = LoggerFactory.getLogger(BookBuilder.class);

    private final int depth;
    private final long minIntervalMs;
    private final Map<String, TrackedBook> books = new HashMap<>();
    /** Books whose latest top N awaits publishing; insertion order, so the longest waiting go first. */
    private final Set<TrackedBook> dirty = new LinkedHashSet<>();

    private ProcessorContext<String, SpecificRecordBase> context;
    private KeyValueStore<String, FullDepthBook> store;
    private BookCounters counters;

    BookBuilder(BookViewSettings settings) {
        this.depth = settings.depth();
        this.minIntervalMs = settings.minInterval().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecordBase> context) {
        this.context = context;
        this.store = context.getStateStore(BookTopology.BOOK_STORE);
        this.counters = new BookCounters(context);
        books.clear();
        dirty.clear();
        if (minIntervalMs > 0) {
            context.schedule(punctuationInterval(minIntervalMs), PunctuationType.WALL_CLOCK_TIME, this::publishDue);
        }
    }

    /**
     * Half the interval, so a trailing view comes at most half an interval late, and never under
     * {@link #MIN_PUNCTUATION}: a punctuator every millisecond would cost more than the views it publishes.
     */
    static Duration punctuationInterval(long minIntervalMs) {
        return Duration.ofMillis(Math.max(MIN_PUNCTUATION.toMillis(), minIntervalMs / 2));
    }

    @Override
    public void process(Record<String, BookUpdate> record) {
        String key = record.key();
        BookUpdate update = record.value();
        BookUpdateContract.check(key, update);
        TrackedBook tracked = tracked(key);
        if (!apply(tracked, update)) {
            return;
        }
        store.put(key, tracked.book);
        tracked.changeTimestamp = record.timestamp();
        long now = context.currentSystemTimeMs();
        forwardQuoteIfChanged(tracked);
        publishViewIfChanged(tracked, now);
    }

    private TrackedBook tracked(String key) {
        TrackedBook tracked = books.get(key);
        if (tracked == null) {
            // First sight of the key in this task: the store has its book if any earlier run built one.
            tracked = new TrackedBook(key, store.get(key));
            books.put(key, tracked);
        }
        return tracked;
    }

    /** Applies an update to the working copy; returns whether the book changed. */
    private boolean apply(TrackedBook tracked, BookUpdate update) {
        FullDepthBook book = tracked.book;
        if (update.getKind() == BookUpdateKind.SNAPSHOT) {
            if (book == null) {
                book = new FullDepthBook(update.getExchange(), update.getSymbol(), update.getInstrumentId());
                tracked.book = book;
            }
            book.replaceWith(update);
            return true;
        }
        if (book == null || book.stale()) {
            counters.deltaWithoutBook();
            return false;
        }
        switch (DeltaSequenceRule.verdict(book.sequence(), book.awaitingFirstDelta(), update.getSequence(),
                update.getPreviousSequence(), update.getFirstSequence())) {
            case APPLY:
                book.applyDelta(update);
                return true;
            case DUPLICATE:
                counters.duplicateDelta();
                return false;
            case GAP:
            default:
                counters.gap();
                logGap(tracked.key, book, update);
                book.markStale(update);
                return true;
        }
    }

    private static void logGap(String key, FullDepthBook book, BookUpdate delta) {
        log.info("Book {} is stale until its next snapshot: delta {} (first {}, previous {}) does not follow {}{}",
                key, delta.getSequence(), delta.getFirstSequence(), delta.getPreviousSequence(), book.sequence(),
                book.awaitingFirstDelta() ? " (snapshot)" : "");
    }

    private void forwardQuoteIfChanged(TrackedBook tracked) {
        FullDepthBook book = tracked.book;
        if (book.stale()) {
            if (tracked.quoteSent != TrackedBook.QuoteSent.GONE) {
                forwardQuote(tracked, true);
                tracked.quoteSent = TrackedBook.QuoteSent.GONE;
                tracked.quotedBid = null;
                tracked.quotedAsk = null;
            }
        } else if (!tracked.quoteIsCurrent()) {
            forwardQuote(tracked, false);
            tracked.quoteSent = TrackedBook.QuoteSent.LIVE;
            tracked.quotedBid = book.bestBid();
            tracked.quotedAsk = book.bestAsk();
        }
    }

    private void forwardQuote(TrackedBook tracked, boolean gone) {
        FullDepthBook book = tracked.book;
        context.forward(new Record<>(book.instrumentId(), gone ? VenueQuotes.gone(book) : VenueQuotes.quote(book),
                tracked.changeTimestamp, VenueQuotes.headers(gone)));
    }

    private void publishViewIfChanged(TrackedBook tracked, long now) {
        if (tracked.book.stale()) {
            tracked.forgetView();
            dirty.remove(tracked);
        } else if (tracked.viewIsCurrent(depth)) {
            // Changed back to what was published: nothing is owed any more.
            if (tracked.dirty) {
                tracked.dirty = false;
                dirty.remove(tracked);
            }
        } else if (intervalPassed(tracked, now)) {
            publishView(tracked, now);
            if (tracked.dirty) {
                tracked.dirty = false;
                dirty.remove(tracked);
            }
        } else if (!tracked.dirty) {
            tracked.dirty = true;
            dirty.add(tracked);
        }
    }

    /** Punctuator: publishes the dirty books whose interval has passed. */
    private void publishDue(long punctuationTime) {
        long now = context.currentSystemTimeMs();
        Iterator<TrackedBook> due = dirty.iterator();
        while (due.hasNext()) {
            TrackedBook tracked = due.next();
            if (intervalPassed(tracked, now)) {
                due.remove();
                tracked.dirty = false;
                publishView(tracked, now);
            }
        }
    }

    private boolean intervalPassed(TrackedBook tracked, long now) {
        return tracked.viewPublishedMs == TrackedBook.NEVER || now - tracked.viewPublishedMs >= minIntervalMs;
    }

    private void publishView(TrackedBook tracked, long now) {
        FullDepthBook book = tracked.book;
        List<PriceLevel> bids = BookViews.top(book.bids(), depth);
        List<PriceLevel> asks = BookViews.top(book.asks(), depth);
        tracked.viewBids = bids;
        tracked.viewAsks = asks;
        tracked.viewPublishedMs = now;
        context.forward(new Record<>(tracked.key, BookViews.view(book, bids, asks, depth), tracked.changeTimestamp,
                new RecordHeaders()));
    }

    @Override
    public void close() {
        books.clear();
        dirty.clear();
        if (counters != null) {
            counters.remove();
        }
    }
}
