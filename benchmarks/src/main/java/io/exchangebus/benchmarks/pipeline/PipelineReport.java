package io.exchangebus.benchmarks.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one run and its verdict: it passes with zero mismatches at every stage, every injected gap followed
 * by a resync, no delta out of sequence on {@code market.book.v1}, and at least the updates asked for.
 *
 * @param updates            records ingest published to market.book.v1 during the measured run (after warm-up)
 * @param warmupUpdates      records published while the books were first synchronised, not measured
 * @param resyncs            resync snapshots read on market.book.v1
 * @param overflows          times ingest's connector dropped frames from a full queue (each resyncs its books)
 * @param sequenceBreaks     deltas on market.book.v1 that did not follow the update before them
 * @param views              records read on state.books.v1 (warm-up included)
 * @param comparisons        book comparisons at checkpoints (books × checkpoints) at the last stage run
 * @param mismatches         state.books.v1 views (or, ingest only, replayed books) that did not show the truth
 * @param ingestMismatches   books replayed from market.book.v1 that differed from the truth
 * @param apiMismatches      query API answers that differed from the truth
 * @param elapsedSeconds     first step of the measured run to the last update materialised (ingest only: published)
 * @param checkpointSeconds  of which the market stood still for checkpoints
 * @param endToEndPerSecond  updates / elapsedSeconds
 * @param ingestPerSecond    updates / (first step to the last record read on market.book.v1)
 */
public record PipelineReport(PipelineOptions options, long updates, long warmupUpdates, int gapsInjected,
                             int gapsResynced, long resyncs, IngestOverflows overflows, long sequenceBreaks,
                             long views, List<CheckpointResult> checkpoints,
                             long comparisons, long mismatches, long ingestMismatches, long apiMismatches,
                             double elapsedSeconds, double checkpointSeconds, double endToEndPerSecond,
                             double ingestPerSecond, Path workDir) {

    /** Why the run fails; empty when it passes. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        if (mismatches + ingestMismatches + apiMismatches > 0) {
            failures.add(mismatches + " state mismatches, " + ingestMismatches + " ingest mismatches, "
                    + apiMismatches + " query API mismatches");
        }
        if (gapsResynced < gapsInjected) {
            failures.add((gapsInjected - gapsResynced) + " of " + gapsInjected + " gaps not followed by a resync");
        }
        if (sequenceBreaks > 0) {
            failures.add(sequenceBreaks + " deltas out of sequence on market.book.v1");
        }
        if (updates < options.updates()) {
            failures.add("only " + updates + " of " + options.updates() + " updates");
        }
        return failures;
    }

    public boolean passed() {
        return failures().isEmpty();
    }

    /** The summary line, then a table of the checkpoints. */
    public void print(PrintStream out) {
        out.println(summary());
        out.printf(Locale.ROOT, "%10s %12s %6s %11s %10s%n", "checkpoint", "updates", "books", "mismatches",
                "waited ms");
        for (CheckpointResult c : checkpoints) {
            out.printf(Locale.ROOT, "%10d %,12d %6d %11d %10d%n", c.index(), c.updates(), c.books().size(),
                    c.mismatches(), c.millis());
        }
        failures().forEach(f -> out.println("FAILED: " + f));
    }

    /** One line: verdict, counts, time and throughput. */
    public String summary() {
        String stages = options.withStreams()
                ? "simulator -> ingest -> market.book.v1 -> streams-apps -> state.books.v1"
                : "simulator -> ingest -> market.book.v1 (ingest only)";
        return String.format(Locale.ROOT, "book-pipeline %s: %,d updates (%d books, top-%d), %d gaps injected, "
                        + "%d followed by a resync, %d resync snapshots (ingest's queue overflowed %d times, "
                        + "%,d frames dropped), %d checkpoints, %d comparisons, "
                        + "%d mismatches; %.1f s (%.1f s of checkpoints), %,.0f updates/s end to end, "
                        + "%,.0f updates/s through ingest [%s]",
                passed() ? "PASS" : "FAIL", updates, options.symbols(), options.depth(), gapsInjected, gapsResynced,
                resyncs, overflows.overflows(), overflows.frames(), checkpoints.size(), comparisons,
                mismatches + ingestMismatches + apiMismatches,
                elapsedSeconds, checkpointSeconds, endToEndPerSecond, ingestPerSecond, stages);
    }

    /** Writes the report as one JSON object. */
    public void writeJson(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", passed());
        json.put("failures", failures());
        json.put("updates", updates);
        json.put("warmupUpdates", warmupUpdates);
        json.put("symbols", options.symbols());
        json.put("depth", options.depth());
        json.put("gapEvery", options.gapEvery());
        json.put("checkpointEvery", options.checkpointEvery());
        json.put("minIntervalMillis", options.minInterval().toMillis());
        json.put("maxLag", options.maxLag());
        json.put("maxViewLag", options.maxViewLag());
        json.put("withStreams", options.withStreams());
        json.put("broker", options.broker().name());
        json.put("gapsInjected", gapsInjected);
        json.put("gapsResynced", gapsResynced);
        json.put("resyncs", resyncs);
        json.put("ingestQueueOverflows", overflows.overflows());
        json.put("ingestFramesDropped", overflows.frames());
        json.put("sequenceBreaks", sequenceBreaks);
        json.put("stateViews", views);
        json.put("checkpoints", checkpoints.size());
        json.put("comparisons", comparisons);
        json.put("mismatches", mismatches);
        json.put("ingestMismatches", ingestMismatches);
        json.put("apiMismatches", apiMismatches);
        json.put("elapsedSeconds", elapsedSeconds);
        json.put("checkpointSeconds", checkpointSeconds);
        json.put("updatesPerSecondEndToEnd", endToEndPerSecond);
        json.put("updatesPerSecondIngest", ingestPerSecond);
        json.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        json.put("checkpointDetails", checkpoints);
        json.put("workDir", workDir.toString());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }
}
