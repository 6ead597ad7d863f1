package io.exchangebus.connectors.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.role.ExchangeRole;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every role contract shares: a fresh role against the probe's simulator before each test, connected with the
 * contract's listener, and closed after it.
 *
 * @param <R> the role under test
 */
public abstract class RoleContract<R extends ExchangeRole> {
    protected final List<ConnectionEvent> connectionEvents = new CopyOnWriteArrayList<>();
    protected R role;
    protected SimulatorProbe probe;

    /** The probe of the simulator the role talks to. */
    protected abstract SimulatorProbe probe();

    /** A new, unconnected role for the probe's simulator and account. */
    abstract R newRole();

    /** Connects {@code role} with the contract's listener; completes when it is ready. */
    abstract CompletableFuture<Result<Void>> connect(R role);

    @BeforeEach
    final void startRole() throws Exception {
        probe = probe();
        role = newRole();
        Result<Void> connected = connect(role).get(Awaiting.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(connected.isOk()).as("connected: %s", connected).isTrue();
    }

    @AfterEach
    final void closeRole() {
        if (role != null) {
            role.close();
        }
    }

    /** Waits until the connection was lost and then came back (a CONNECTED after a DISCONNECTED). */
    protected void awaitReconnect() {
        Awaiting.until("a disconnect followed by a reconnect", () -> {
            // A copy: events keep arriving, and a sub-list of the live list fails once it changes.
            List<ConnectionEvent> events = List.copyOf(connectionEvents);
            int lastDisconnect = -1;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).state() == ConnectionState.DISCONNECTED) {
                    lastDisconnect = i;
                }
            }
            return lastDisconnect >= 0 && events.subList(lastDisconnect, events.size()).stream()
                    .anyMatch(e -> e.state() == ConnectionState.CONNECTED);
        });
    }
}
