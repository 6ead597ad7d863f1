package io.exchangebus.benchmarks.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * The sequence gaps the run injected, and whether each was followed by a resync: a resync snapshot of the same book
 * on {@code market.book.v1} whose sequence is at least the first update id left out (one taken before the gap
 * reflects an older update id, so it cannot count). Driver's thread only.
 */
final class Gaps {
    /** One frame of {@code symbol} left out, from update id {@code skippedId}, when {@code updates} were counted. */
    record Gap(String symbol, long skippedId, long updates) {
    }

    private final List<Gap> injected = new ArrayList<>();

    void add(Gap gap) {
        injected.add(gap);
    }

    int count() {
        return injected.size();
    }

    /** Gaps followed by a resync of their book, judged on what {@code books} has read. */
    int resynced(MarketBooks books) {
        return (int) injected.stream().filter(gap -> followedByResync(gap, books)).count();
    }

    /** Gaps not followed by a resync, for the report. */
    List<Gap> unresynced(MarketBooks books) {
        List<Gap> missing = new ArrayList<>();
        for (Gap gap : injected) {
            if (!followedByResync(gap, books)) {
                missing.add(gap);
            }
        }
        return missing;
    }

    private static boolean followedByResync(Gap gap, MarketBooks books) {
        return books.resyncs(SimulatedMarket.key(gap.symbol())).stream().anyMatch(s -> s >= gap.skippedId());
    }
}
