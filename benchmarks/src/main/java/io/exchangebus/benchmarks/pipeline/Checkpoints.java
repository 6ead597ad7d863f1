package io.exchangebus.benchmarks.pipeline;

import io.exchangebus.sim.engine.BookSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Takes checkpoints: with the market standing still, each book's true state against what each stage shows.
 * <ul>
 *   <li>ingest: once the book replayed from {@code market.book.v1} has reached the true book's update id, every
 *       level of it must equal the true book (it is what any consumer of the topic holds);</li>
 *   <li>streams-apps: the latest {@code state.books.v1} view of the key must come to show the true top-N (levels,
 *       prices and quantities by value, no more and no fewer) within the timeout;</li>
 *   <li>the query API must answer the true top-N too.</li>
 * </ul>
 * Every mismatch is printed with both books. Runs on the driver's thread.
 */
final class Checkpoints {
    private static final long POLL_MILLIS = 5;
    /** How long the query API may still differ once the view is right (it reads the service's store). */
    private static final Duration API_GRACE = Duration.ofSeconds(5);

    private final SimulatedMarket market;
    private final MarketBooks marketBooks;
    private final StateBooks stateBooks;
    private final BooksQueryApi api;
    private final int depth;
    private final Duration timeout;
    private final PrintStream out;
    private final List<CheckpointResult> taken = new ArrayList<>();

    /** {@code stateBooks} and {@code api} are null when streams-apps does not run. */
    Checkpoints(SimulatedMarket market, MarketBooks marketBooks, StateBooks stateBooks, BooksQueryApi api, int depth,
                Duration timeout, PrintStream out) {
        this.market = market;
        this.marketBooks = marketBooks;
        this.stateBooks = stateBooks;
        this.api = api;
        this.depth = depth;
        this.timeout = timeout;
        this.out = out;
    }

    /** Takes one; the market must not move meanwhile. */
    CheckpointResult take(long updates) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        int index = taken.size() + 1;
        List<CheckpointResult.BookCheck> books = new ArrayList<>();
        for (String symbol : market.symbols()) {
            books.add(check(index, symbol, deadline));
        }
        CheckpointResult result = new CheckpointResult(index, updates, books,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        taken.add(result);
        return result;
    }

    List<CheckpointResult> taken() {
        return List.copyOf(taken);
    }

    private CheckpointResult.BookCheck check(int index, String symbol, long deadline) {
        String key = SimulatedMarket.key(symbol);
        BookSnapshot truth = market.trueBook(symbol);
        long trueSequence = truth.lastUpdateId();
        TopBook trueTop = TopBook.ofTruth(truth, depth);

        boolean ingestOk = await(deadline, () -> marketBooks.lastSequence(key) >= trueSequence);
        TopBook replayed = marketBooks.book(key, Integer.MAX_VALUE);
        TopBook trueFull = TopBook.ofTruth(truth, Integer.MAX_VALUE);
        ingestOk = ingestOk && replayed.sameLevelsAs(trueFull);
        if (!ingestOk) {
            mismatch(index, symbol, "market.book.v1 (replayed, every level)", trueFull, replayed);
        }
        if (stateBooks == null) {
            return new CheckpointResult.BookCheck(symbol, trueSequence, ingestOk, null, null, 0);
        }

        StateBooks.View[] view = new StateBooks.View[1];
        boolean stateOk = await(deadline, () -> {
            view[0] = stateBooks.latest(key);
            return view[0] != null && TopBook.ofUpdate(view[0].update()).sameLevelsAs(trueTop);
        });
        if (!stateOk) {
            mismatch(index, symbol, "state.books.v1 (latest view)", trueTop,
                    view[0] == null ? null : TopBook.ofUpdate(view[0].update()));
        }

        long apiDeadline = Math.max(deadline, System.nanoTime() + API_GRACE.toNanos());
        TopBook[] answered = new TopBook[1];
        String[] failure = new String[1];
        boolean apiOk = await(apiDeadline, () -> {
            try {
                answered[0] = api.book(SimulatedMarket.EXCHANGE, symbol, depth);
                failure[0] = null;
                return answered[0].sameLevelsAs(trueTop);
            } catch (IOException e) {
                failure[0] = e.getMessage();
                return false;
            }
        });
        if (!apiOk) {
            mismatch(index, symbol, "query API" + (failure[0] == null ? "" : " (" + failure[0] + ")"), trueTop,
                    answered[0]);
        }
        return new CheckpointResult.BookCheck(symbol, trueSequence, ingestOk, stateOk, apiOk,
                stateOk ? view[0].readNanos() : 0);
    }

    private void mismatch(int index, String symbol, String stage, TopBook truth, TopBook shown) {
        out.println("MISMATCH checkpoint " + index + " " + symbol + " at " + stage + ":");
        out.println("  true:  " + truth);
        out.println("  shown: " + (shown == null ? "(nothing)" : shown));
    }

    /** Polls {@code condition} until it holds (true) or {@code deadlineNanos} passes (false). */
    private static boolean await(long deadlineNanos, BooleanSupplier condition) {
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
