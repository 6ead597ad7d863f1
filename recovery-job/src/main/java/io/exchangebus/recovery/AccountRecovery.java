package io.exchangebus.recovery;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.core.role.OrderHistoryQuery;
import io.exchangebus.connectors.core.role.Page;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.RecoveryItemKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one account's state through its {@link DataFetcher}, step by step: balances, positions (where the exchange
 * has them), open orders, then the order history of each instrument page by page. Each kind is put in a fixed order
 * (balances by asset, positions by instrument and side, orders by exchange order id), so that two runs against an
 * unchanged exchange give the same items in the same places. The first failed step stops the account; what came
 * before it is kept.
 */
final class AccountRecovery {
    /** Orders by exchange order id as a number where it is one (shorter first), then by text. */
    static final Comparator<OrderUpdate> ORDER_ID = Comparator
            .comparing((OrderUpdate o) -> o.getExchangeOrderId() == null ? "" : o.getExchangeOrderId(),
                    Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
            .thenComparing(o -> o.getClientOrderId() == null ? "" : o.getClientOrderId());

    private final String exchange;
    private final String account;
    private final DataFetcher fetcher;
    private final Settings settings;
    private final Progress progress;
    private final List<RecoveredItem> items = new ArrayList<>();
    private long balances;
    private Long positions;
    private long openOrders;
    private int historyPages;
    private long historyOrders;

    /**
     * @param historyFrom the earliest order creation time of the history
     * @param historySymbols the symbols whose history to fetch, or empty for every instrument
     */
    record Settings(Instant historyFrom, int pageSize, Optional<Set<String>> historySymbols, Duration callTimeout) {
    }

    AccountRecovery(String exchange, String account, DataFetcher fetcher, Settings settings, Progress progress) {
        this.exchange = exchange;
        this.account = account;
        this.fetcher = fetcher;
        this.settings = settings;
        this.progress = progress;
    }

    RecoveredAccount run() {
        try {
            fetchAll();
            return result(Optional.empty());
        } catch (StepFailed e) {
            return result(Optional.of(e.failure));
        }
    }

    private void fetchAll() throws StepFailed {
        List<BalanceUpdate> fetchedBalances = new ArrayList<>(await("balances", fetcher.balances()));
        fetchedBalances.sort(Comparator.comparing(BalanceUpdate::getAsset));
        fetchedBalances.forEach(b -> items.add(new RecoveredItem(RecoveryItemKind.BALANCE, b)));
        balances = fetchedBalances.size();
        report();
        if (fetcher.capabilities().supports(Capability.POSITIONS)) {
            List<PositionUpdate> fetched = new ArrayList<>(await("positions", fetcher.positions()));
            fetched.sort(Comparator.comparing(PositionUpdate::getInstrumentId)
                    .thenComparing(p -> p.getPositionSide().name()));
            fetched.forEach(p -> items.add(new RecoveredItem(RecoveryItemKind.POSITION, p)));
            positions = (long) fetched.size();
            report();
        }
        List<OrderUpdate> open = new ArrayList<>(await("open orders", fetcher.openOrders(Optional.empty())));
        open.sort(ORDER_ID);
        open.forEach(o -> items.add(new RecoveredItem(RecoveryItemKind.OPEN_ORDER, o)));
        openOrders = open.size();
        report();
        if (fetcher.capabilities().supports(Capability.ORDER_HISTORY)) {
            for (InstrumentDefinition instrument : historyInstruments()) {
                history(instrument);
            }
        }
    }

    private List<InstrumentDefinition> historyInstruments() throws StepFailed {
        List<InstrumentDefinition> all = new ArrayList<>(await("instruments", fetcher.instruments()));
        all.removeIf(i -> settings.historySymbols().map(s -> !s.contains(i.symbol())).orElse(false));
        all.sort(Comparator.comparing(InstrumentDefinition::symbol));
        return all;
    }

    private void history(InstrumentDefinition instrument) throws StepFailed {
        List<OrderUpdate> orders = new ArrayList<>();
        String cursor = null;
        do {
            OrderHistoryQuery query = new OrderHistoryQuery(instrument.id(), settings.historyFrom(), null,
                    settings.pageSize(), cursor);
            Page<OrderUpdate> page = await("order history of " + instrument.symbol(), fetcher.orderHistory(query));
            orders.addAll(page.items());
            historyPages++;
            historyOrders += page.items().size();
            report();
            cursor = page.nextCursor();
        } while (cursor != null);
        orders.sort(ORDER_ID);
        orders.forEach(o -> items.add(new RecoveredItem(RecoveryItemKind.ORDER_HISTORY, o)));
    }

    private void report() {
        progress.counts(exchange + "/" + account, balances, positions, openOrders, historyPages, historyOrders);
    }

    private RecoveredAccount result(Optional<RecoveryFailure> failure) {
        return new RecoveredAccount(exchange, account, items, failure);
    }

    private <T> T await(String step, CompletableFuture<Result<T>> call) throws StepFailed {
        Result<T> result;
        try {
            result = call.get(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new StepFailed(new RecoveryFailure(RecoveryFailure.TIMEOUT, step + ": no answer within "
                    + settings.callTimeout().toMillis() + " ms"));
        } catch (ExecutionException e) {
            throw new StepFailed(new RecoveryFailure(RecoveryFailure.INTERNAL, step + ": "
                    + e.getCause().getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed(new RecoveryFailure(RecoveryFailure.INTERNAL, step + ": interrupted"));
        }
        if (!result.isOk()) {
            throw new StepFailed(RecoveryFailure.of(step, result.error()));
        }
        return result.value();
    }

    /** A step that failed, carrying why; control flow inside this class only. */
    private static final class StepFailed extends Exception {
        private final transient RecoveryFailure failure;

        StepFailed(RecoveryFailure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }
}
