package io.exchangebus.connectors.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.PositionUpdate;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What every exchange's {@link Pms} must report, judged against its simulator's account. */
public abstract class PmsContractTest extends RoleContract<Pms> {
    protected final List<BalanceUpdate> balances = new CopyOnWriteArrayList<>();
    protected final List<PositionUpdate> positions = new CopyOnWriteArrayList<>();
    protected final List<AccountUpdate> accounts = new CopyOnWriteArrayList<>();

    protected abstract Pms newPms();

    /** An asset the simulator's account holds and can receive deposits of. */
    protected abstract String depositAsset();

    @Override
    final Pms newRole() {
        return newPms();
    }

    @Override
    final CompletableFuture<Result<Void>> connect(Pms pms) {
        return pms.connect(new Pms.Listener() {
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
        });
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
        awaitReconnect();

        String asset = depositAsset();
        probe.deposit(asset, new BigDecimal("0.5"));

        BigDecimal expected = probe.freeBalances().get(asset);
        Awaiting.until("a balance update after the reconnect", () -> balances.stream()
                .anyMatch(b -> b.getAsset().equals(asset) && b.getFree().compareTo(expected) == 0));
    }
}
