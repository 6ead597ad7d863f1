package io.exchangebus.benchmarks.oms;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a phase's CPU goes: the CPU time each process of the run used between {@link #start} and {@link #stop}
 * (the operating system's own count, {@link ProcessHandle.Info#totalCpuDuration()}), and what all of them used as a
 * share of the machine's cores over the phase's wall-clock time. A process that may end before the phase does (the
 * command stream) is read again by {@link #sample} while it runs: its last reading counts.
 */
final class CpuMeter {
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Duration> atStart = new LinkedHashMap<>();
    private final Map<String, Duration> latest = new LinkedHashMap<>();
    private final Map<String, Duration> used = new LinkedHashMap<>();
    private long startNanos;
    private long wallNanos;

    /** Counts process {@code pid} under {@code name}. */
    CpuMeter process(String name, long pid) {
        pids.put(name, pid);
        return this;
    }

    CpuMeter start() {
        startNanos = System.nanoTime();
        pids.forEach((name, pid) -> atStart.put(name, cpu(pid)));
        return this;
    }

    /** Reads every process still running. */
    void sample() {
        pids.forEach((name, pid) -> ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                .ifPresent(cpu -> latest.put(name, cpu)));
    }

    CpuMeter stop() {
        wallNanos = System.nanoTime() - startNanos;
        sample();
        pids.keySet().forEach(name -> used.put(name, latest.getOrDefault(name, Duration.ZERO)
                .minus(atStart.getOrDefault(name, Duration.ZERO))));
        return this;
    }

    /** CPU time per process, in the order they were named. */
    Map<String, Duration> used() {
        return used;
    }

    /** All the processes' CPU time over the phase's wall clock and the machine's cores: 1.0 is every core busy. */
    double machineShare() {
        long cpu = used.values().stream().mapToLong(Duration::toNanos).sum();
        return (double) cpu / Math.max(1, wallNanos) / Runtime.getRuntime().availableProcessors();
    }

    Duration wall() {
        return Duration.ofNanos(wallNanos);
    }

    private static Duration cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }
}
