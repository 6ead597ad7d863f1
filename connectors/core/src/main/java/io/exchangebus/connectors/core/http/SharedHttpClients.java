package io.exchangebus.connectors.core.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;

/**
 * The HTTP clients of a process, one per set of {@link HttpSettings.Timeouts}: every {@link HttpTransport} with
 * the same timeouts sends through the same client, its connection pool and its one I/O thread, as HttpClient's
 * authors advise. A client is started by its first lease and shut down when its last lease is closed.
 *
 * <p>Why: each account of oms-service has transports of its own, and each client's I/O thread wakes every 50 ms to
 * check socket timeouts. With a client per transport, 120 accounts kept 156 I/O threads waking 3,000 times a
 * second: a third of oms-service's CPU at 1,000 commands a second, nearly all of it in the kernel.
 *
 * <p>A transport's own state (gate, breaker, weight budget, timers, the calls it answers) stays its own: closing
 * one answers its calls and leaves the others' in flight. Thread-safe.
 */
final class SharedHttpClients {
    private static final SharedHttpClients PROCESS = new SharedHttpClients();
    private static final long CLOSE_GRACE_MS = 200;

    private final Map<HttpSettings.Timeouts, Shared> clients = new HashMap<>();

    /** The clients of this process. */
    static SharedHttpClients process() {
        return PROCESS;
    }

    /** A started client for {@code timeouts}, shared with every other open lease of the same timeouts. */
    synchronized Lease lease(HttpSettings.Timeouts timeouts) {
        Objects.requireNonNull(timeouts, "timeouts");
        Shared shared = clients.get(timeouts);
        if (shared == null) {
            CloseableHttpAsyncClient client = HttpWire.buildClient(timeouts);
            client.start();
            shared = new Shared(client);
            clients.put(timeouts, shared);
        }
        shared.leases++;
        return new Lease(timeouts, shared);
    }

    /** How many clients are open: one per set of timeouts in use. */
    synchronized int open() {
        return clients.size();
    }

    private void release(HttpSettings.Timeouts timeouts, Shared shared) {
        synchronized (this) {
            if (--shared.leases > 0) {
                return;
            }
            clients.remove(timeouts);
        }
        // Graceful first, so that the I/O thread closes its own sessions: IMMEDIATE from another thread can make
        // the reactor fail on its selected-key set (ConcurrentModificationException, seen with httpcore5 5.3).
        // A graceful close waits up to 5 s for a connection whose request was given up on: cut it short.
        shared.client.initiateShutdown();
        try {
            shared.client.awaitShutdown(TimeValue.ofMilliseconds(CLOSE_GRACE_MS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shared.client.close(CloseMode.IMMEDIATE);
    }

    private static final class Shared {
        final CloseableHttpAsyncClient client;
        int leases;

        Shared(CloseableHttpAsyncClient client) {
            this.client = client;
        }
    }

    /** One transport's use of a shared client; closing it more than once is harmless. */
    final class Lease implements AutoCloseable {
        private final HttpSettings.Timeouts timeouts;
        private final Shared shared;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(HttpSettings.Timeouts timeouts, Shared shared) {
            this.timeouts = timeouts;
            this.shared = shared;
        }

        CloseableHttpAsyncClient client() {
            return shared.client;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(timeouts, shared);
            }
        }
    }
}
