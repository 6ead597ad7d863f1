package io.exchangebus.sim.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one command of a {@link MatchingEngine} gathers while it runs: the clock reading all its events carry, its
 * events in the order they happened, and the level changes that become its one {@link EngineEvent.BookDiff}. Made
 * when the command begins and dropped when it ends, under the engine's lock, so it needs no locking of its own.
 */
final class EngineCommand {
    final Instant now;
    final List<EngineEvent> events = new ArrayList<>();
    final DiffBuilder diff = new DiffBuilder();

    EngineCommand(Instant now) {
        this.now = now;
    }

    /**
     * Adds the command's {@link EngineEvent.BookDiff} if it changed the book, its changes numbered on from
     * {@code lastUpdateId}.
     *
     * @return the book's new last update id ({@code lastUpdateId} if the book did not change)
     */
    long addBookDiff(String symbol, long lastUpdateId) {
        if (diff.isEmpty()) {
            return lastUpdateId;
        }
        long first = lastUpdateId + 1;
        long last = lastUpdateId + diff.changes();
        events.add(new EngineEvent.BookDiff(symbol, lastUpdateId, first, last, diff.levels(Side.BUY),
                diff.levels(Side.SELL), now));
        return last;
    }
}
