package io.exchangebus.service;

import io.exchangebus.service.ops.ReadinessCheck;
import java.time.Duration;
import java.util.Map;

/**
 * A service's work, run by {@link ServiceRunner}: started once, closed once on shutdown (SIGTERM, Ctrl-C or
 * {@link ServiceRunner#stop()}).
 */
public interface Service {
    /**
     * Starts the work (connects, subscribes, starts its threads) and returns; the process is not ready before this
     * returns, nor before every {@link #readinessChecks() readiness check} passes.
     *
     * @throws Exception if it cannot start; the runner then closes it and exits with code 1
     */
    void start() throws Exception;

    /** Named checks of whether the service can do its work now, asked on every {@code GET /health/ready}. */
    default Map<String, ReadinessCheck> readinessChecks() {
        return Map.of();
    }

    /**
     * Stops taking new work, finishes or flushes what is in flight within {@code timeout} (from
     * {@code service.shutdown-timeout}), and releases its resources. Called from the shutdown thread; the runner
     * stops waiting after {@code timeout} and interrupts it.
     */
    void close(Duration timeout) throws Exception;
}
