package io.exchangebus.connectors.core.contract;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for asynchronous connector behaviour, with a deadline and a message that says what never happened. */
final class Awaiting {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private Awaiting() {
    }

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within " + TIMEOUT.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
