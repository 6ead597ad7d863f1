package io.exchangebus.benchmarks.pipeline;

import io.exchangebus.localstack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a {@link BookPipelineRun} does, from its command line ({@link #parse}); {@link #defaults()} is the long run.
 *
 * @param updates         book updates (records on market.book.v1) to drive, at least
 * @param symbols         books, one per symbol, spread over the topics' partitions by key
 * @param gapEvery        one sequence gap per this many updates (0: none)
 * @param checkpointEvery a checkpoint per this many updates; one more at the end
 * @param depth           the top-N compared, and streams-apps' {@code books.depth}
 * @param minInterval     streams-apps' {@code books.min-interval}: how often a book's view is published at most
 * @param maxLag          update ids market.book.v1 may trail the simulator, all books together, before driving waits
 * @param maxViewLag      update ids the state.books.v1 views may trail the simulator, all books together
 * @param checkpointTimeout how long a checkpoint waits for a stage to show the true book
 * @param withStreams     false: ingest only, compared on market.book.v1 (no streams-apps, no state.books.v1)
 * @param broker          where the broker runs: its own process (as deployed) or this JVM
 * @param seed            the simulator's seed: the same seed makes the same market
 * @param json            where to write the report as JSON, or null
 * @param workDir         the services' configurations, logs and state, or null for a new temporary directory
 */
public record PipelineOptions(long updates, int symbols, long gapEvery, long checkpointEvery, int depth,
                              Duration minInterval, long maxLag, long maxViewLag, Duration checkpointTimeout,
                              boolean withStreams, LocalStack.Mode broker, long seed, Path json, Path workDir) {

    static final String USAGE = String.join("\n",
            "usage: benchmarks/run-book-pipeline [options]",
            "  --updates N              book updates on market.book.v1 to drive, at least (1000000)",
            "  --symbols N              books, one per symbol, 1 to 8 (4)",
            "  --gap-every N            a sequence gap per N updates, 0 for none (20000)",
            "  --checkpoint-every N     a checkpoint per N updates, and one at the end (50000)",
            "  --depth N                top-N compared; streams-apps' books.depth (10)",
            "  --min-interval DURATION  streams-apps' books.min-interval, e.g. 20ms (20ms)",
            "  --max-lag N              update ids market.book.v1 may trail the simulator, all books, before driving",
            "                           waits (8000)",
            "  --max-view-lag N         the same for the state.books.v1 views (80000)",
            "  --checkpoint-timeout D   how long a checkpoint waits for each stage to show the true book (30s)",
            "  --ingest-only            no streams-apps: compare the book replayed from market.book.v1 only",
            "  --broker process|in-jvm  where the Kafka broker runs (process)",
            "  --seed N                 the simulator's seed (1)",
            "  --json FILE              also write the report as JSON to FILE",
            "  --work-dir DIR           the services' configurations, logs and state (a new temporary directory)");

    public PipelineOptions {
        require(updates > 0, "--updates must be positive");
        require(symbols >= 1 && symbols <= SimulatedMarket.SYMBOLS.size(),
                "--symbols must be 1 to " + SimulatedMarket.SYMBOLS.size());
        require(gapEvery >= 0, "--gap-every must not be negative");
        require(checkpointEvery > 0, "--checkpoint-every must be positive");
        require(depth > 0, "--depth must be positive");
        require(!minInterval.isNegative(), "--min-interval must not be negative");
        require(maxLag > 0, "--max-lag must be positive");
        require(maxViewLag > 0, "--max-view-lag must be positive");
        require(checkpointTimeout.toMillis() > 0, "--checkpoint-timeout must be positive");
    }

    /** The long run of the issue: a million updates over four books, a gap per 20,000, a checkpoint per 50,000. */
    public static PipelineOptions defaults() {
        return new PipelineOptions(1_000_000, 4, 20_000, 50_000, 10, Duration.ofMillis(20), 8_000,
                80_000, Duration.ofSeconds(30), true, LocalStack.Mode.PROCESSES, 1, null, null);
    }

    /**
     * The options of {@code args} over {@link #defaults()}.
     *
     * @throws IllegalArgumentException naming the option that is unknown, lacks its value or has a bad one
     */
    public static PipelineOptions parse(String... args) {
        PipelineOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--ingest-only")) {
                o = o.with(b -> b.withStreams = false);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag.startsWith("--") ? flag + " needs a value"
                        : "unknown argument " + flag);
            }
            String v = args[++i];
            try {
                o = switch (flag) {
                    case "--updates" -> o.with(b -> b.updates = Long.parseLong(v));
                    case "--symbols" -> o.with(b -> b.symbols = Integer.parseInt(v));
                    case "--gap-every" -> o.with(b -> b.gapEvery = Long.parseLong(v));
                    case "--checkpoint-every" -> o.with(b -> b.checkpointEvery = Long.parseLong(v));
                    case "--depth" -> o.with(b -> b.depth = Integer.parseInt(v));
                    case "--min-interval" -> o.with(b -> b.minInterval = duration(v));
                    case "--max-lag" -> o.with(b -> b.maxLag = Long.parseLong(v));
                    case "--max-view-lag" -> o.with(b -> b.maxViewLag = Long.parseLong(v));
                    case "--checkpoint-timeout" -> o.with(b -> b.checkpointTimeout = duration(v));
                    case "--broker" -> o.with(b -> b.broker = broker(v));
                    case "--seed" -> o.with(b -> b.seed = Long.parseLong(v));
                    case "--json" -> o.with(b -> b.json = Path.of(v));
                    case "--work-dir" -> o.with(b -> b.workDir = Path.of(v));
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + ": not a number: " + v);
            }
        }
        return o;
    }

    /** "20ms", "2s", "1m" or ISO-8601 ("PT0.5S"). */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration (20ms, 2s, 1m): " + text);
        }
    }

    /** The duration as the services' configuration writes it ({@code 20ms}). */
    static String yamlDuration(Duration d) {
        return d.toMillis() + "ms";
    }

    private static LocalStack.Mode broker(String v) {
        return switch (v) {
            case "process" -> LocalStack.Mode.PROCESSES;
            case "in-jvm" -> LocalStack.Mode.IN_JVM;
            default -> throw new IllegalArgumentException("--broker: process or in-jvm, was " + v);
        };
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A copy with some fields changed, for {@link #parse} and tests. */
    public PipelineOptions with(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** The fields of a {@link PipelineOptions}, to change some of them ({@link #with}). */
    public static final class Builder {
        public long updates;
        public int symbols;
        public long gapEvery;
        public long checkpointEvery;
        public int depth;
        public Duration minInterval;
        public long maxLag;
        public long maxViewLag;
        public Duration checkpointTimeout;
        public boolean withStreams;
        public LocalStack.Mode broker;
        public long seed;
        public Path json;
        public Path workDir;

        private Builder(PipelineOptions o) {
            updates = o.updates;
            symbols = o.symbols;
            gapEvery = o.gapEvery;
            checkpointEvery = o.checkpointEvery;
            depth = o.depth;
            minInterval = o.minInterval;
            maxLag = o.maxLag;
            maxViewLag = o.maxViewLag;
            checkpointTimeout = o.checkpointTimeout;
            withStreams = o.withStreams;
            broker = o.broker;
            seed = o.seed;
            json = o.json;
            workDir = o.workDir;
        }

        private PipelineOptions build() {
            return new PipelineOptions(updates, symbols, gapEvery, checkpointEvery, depth, minInterval, maxLag,
                    maxViewLag, checkpointTimeout, withStreams, broker, seed, json, workDir);
        }
    }
}
