package io.exchangebus.connectors.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderUpdate;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What every exchange's {@link DataFetcher} must return, judged against its simulator's state. */
public abstract class DataFetcherContractTest extends RoleContract<DataFetcher> {
    protected abstract DataFetcher newDataFetcher();

    @Override
    final DataFetcher newRole() {
        return newDataFetcher();
    }

    /** HTTP only: nothing to connect. */
    @Override
    final CompletableFuture<Result<Void>> connect(DataFetcher fetcher) {
        return CompletableFuture.completedFuture(Result.ok());
    }

    @Test
    void shouldListTheSimulatorsInstrumentWithItsRules() throws Exception {
        Result<List<InstrumentDefinition>> instruments = role.instruments().get(Awaiting.TIMEOUT.toSeconds(),
                TimeUnit.SECONDS);

        InstrumentDefinition expected = probe.instrument();
        assertThat(instruments.value()).anySatisfy(i -> {
            assertThat(i.symbol()).isEqualTo(expected.symbol());
            assertThat(i.id()).isEqualTo(expected.id());
            assertThat(i.rules().tickSize()).isEqualByComparingTo(expected.rules().tickSize());
            assertThat(i.rules().lotSize()).isEqualByComparingTo(expected.rules().lotSize());
            assertThat(i.rules().minQuantity()).isEqualByComparingTo(expected.rules().minQuantity());
        });
    }

    @Test
    void shouldReturnTheSimulatorsBalancesMarkedAsRecovered() throws Exception {
        Result<List<BalanceUpdate>> balances = role.balances().get(Awaiting.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        Map<String, BigDecimal> free = balances.value().stream()
                .collect(Collectors.toMap(BalanceUpdate::getAsset, BalanceUpdate::getFree));
        probe.freeBalances().forEach((asset, amount) ->
                assertThat(free.get(asset)).as(asset).isEqualByComparingTo(amount));
        assertThat(balances.value()).allSatisfy(b -> assertThat(b.getSource()).isEqualTo(EventSource.RECOVERY));
    }

    @Test
    void shouldReturnNoOpenOrdersForAFreshAccount() throws Exception {
        Result<List<OrderUpdate>> open = role.openOrders(Optional.of(probe.instrument().id()))
                .get(Awaiting.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(open.value()).isEmpty();
    }
}
