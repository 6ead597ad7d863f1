package io.exchangebus.connectors.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.PositionUpdate;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every exchange's {@link Pms} must report, judged against its simulator's account. */
public abstract class PmsContractTest {
    protected final List<BalanceUpdate> balances = new CopyOnWriteArrayList<>();
    protected final List<PositionUpdate> positions = new CopyOnWriteArrayList<>();
    protected final List<AccountUpdate> accounts = new CopyOnWriteArrayList<>();
    protected final List<ConnectionEvent> connectionEvents = new CopyOnWriteArrayList<>();
    protected Pms pms;
    protected SimulatorProbe probe;

    protected abstract Pms newPms();

    protected abstract SimulatorProbe probe();

    /** An asset the simulator's account holds and can receive deposits of. */
    protected abstract String depositAsset();

    @BeforeEach
    void connect() throws Exception {
        probe = probe();
        pms = newPms();
        Result<Void> connected = pms.connect(new Pms.Listener() {
            @Override
            public void onPosition(PositionUpdate position) {
                positions.add(position);
            }

            @Override
            public void onBalance(BalanceUpdate balance) {
                balances.add(balance);
            }

            @Override
            public void onAccount(AccountUpdate account) {
                accounts.add(account);
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                connectionEvents.add(event);
            }
        }).get(Awaiting.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(connected.isOk()).as("connected: %s", connected).isTrue();
    }

    @AfterEach
    void close() {
        if (pms != null) {
            pms.close();
        }
    }

    @Test
    void shouldReportADepositAsABalanceEqualToTheSimulatorsMarkedAsStream() {
        String asset = depositAsset();

        probe.deposit(asset, new BigDecimal("1.25"));

        BigDecimal expected = probe.freeBalances().get(asset);
        Awaiting.until("a balance update of " + asset + " showing " + expected, () -> balances.stream()
                .anyMatch(b -> b.getAsset().equals(asset) && b.getFree().compareTo(expected) == 0));
        assertThat(balances).allSatisfy(b -> assertThat(b.getSource()).isEqualTo(EventSource.STREAM));
    }

    @Test
    void shouldReconnectAndKeepReportingAfterADroppedConnection() {
        probe.dropConnections();
        Awaiting.until("a disconnect then a reconnect", () -> connectionEvents.stream()
                .anyMatch(e -> e.state() == ConnectionState.DISCONNECTED)
                && connectionEvents.get(connectionEvents.size() - 1).state() == ConnectionState.CONNECTED);

        String asset = depositAsset();
        probe.deposit(asset, new BigDecimal("0.5"));

        BigDecimal expected = probe.freeBalances().get(asset);
        Awaiting.until("a balance update after the reconnect", () -> balances.stream()
                .anyMatch(b -> b.getAsset().equals(asset) && b.getFree().compareTo(expected) == 0));
    }
}
