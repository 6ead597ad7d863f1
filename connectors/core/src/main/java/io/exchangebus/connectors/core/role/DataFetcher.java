package io.exchangebus.connectors.core.role;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionUpdate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * State recovery over HTTP at start-up (used by {@code recovery-job}). Everything it returns is marked
 * {@code source = RECOVERY}.
 */
public interface DataFetcher extends ExchangeRole {

    /** Every instrument with its trading rules. */
    CompletableFuture<Result<List<InstrumentDefinition>>> instruments();

    CompletableFuture<Result<AccountUpdate>> account();

    CompletableFuture<Result<List<BalanceUpdate>>> balances();

    /** Needs {@link Capability#POSITIONS}. */
    CompletableFuture<Result<List<PositionUpdate>>> positions();

    /** Open orders on one instrument, or on all when empty. */
    CompletableFuture<Result<List<OrderUpdate>>> openOrders(Optional<InstrumentId> instrument);

    /** Needs {@link Capability#ORDER_HISTORY}. */
    CompletableFuture<Result<Page<OrderUpdate>>> orderHistory(OrderHistoryQuery query);
}
