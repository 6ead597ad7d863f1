package io.exchangebus.benchmarks.pipeline;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.process.ServiceProcess;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One run over a started stack and simulator: the readers of both topics, the two services, the warm-up, the
 * driving with its gaps and checkpoints, the last checkpoint, the report. Driver's thread only.
 */
final class Pipeline {
    private static final long HEALTH_EVERY_STEPS = 500;
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(90);

    private final PipelineOptions options;
    private final PrintStream out;
    private final LocalStack stack;
    private final SimulatedMarket market;
    private final Path workDir;
    private final List<String> jvmOptions;
    private final MarketBooks marketBooks = new MarketBooks();
    private final Gaps gaps = new Gaps();
    private StateBooks stateBooks;
    private ServiceProcess ingest;
    private ServiceProcess streams;
    private TopicTail marketTail;
    private TopicTail stateTail;

    Pipeline(PipelineOptions options, PrintStream out, LocalStack stack, SimulatedMarket market, Path workDir,
             List<String> jvmOptions) {
        this.options = options;
        this.out = out;
        this.stack = stack;
        this.market = market;
        this.workDir = workDir;
        this.jvmOptions = jvmOptions;
    }

    PipelineReport run() {
        try (TopicTail m = new TopicTail(stack.bootstrapServers(), stack.registryUrl(), Topics.MARKET_BOOK.name(),
                marketBooks::accept)) {
            marketTail = m;
            if (options.withStreams()) {
                stateBooks = new StateBooks();
                stateTail = new TopicTail(stack.bootstrapServers(), stack.registryUrl(), Topics.STATE_BOOKS.name(),
                        stateBooks::accept);
            }
            try (ServiceProcess i = Services.startIngest(options, market, stack, workDir, jvmOptions);
                 ServiceProcess s = options.withStreams()
                         ? Services.startStreams(options, stack, workDir, jvmOptions) : null) {
                ingest = i;
                streams = s;
                out.println("book-pipeline: ingest ops port " + i.opsPort()
                        + (s == null ? "" : ", streams-apps ops port " + s.opsPort()));
                return drive();
            }
        } finally {
            if (stateTail != null) {
                stateTail.close();
            }
        }
    }

    private PipelineReport drive() {
        Checkpoints checkpoints = new Checkpoints(market, marketBooks, stateBooks,
                streams == null ? null : new BooksQueryApi(streams), options.depth(), options.checkpointTimeout(), out);
        warmUp();
        long baseline = marketBooks.records();
        long started = System.nanoTime();
        out.printf(Locale.ROOT, "book-pipeline: books in sync after %,d updates; driving %,d updates over %d books%n",
                baseline, options.updates(), market.symbols().size());
        long checkpointNanos = 0;
        long nextGap = options.gapEvery();
        long nextCheckpoint = options.checkpointEvery();
        long steps = 0;
        List<String> symbols = market.symbols();
        while (marketBooks.records() - baseline < options.updates()) {
            long updates = marketBooks.records() - baseline;
            if (options.gapEvery() > 0 && updates >= nextGap) {
                String symbol = symbols.get(gaps.count() % symbols.size());
                gaps.add(new Gaps.Gap(symbol, market.skipOneFrame(symbol), updates));
                nextGap = (updates / options.gapEvery() + 1) * options.gapEvery();
            } else if (updates >= nextCheckpoint) {
                checkpointNanos += checkpoint(checkpoints, updates, started);
                nextCheckpoint = (updates / options.checkpointEvery() + 1) * options.checkpointEvery();
            } else {
                String symbol = symbols.get((int) (steps++ % symbols.size()));
                if (steps % HEALTH_EVERY_STEPS == 0) {
                    checkHealth();
                }
                awaitPipeline();
                market.step(symbol);
            }
        }
        checkpointNanos += checkpoint(checkpoints, marketBooks.records() - baseline, started);
        return report(checkpoints.taken(), baseline, started, checkpointNanos);
    }

    /** Takes a checkpoint and prints its line; returns how long the market stood still. */
    private long checkpoint(Checkpoints checkpoints, long updates, long started) {
        long t = System.nanoTime();
        CheckpointResult c = checkpoints.take(updates);
        long took = System.nanoTime() - t;
        double seconds = (t - started) / 1e9;
        out.printf(Locale.ROOT, "checkpoint %d at %,d updates (%.1f s): %d books, %d mismatches, waited %d ms; "
                        + "%d gaps, %d resyncs so far%n", c.index(), updates, seconds, c.books().size(),
                c.mismatches(), c.millis(), gaps.count(), marketBooks.resyncCount());
        return took;
    }

    /**
     * Steps every book gently until ingest has published each one's first snapshot and (with streams-apps) each has
     * a view on state.books.v1, then waits until every stage has caught up, so that the measured run starts from
     * books in sync.
     */
    private void warmUp() {
        long deadline = System.nanoTime() + WARM_UP_TIMEOUT.toNanos();
        while (!allBooksShown()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("books not in sync within " + WARM_UP_TIMEOUT.toSeconds() + " s: "
                        + describeServices());
            }
            checkHealth();
            market.symbols().forEach(market::step);
            sleep(20);
        }
        for (String symbol : market.symbols()) {
            long target = market.lastUpdateId(symbol);
            String key = SimulatedMarket.key(symbol);
            TopBook trueTop = TopBook.ofTruth(market.trueBook(symbol), options.depth());
            // streams-apps publishes a view when the top-N changes: the last may be older than the last update
            while (marketBooks.lastSequence(key) < target || (stateBooks != null && !showsTop(key, trueTop))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(symbol + " did not catch up in the warm-up: "
                            + describeServices());
                }
                sleep(5);
            }
        }
    }

    private boolean showsTop(String key, TopBook trueTop) {
        StateBooks.View view = stateBooks.latest(key);
        return view != null && TopBook.ofUpdate(view.update()).sameLevelsAs(trueTop);
    }

    private boolean allBooksShown() {
        for (String symbol : market.symbols()) {
            String key = SimulatedMarket.key(symbol);
            if (marketBooks.lastSequence(key) < 0 || (stateBooks != null && stateBooks.latest(key) == null)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits while the books on market.book.v1 trail the simulator by more than {@code --max-lag} update ids, all
     * books together, or the state.books.v1 views by more than {@code --max-view-lag}: the driver never runs far
     * ahead of the pipeline. ingest's connector hands frames from the socket to its handler through a bounded queue
     * (8,192 frames) and drops frames, resyncing, when it is full; the ingest bound keeps the frames in flight well
     * under that. A pipeline that makes no progress for the checkpoint timeout ends the run.
     */
    private void awaitPipeline() {
        long deadline = 0;
        while (true) {
            long ingestLag = 0;
            long viewLag = 0;
            for (String symbol : market.symbols()) {
                String key = SimulatedMarket.key(symbol);
                long last = market.lastUpdateId(symbol);
                ingestLag += last - marketBooks.lastSequence(key);
                viewLag += stateBooks == null ? 0 : last - stateBooks.lastSequence(key);
            }
            if (ingestLag <= options.maxLag() && viewLag <= options.maxViewLag()) {
                return;
            }
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + options.checkpointTimeout().toNanos();
            } else if (now > deadline) {
                throw new IllegalStateException(String.format(Locale.ROOT, "pipeline stalled: market.book.v1 %d "
                                + "and state.books.v1 %d update ids behind the simulator for %d s; %s", ingestLag,
                        viewLag, options.checkpointTimeout().toSeconds(), describeServices()));
            }
            sleep(1);
        }
    }

    private void checkHealth() {
        marketTail.checkAlive();
        if (stateTail != null) {
            stateTail.checkAlive();
        }
        if (!ingest.isAlive() || (streams != null && !streams.isAlive())) {
            throw new IllegalStateException("a service exited: " + describeServices());
        }
    }

    private String describeServices() {
        return ingest.describe() + (streams == null ? "" : "\n" + streams.describe());
    }

    private PipelineReport report(List<CheckpointResult> taken, long baseline, long started, long checkpointNanos) {
        CheckpointResult last = taken.get(taken.size() - 1);
        long ingestEnd = marketBooks.lastReadNanos();
        long materialisedEnd = last.books().stream().mapToLong(CheckpointResult.BookCheck::stateReadNanos).max()
                .orElse(0);
        long end = streams == null ? ingestEnd : Math.max(ingestEnd, materialisedEnd);
        long updates = marketBooks.records() - baseline;
        double elapsed = (end - started) / 1e9;
        long books = taken.stream().mapToLong(c -> c.books().size()).sum();
        long ingestMismatches = count(taken, b -> !b.ingest());
        long stateMismatches = count(taken, b -> Boolean.FALSE.equals(b.state()));
        long apiMismatches = count(taken, b -> Boolean.FALSE.equals(b.api()));
        gaps.unresynced(marketBooks).forEach(g -> out.println("gap not followed by a resync: " + g));
        return new PipelineReport(options, updates, baseline, gaps.count(), gaps.resynced(marketBooks),
                marketBooks.resyncCount(), IngestOverflows.fromLog(ingest.logFile()), marketBooks.sequenceBreaks(),
                stateBooks == null ? 0 : stateBooks.records(), taken, books,
                streams == null ? ingestMismatches : stateMismatches, streams == null ? 0 : ingestMismatches,
                apiMismatches, elapsed, checkpointNanos / 1e9, updates / elapsed,
                updates / ((ingestEnd - started) / 1e9), workDir);
    }

    private static long count(List<CheckpointResult> taken,
                              java.util.function.Predicate<CheckpointResult.BookCheck> failed) {
        return taken.stream().flatMap(c -> c.books().stream()).filter(failed).count();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
