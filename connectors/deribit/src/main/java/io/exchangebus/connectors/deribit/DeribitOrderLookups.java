package io.exchangebus.connectors.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.rpc.JsonRpcRequester;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.connectors.deribit.mapping.OrderMapping;
import io.exchangebus.connectors.deribit.mapping.PrivateContext;
import io.exchangebus.connectors.deribit.mapping.UnmappableMessageException;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderUpdate;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The exchange's current view of one order, asked over the OMS's connection:
 * <ul>
 * <li>by label: {@code private/get_order_state_by_label {currency, label}}, the currency being the settlement
 *     currency Deribit files the instrument under (BTC for BTC-PERPETUAL, USDC for BTC_USDC-PERPETUAL). Deribit
 *     answers every order with that label (labels are not unique, deribit.md §8); those of other instruments are
 *     left out, then an open one is preferred, else the one changed last ({@link #choose}). None: empty.</li>
 * <li>by id: {@code private/get_order_state {order_id}}; 10004 order_not_found: empty.</li>
 * </ul>
 * The orders are mapped with source RECOVERY. Stateless but for its collaborators; thread-safe.
 */
final class DeribitOrderLookups {

    static final String BY_LABEL = "private/get_order_state_by_label";
    static final String BY_ID = "private/get_order_state";

    private final JsonRpcRequester rpc;
    private final InstrumentRegistry instruments;
    private final PrivateContext recovery;
    private final Clock clock;

    DeribitOrderLookups(JsonRpcRequester rpc, InstrumentRegistry instruments, PrivateContext recovery, Clock clock) {
        this.rpc = rpc;
        this.instruments = instruments;
        this.recovery = recovery;
        this.clock = clock;
    }

    /** The order on {@code symbol} with this label, as Deribit has it now; empty when it has none. */
    CompletableFuture<Result<Optional<OrderUpdate>>> byLabel(String symbol, String label) {
        Optional<InstrumentDefinition> instrument = instruments.bySymbol(symbol);
        if (instrument.isEmpty()) {
            return done(Result.err(ExchangeError.invalidOrder(DeribitErrors.EXCHANGE, "UNKNOWN_INSTRUMENT",
                    symbol + " is not listed on " + DeribitErrors.EXCHANGE)));
        }
        if (label == null || label.isEmpty()) {
            return done(Result.err(ExchangeError.invalidOrder(DeribitErrors.EXCHANGE, "ORDER_REFERENCE",
                    "no client order id to look up")));
        }
        ObjectNode params = JsonNodeFactory.instance.objectNode()
                .put("currency", instrument.get().settle()).put("label", label);
        return rpc.request(BY_LABEL, params).thenApply(r -> r.flatMap(result -> mapped(BY_LABEL, () ->
                choose(OrderMapping.orders(result, recovery, clock.instant()), symbol))));
    }

    /** The order with Deribit's id, as Deribit has it now; empty when Deribit does not know it. */
    CompletableFuture<Result<Optional<OrderUpdate>>> byId(String exchangeOrderId) {
        if (exchangeOrderId == null || exchangeOrderId.isEmpty()) {
            return done(Result.err(ExchangeError.invalidOrder(DeribitErrors.EXCHANGE, "ORDER_REFERENCE",
                    "no exchange order id to look up")));
        }
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("order_id", exchangeOrderId);
        return rpc.request(BY_ID, params).thenApply(r -> {
            if (!r.isOk()) {
                return r.error().kind() == ErrorKind.NOT_FOUND ? Result.ok(Optional.<OrderUpdate>empty())
                        : Result.<Optional<OrderUpdate>>err(r.error());
            }
            return mapped(BY_ID, () -> Optional.of(OrderMapping.order(r.value(), recovery, clock.instant())));
        });
    }

    /**
     * Of the orders Deribit lists under one label, the one on {@code symbol} that is still open, else the one
     * changed last; empty when none is on {@code symbol}.
     */
    static Optional<OrderUpdate> choose(List<OrderUpdate> orders, String symbol) {
        Comparator<OrderUpdate> latest = Comparator.comparing((OrderUpdate u) -> u.getExchangeTime(),
                Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));
        List<OrderUpdate> onSymbol = orders.stream().filter(u -> symbol.equals(u.getSymbol())).toList();
        Optional<OrderUpdate> open = onSymbol.stream().filter(u -> DeribitOrderUpdates.isOpen(u.getStatus()))
                .max(latest);
        return open.isPresent() ? open : onSymbol.stream().max(latest);
    }

    private static Result<Optional<OrderUpdate>> mapped(String method, Mapper mapper) {
        try {
            return Result.ok(mapper.map());
        } catch (UnmappableMessageException e) {
            return Result.err(new ExchangeError(ErrorKind.UNKNOWN, DeribitErrors.EXCHANGE, null,
                    method + " answer could not be mapped: " + e.getMessage(), 0, false, null));
        }
    }

    @FunctionalInterface
    private interface Mapper {
        Optional<OrderUpdate> map();
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
