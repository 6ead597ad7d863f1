package io.exchangebus.benchmarks.ingest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watches one phase: every {@value #EVERY_MILLIS} ms the topic's record count ({@link TopicCount}) and each named
 * process's CPU time (the operating system's count), until the phase's source says it has finished and the count has
 * stood still for a second. Nothing reads the records meanwhile.
 */
final class PhaseMeter {
    static final long EVERY_MILLIS = 100;
    private static final int STILL_SAMPLES = 10;
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    private final String phase;
    private final Map<String, Long> pids;
    private final PrintStream out;
    private final Map<String, Duration> lastCpu = new LinkedHashMap<>();

    PhaseMeter(String phase, Map<String, Long> pids, PrintStream out) {
        this.phase = phase;
        this.pids = pids;
        this.out = out;
    }

    /**
     * Samples until {@code finished} is true and {@link #STILL_SAMPLES} samples in a row showed the same count.
     *
     * @param alive false when a process the phase needs has died: the phase fails at once
     * @throws IllegalStateException if the count stands still for a minute before the phase finished
     */
    List<Throughput.Sample> watch(TopicCount count, BooleanSupplier finished, BooleanSupplier alive)
            throws InterruptedException {
        List<Throughput.Sample> samples = new ArrayList<>();
        long lastChange = System.nanoTime();
        long lastProgress = lastChange;
        int still = 0;
        while (true) {
            long records = count.records();
            long now = System.nanoTime();
            Throughput.Sample previous = samples.isEmpty() ? null : samples.get(samples.size() - 1);
            samples.add(new Throughput.Sample(now, records, cpu()));
            if (previous != null && previous.records() == records) {
                still++;
            } else {
                still = 0;
                lastChange = now;
            }
            if (now - lastProgress > PROGRESS_NANOS) {
                out.printf(Locale.ROOT, "ingest-throughput: %s: %,d records%n", phase, records);
                lastProgress = now;
            }
            if (still >= STILL_SAMPLES && finished.getAsBoolean()) {
                return samples;
            }
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException(phase + ": a process of the phase exited");
            }
            if (now - lastChange > STALL.toNanos()) {
                throw new IllegalStateException(phase + ": no record for " + STALL.toSeconds() + " s, at " + records);
            }
            TimeUnit.MILLISECONDS.sleep(EVERY_MILLIS);
        }
    }

    /** Each process's CPU time; one that has ended keeps its last reading. */
    private Map<String, Duration> cpu() {
        pids.forEach((name, pid) -> ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                .ifPresent(used -> lastCpu.put(name, used)));
        return new LinkedHashMap<>(lastCpu);
    }
}
