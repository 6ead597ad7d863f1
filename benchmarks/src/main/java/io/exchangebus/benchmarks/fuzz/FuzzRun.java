package io.exchangebus.benchmarks.fuzz;

import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;

/**
 * One fuzz run: {@code frames} mutations of an exchange's fixture messages through its {@link OfflineNormalizer} (what
 * {@code exbus normalize} runs), each classified: events, a refusal with a reason, a crash (an exception escaping the
 * normalizer, which promises never to throw), a hang (slower than the threshold), or events carrying out-of-range
 * values ({@link EventRanges}). Single-threaded and deterministic for a seed, so a finding can be replayed.
 */
final class FuzzRun {
    /** Findings kept in full, per kind; the counts go on. */
    static final int KEPT = 20;

    private final OfflineNormalizer normalizer;
    private final List<String> corpus;
    private final long seed;
    private final Duration hangAfter;

    FuzzRun(OfflineNormalizer normalizer, List<String> corpus, long seed, Duration hangAfter) {
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.corpus = List.copyOf(corpus);
        if (this.corpus.isEmpty()) {
            throw new IllegalArgumentException("no fixture messages to mutate");
        }
        this.seed = seed;
        this.hangAfter = hangAfter;
    }

    /** A finding: what kind, what about it, and the frame that caused it (for a replay or a regression test). */
    record Finding(String kind, String what, String frame) {
    }

    /** The outcome of a run. */
    record Report(long frames, long events, long refusals, long crashes, long hangs, long outOfRange,
                  long totalNanos, long p99Nanos, long maxNanos, List<Finding> findings) {

        boolean failed() {
            return crashes > 0 || hangs > 0 || outOfRange > 0;
        }

        double microsPerFrame() {
            return totalNanos / 1000.0 / frames;
        }
    }

    Report run(long frames, Watchdog watchdog) {
        FrameMutator mutator = new FrameMutator(seed);
        SplittableRandom pick = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long[] nanos = new long[(int) Math.min(frames, 2_000_000)];
        Counts c = new Counts();
        List<Finding> findings = new ArrayList<>();
        Instant receivedAt = Instant.parse("2026-01-01T00:00:00Z");
        for (long i = 0; i < frames; i++) {
            String frame = mutator.mutate(corpus.get(pick.nextInt(corpus.size())));
            watchdog.starting(frame);
            long start = System.nanoTime();
            OfflineNormalizer.Normalized result = normalizeOrCrash(frame, receivedAt, c, findings);
            long took = System.nanoTime() - start;
            watchdog.finished();
            nanos[(int) (i % nanos.length)] = took;
            c.total += took;
            if (took > hangAfter.toNanos()) {
                c.hangs++;
                keep(findings, "hang", (took / 1_000_000) + " ms", frame);
            }
            if (result != null) {
                classify(result, frame, c, findings);
            }
        }
        long[] sorted = Arrays.copyOf(nanos, (int) Math.min(frames, nanos.length));
        Arrays.sort(sorted);
        return new Report(frames, c.events, c.refusals, c.crashes, c.hangs, c.outOfRange, c.total,
                sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, sorted.length * 99L / 100)],
                sorted.length == 0 ? 0 : sorted[sorted.length - 1], findings);
    }

    private OfflineNormalizer.Normalized normalizeOrCrash(String frame, Instant at, Counts c, List<Finding> findings) {
        try {
            return normalizer.normalize(frame, at);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            c.crashes++;
            keep(findings, "crash", e.getClass().getName() + ": " + e.getMessage(), frame);
            return null;
        }
    }

    private static void classify(OfflineNormalizer.Normalized result, String frame, Counts c, List<Finding> findings) {
        if (result.isRefused()) {
            c.refusals++;
            if (result.refusal().isBlank()) {
                c.crashes++;
                keep(findings, "crash", "a refusal without a reason", frame);
            }
            return;
        }
        for (SpecificRecord event : result.events()) {
            c.events++;
            List<String> bad = EventRanges.violations(event);
            if (!bad.isEmpty()) {
                c.outOfRange++;
                keep(findings, "out-of-range", String.join("; ", bad), frame);
            }
        }
    }

    private static void keep(List<Finding> findings, String kind, String what, String frame) {
        if (findings.stream().filter(f -> f.kind().equals(kind)).count() < KEPT) {
            findings.add(new Finding(kind, what, frame));
        }
    }

    private static final class Counts {
        long events;
        long refusals;
        long crashes;
        long hangs;
        long outOfRange;
        long total;
    }
}
