package io.exchangebus.service.ops;

/**
 * Whether one part of a service can do its work now (connected to the exchange, assigned its partitions, caught
 * up). Called from the ops server's threads on every {@code GET /health/ready}: keep it cheap and thread-safe.
 */
@FunctionalInterface
public interface ReadinessCheck {
    /** Whether this part is ready; a check that throws counts as not ready. */
    boolean isReady() throws Exception;
}
