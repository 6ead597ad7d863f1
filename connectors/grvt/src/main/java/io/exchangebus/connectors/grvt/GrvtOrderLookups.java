package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.rpc.JsonRpcRequester;
import io.exchangebus.connectors.grvt.mapping.OrderMapping;
import io.exchangebus.connectors.grvt.mapping.PrivateContext;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderUpdate;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * GRVT's current view of one order, asked over the OMS's connection: first {@code v1/open_orders} (unpaged), then
 * {@code v1/order_history} newest first, {@value #HISTORY_PAGE} a page, at most {@value #HISTORY_PAGES} pages
 * (grvt.md §11). An order is matched by client order id (GRVT's, within the instrument) or by order id; the newest
 * match wins, so an id used again after its first order closed names the later order. Mapped with source RECOVERY.
 * Stateless but for its collaborators; thread-safe.
 */
final class GrvtOrderLookups {

    static final String OPEN = "v1/open_orders";
    static final String HISTORY = "v1/order_history";
    static final int HISTORY_PAGE = 1000;
    static final int HISTORY_PAGES = 5;

    private final JsonRpcRequester rpc;
    private final BigInteger subAccountId;
    private final PrivateContext recovery;
    private final Clock clock;

    GrvtOrderLookups(JsonRpcRequester rpc, BigInteger subAccountId, PrivateContext recovery, Clock clock) {
        this.rpc = rpc;
        this.subAccountId = subAccountId;
        this.recovery = recovery;
        this.clock = clock;
    }

    /** The order with GRVT's client order id {@code clientOrderId} on {@code symbol}; empty when GRVT has none. */
    CompletableFuture<Result<Optional<OrderUpdate>>> byClientOrderId(String symbol, String clientOrderId) {
        if (GrvtClientOrderIds.parse(clientOrderId).isEmpty()) {
            // Not a uint64 in GRVT's client range: no order of ours can carry it.
            return CompletableFuture.completedFuture(Result.ok(Optional.empty()));
        }
        return find(o -> clientOrderId.equals(o.path("metadata").path("client_order_id").asText(null))
                && symbol.equals(o.path("legs").path(0).path("instrument").asText(null)));
    }

    /** The order with GRVT's order id; empty when GRVT has none. */
    CompletableFuture<Result<Optional<OrderUpdate>>> byOrderId(String orderId) {
        if (orderId == null || orderId.isEmpty()) {
            return CompletableFuture.completedFuture(Result.err(ExchangeError.invalidOrder(GrvtVenue.EXCHANGE,
                    "ORDER_REFERENCE", "no order id to look up")));
        }
        return find(o -> orderId.equals(o.path("order_id").asText(null)));
    }

    /** Every open order of the sub-account, as GRVT lists them; one that cannot be read fails the whole. */
    CompletableFuture<Result<List<OrderUpdate>>> open() {
        return rpc.request(OPEN, GrvtOrderRequests.openOrders(subAccountId)).thenApply(r -> r.flatMap(result -> {
            List<OrderUpdate> out = new ArrayList<>();
            for (JsonNode o : items(result)) {
                Result<Optional<OrderUpdate>> one = map(o);
                if (!one.isOk()) {
                    return Result.err(one.error());
                }
                out.add(one.value().get());
            }
            return Result.ok(out);
        }));
    }

    private CompletableFuture<Result<Optional<OrderUpdate>>> find(Predicate<JsonNode> match) {
        return rpc.request(OPEN, GrvtOrderRequests.openOrders(subAccountId)).thenCompose(open -> {
            if (!open.isOk()) {
                return CompletableFuture.completedFuture(Result.err(open.error()));
            }
            Optional<JsonNode> hit = first(items(open.value()), match);
            return hit.isPresent() ? CompletableFuture.completedFuture(map(hit.get()))
                    : history(match, "", 1);
        });
    }

    private CompletableFuture<Result<Optional<OrderUpdate>>> history(Predicate<JsonNode> match, String cursor,
                                                                     int page) {
        return rpc.request(HISTORY, GrvtOrderRequests.orderHistory(subAccountId, HISTORY_PAGE, cursor))
                .thenCompose(r -> {
                    if (!r.isOk()) {
                        return CompletableFuture.completedFuture(Result.err(r.error()));
                    }
                    Optional<JsonNode> hit = first(items(r.value()), match);
                    if (hit.isPresent()) {
                        return CompletableFuture.completedFuture(map(hit.get()));
                    }
                    String next = r.value().path("next").asText("");
                    return next.isEmpty() || page >= HISTORY_PAGES
                            ? CompletableFuture.completedFuture(Result.ok(Optional.<OrderUpdate>empty()))
                            : history(match, next, page + 1);
                });
    }

    /** The list of an answer: the result itself, or its {@code result} member (histories; a nested WS reply). */
    static JsonNode items(JsonNode result) {
        JsonNode r = result;
        while (r != null && r.isObject() && r.has("result")) {
            r = r.get("result");
        }
        return r != null && r.isArray() ? r : MissingNode.getInstance();
    }

    /** The newest match: open orders and histories both list newest first where GRVT orders them. */
    private static Optional<JsonNode> first(JsonNode items, Predicate<JsonNode> match) {
        for (JsonNode o : items) {
            if (match.test(o)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    private Result<Optional<OrderUpdate>> map(JsonNode order) {
        Result<OrderUpdate> mapped = OrderMapping.order(order, false, recovery, clock.instant());
        return mapped.isOk() ? Result.ok(Optional.of(mapped.value()))
                : Result.err(new ExchangeError(ErrorKind.UNKNOWN, GrvtVenue.EXCHANGE, null,
                "GRVT's order could not be read: " + mapped.error().message(), 0, false, null));
    }
}
