package io.exchangebus.benchmarks.ingest;

import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.benchmarks.pipeline.MarketBooks;
import io.exchangebus.benchmarks.pipeline.TopicTail;
import java.time.Duration;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether every frame sent reached {@code market.book.v1}, read once the ingest phase is over (so no consumer ran
 * beside the measured processes): the topic replayed per book by the book pipeline's {@link MarketBooks}, every delta
 * continuing the update before it, and every book ending at its last recorded update id. A frame ingest received
 * while it fetched a snapshot is folded into the snapshot it publishes, not published as a delta of its own; those
 * are counted as {@code folded} (frames sent minus deltas, minus the snapshot frames of exchanges that send each
 * book's snapshot in the stream). Where the exchange links each change to the one before ({@code previousSequence}:
 * Deribit's {@code prev_change_id}, GRVT's {@code prev_sequence_number}), a delta breaks the sequence when that link
 * is not the previous update's sequence ({@link #linked}); for Binance, when its first update id does not continue
 * the previous update's (the book pipeline's {@link MarketBooks} rule).
 *
 * @param streamSnapshots snapshot frames among the frames sent (each book's first, for Deribit and GRVT; 0 for
 *                        Binance, whose snapshots come over REST)
 * @param records        records on the topic
 * @param deltas         delta records (every record but the books' first snapshots and the resync snapshots)
 * @param resyncs        resync snapshots
 * @param sequenceBreaks deltas that did not continue the update before them
 * @param booksBehind    books whose last update is not the recording's last, described
 */
record BookCheck(long streamSnapshots, long records, long deltas, long resyncs, long sequenceBreaks, List<String> booksBehind) {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(180);

    static BookCheck read(String bootstrapServers, String registryUrl, Venue venue, Recording recording,
                          long records) throws InterruptedException {
        MarketBooks books = new MarketBooks();
        Map<String, Long> last = new HashMap<>();
        AtomicLong brokenLinks = new AtomicLong();
        try (TopicTail tail = new TopicTail(bootstrapServers, registryUrl, Topics.MARKET_BOOK.name(), r -> {
            if (!linked(r.value(), last.put(r.key(), r.value().getSequence()))) {
                brokenLinks.incrementAndGet();
            }
            books.accept(r);
        })) {
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (books.records() < records) {
                tail.checkAlive();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("market.book.v1 not read back within " + READ_TIMEOUT.toSeconds()
                            + " s: " + books.records() + " of " + records);
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        long[] lastIds = new long[recording.symbols().size()];
        for (int i = 0; i < recording.frames(); i++) {
            lastIds[recording.symbolOf(i)] = recording.lastId(i);
        }
        List<String> behind = new ArrayList<>();
        for (int b = 0; b < lastIds.length; b++) {
            String symbol = recording.symbols().get(b);
            long at = books.lastSequence(TopicKey.exchangeSymbol(venue.exchange, symbol));
            if (at != lastIds[b]) {
                behind.add(symbol + " ends at update id " + at + ", the recording at " + lastIds[b]);
            }
        }
        long resyncs = books.resyncCount();
        return new BookCheck(venue.restSnapshots() ? 0 : lastIds.length, books.records(),
                books.records() - lastIds.length - resyncs, resyncs,
                venue.restSnapshots() ? books.sequenceBreaks() : brokenLinks.get(),
                List.copyOf(behind));
    }

    /**
     * Whether {@code update} follows the update before it of its book ({@code before}'s sequence, null for none):
     * a snapshot always; a delta if its sequence rises and its {@code previousSequence}, where the exchange gives
     * one, is {@code before}. (Deribit's {@code firstSequence} is its {@code change_id}, so the book pipeline's
     * {@code firstSequence} rule, Binance's, does not apply to linked exchanges.)
     */
    static boolean linked(BookUpdate update, Long before) {
        if (update.getKind() == BookUpdateKind.SNAPSHOT) {
            return true;
        }
        Long previous = update.getPreviousSequence();
        return before != null && update.getSequence() > before && (previous == null || previous.equals(before));
    }

    /** Frames sent that are neither deltas nor snapshots of their own: folded into the snapshots ingest published. */
    long folded(long framesSent) {
        return framesSent - streamSnapshots - deltas;
    }

    boolean passed() {
        return sequenceBreaks == 0 && booksBehind.isEmpty();
    }
}
