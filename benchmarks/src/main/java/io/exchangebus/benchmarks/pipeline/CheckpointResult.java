package io.exchangebus.benchmarks.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One checkpoint: the market stood still, and every book was compared with the simulator's true book at each stage.
 *
 * @param index   1, 2, …; the last one is taken after driving ends
 * @param updates updates counted when it began
 * @param books   one entry per symbol
 * @param millis  how long it took, waiting for the stages included
 */
public record CheckpointResult(int index, long updates, List<BookCheck> books, long millis) {

    /**
     * One book at one checkpoint. A stage not run in this configuration is null.
     *
     * @param trueSequence the update id of the true book
     * @param ingest       the book replayed from market.book.v1, once at the true sequence, equals the full true book
     * @param state        state.books.v1's latest view of the key showed the true top-N within the timeout
     * @param api          the query API answered the true top-N
     * @param stateReadNanos when the matching view was read ({@link System#nanoTime()}), or 0
     */
    public record BookCheck(String symbol, long trueSequence, boolean ingest, Boolean state, Boolean api,
                            @JsonIgnore long stateReadNanos) {
        int mismatches() {
            return (ingest ? 0 : 1) + (Boolean.FALSE.equals(state) ? 1 : 0) + (Boolean.FALSE.equals(api) ? 1 : 0);
        }
    }

    /** Mismatches at every stage, summed over the books. */
    public int mismatches() {
        return books.stream().mapToInt(BookCheck::mismatches).sum();
    }

    /** Books whose state.books.v1 view did not show the true top-N. */
    public long stateMismatches() {
        return books.stream().filter(b -> Boolean.FALSE.equals(b.state())).count();
    }
}
