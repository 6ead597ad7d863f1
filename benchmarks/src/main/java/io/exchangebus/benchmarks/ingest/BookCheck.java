package io.exchangebus.benchmarks.ingest;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.benchmarks.pipeline.MarketBooks;
import io.exchangebus.benchmarks.pipeline.SimulatedMarket;
import io.exchangebus.benchmarks.pipeline.TopicTail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether every frame sent reached {@code market.book.v1}, read once the ingest phase is over (so no consumer ran
 * beside the measured processes): the topic replayed per book by the book pipeline's {@link MarketBooks}, every delta
 * continuing the update before it, and every book ending at its last recorded update id. A frame ingest received
 * while it fetched a snapshot is folded into the snapshot it publishes, not published as a delta of its own; those
 * are counted as {@code folded} (frames sent minus deltas).
 *
 * @param records        records on the topic
 * @param deltas         delta records (every record but the books' first snapshots and the resync snapshots)
 * @param resyncs        resync snapshots
 * @param sequenceBreaks deltas that did not continue the update before them
 * @param booksBehind    books whose last update is not the recording's last, described
 */
record BookCheck(long records, long deltas, long resyncs, long sequenceBreaks, List<String> booksBehind) {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(180);

    static BookCheck read(String bootstrapServers, String registryUrl, Recording recording, long records)
            throws InterruptedException {
        MarketBooks books = new MarketBooks();
        try (TopicTail tail = new TopicTail(bootstrapServers, registryUrl, Topics.MARKET_BOOK.name(),
                books::accept)) {
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
            long last = books.lastSequence(SimulatedMarket.key(symbol));
            if (last != lastIds[b]) {
                behind.add(symbol + " ends at update id " + last + ", the recording at " + lastIds[b]);
            }
        }
        long resyncs = books.resyncCount();
        return new BookCheck(books.records(), books.records() - lastIds.length - resyncs, resyncs,
                books.sequenceBreaks(), List.copyOf(behind));
    }

    /** Frames sent that are not deltas of their own: folded into the snapshots ingest published. */
    long folded(long framesSent) {
        return framesSent - deltas;
    }

    boolean passed() {
        return sequenceBreaks == 0 && booksBehind.isEmpty();
    }
}
