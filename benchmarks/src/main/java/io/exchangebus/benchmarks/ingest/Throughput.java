package io.exchangebus.benchmarks.ingest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A phase's rate from samples of its topic's record count taken at intervals: the records acknowledged between the
 * first sample at or past the warm-up (a share of the final count) and the last sample before the final count, over
 * the time between them, with each process's CPU time over the same window. Both ends are looks taken while records
 * flowed, so the window's edges are not rounded to the sampling interval; a phase too short for two such looks is
 * measured up to the first sample showing the final count, and one over between two looks (a few thousand records)
 * from the look before it, warm-up included.
 *
 * @param records    every record of the phase
 * @param measured   the records inside the window
 * @param window     the window's length
 * @param cpu        each process's CPU time inside the window, in the order given
 */
record Throughput(long records, long measured, Duration window, Map<String, Duration> cpu) {

    /** One look at the topic and the processes. */
    record Sample(long nanos, long records, Map<String, Duration> cpu) {
    }

    static Throughput of(List<Sample> samples, double warmupShare) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        long total = samples.get(samples.size() - 1).records();
        long warmup = (long) Math.ceil(total * warmupShare);
        Sample afterWarmup = samples.stream().filter(s -> s.records() >= warmup).findFirst().orElseThrow();
        Sample end = samples.stream().filter(s -> s.records() < total && s.nanos() > afterWarmup.nanos())
                .reduce((a, b) -> b)
                .orElseGet(() -> samples.stream().filter(s -> s.records() >= total).findFirst().orElseThrow());
        // A phase over within one look (its warm-up and end in the same sample): from the look before it.
        Sample start = end != afterWarmup ? afterWarmup : samples.stream()
                .filter(s -> s.nanos() < afterWarmup.nanos()).reduce((a, b) -> b).orElse(afterWarmup);
        Map<String, Duration> cpu = new LinkedHashMap<>();
        end.cpu().forEach((name, used) -> cpu.put(name, used.minus(start.cpu().getOrDefault(name, Duration.ZERO))));
        return new Throughput(total, end.records() - start.records(), Duration.ofNanos(end.nanos() - start.nanos()),
                cpu);
    }

    /** Records a second inside the window; 0 for a window too short to tell. */
    double perSecond() {
        return window.isZero() ? 0 : measured * 1e9 / window.toNanos();
    }

    /** CPU time per 1,000 records of {@code process}, in milliseconds. */
    double cpuMillisPerThousand(String process) {
        Duration used = cpu.get(process);
        return used == null || measured == 0 ? 0 : used.toNanos() / 1e6 * 1000 / measured;
    }

    /** All processes' CPU over the window and the machine's cores: 1.0 is every core busy. */
    double machineShare(int cores) {
        long used = cpu.values().stream().mapToLong(Duration::toNanos).sum();
        return window.isZero() ? 0 : (double) used / window.toNanos() / cores;
    }
}
