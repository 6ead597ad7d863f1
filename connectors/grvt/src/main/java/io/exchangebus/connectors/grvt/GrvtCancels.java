package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.core.rpc.JsonRpcRequester;
import io.exchangebus.events.CancelAll;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Cancels (grvt.md §9). GRVT acknowledges a cancel with {@code {"ack":"true"}} whatever it finds; the outcome comes
 * on the streams, and the cancel waits for it (at most the outcome wait): {@code v1.order} CANCELLED is success; a
 * final state other than CANCELLED, or the expiry of a cancel by client order id on {@code v1.cancel} (its time to
 * live ran out without finding an open order), is NOT_FOUND. Without an outcome in time the acknowledgement says
 * status UNKNOWN: the outcome will be reported as an update.
 * <ul>
 * <li>By order id when the cancel names one ({@code order_id}); else by client order id ({@code client_order_id}
 *     with {@code time_to_live_ms}: a create with that id still in flight is dropped if it arrives within it).</li>
 * <li>Cancel-all: the sub-account with {@code v1/cancel_all_orders}; one symbol, each of its open orders by id
 *     (GRVT's filters are kind/base/quote, which would reach other instruments).</li>
 * </ul>
 */
final class GrvtCancels {

    static final String CANCEL = "v1/cancel_order";
    static final String CANCEL_ALL = "v1/cancel_all_orders";

    private final GrvtOmsSettings settings;
    private final GrvtOrderFeed feed;
    private final GrvtOrderLookups lookups;
    private final JsonRpcRequester rpc;

    GrvtCancels(GrvtOmsSettings settings, GrvtOrderFeed feed, GrvtOrderLookups lookups, JsonRpcRequester rpc) {
        this.settings = settings;
        this.feed = feed;
        this.lookups = lookups;
        this.rpc = rpc;
    }

    CompletableFuture<Result<OrderAccepted>> cancel(CancelOrder cancel) {
        String orderId = cancel.getExchangeOrderId();
        String clientOrderId = cancel.getClientOrderId();
        if (orderId != null && !orderId.isEmpty()) {
            return send(GrvtOrderRequests.cancelByOrderId(settings.subAccountId(), orderId), "o:" + orderId,
                    clientOrderId, orderId);
        }
        Optional<BigInteger> cid = GrvtClientOrderIds.parse(clientOrderId);
        if (cid.isEmpty()) {
            return GrvtOms.done(Result.err(ExchangeError.invalidOrder(GrvtVenue.EXCHANGE, "ORDER_REFERENCE",
                    "a cancel needs GRVT's order id or client order id (" + GrvtClientOrderIds.SCHEME.rule()
                            + "), not " + clientOrderId)));
        }
        return send(GrvtOrderRequests.cancelByClientOrderId(settings.subAccountId(), cid.get(),
                settings.cancelTtl()), "c:" + clientOrderId, clientOrderId, null);
    }

    private CompletableFuture<Result<OrderAccepted>> send(JsonNode params, String key, String clientOrderId,
                                                          String orderId) {
        CompletableFuture<Optional<GrvtOrderFeed.CancelOutcome>> outcome = feed.cancels.register(key,
                settings.outcomeWait().plus(settings.cancelTtl()));
        return rpc.request(CANCEL, params).thenCompose(answer -> {
            if (!answer.isOk()) {
                outcome.complete(Optional.empty());
                return GrvtOms.done(Result.<OrderAccepted>err(answer.error()));
            }
            return outcome.thenApply(o -> accepted(o, clientOrderId, orderId));
        });
    }

    private static Result<OrderAccepted> accepted(Optional<GrvtOrderFeed.CancelOutcome> outcome,
                                                  String clientOrderId, String orderId) {
        if (outcome.isEmpty()) {
            return Result.ok(new OrderAccepted(clientOrderId, orderId, OrderStatus.UNKNOWN, null));
        }
        GrvtOrderFeed.CancelOutcome o = outcome.get();
        if (o.notFound() != null) {
            return Result.err(new ExchangeError(ErrorKind.NOT_FOUND, GrvtVenue.EXCHANGE, "ORDER_NOT_FOUND",
                    o.notFound(), 0, false, null));
        }
        OrderUpdate u = o.canceled();
        return Result.ok(new OrderAccepted(u.getClientOrderId() != null ? u.getClientOrderId() : clientOrderId,
                u.getExchangeOrderId(), u.getStatus(), u.getExchangeTime()));
    }

    CompletableFuture<Result<Integer>> cancelAll(CancelAll cancelAll) {
        String symbol = cancelAll.getSymbol();
        return lookups.open().thenCompose(open -> {
            if (!open.isOk()) {
                return GrvtOms.done(Result.<Integer>err(open.error()));
            }
            List<OrderUpdate> orders = open.value().stream()
                    .filter(o -> symbol == null || symbol.equals(o.getSymbol())).toList();
            if (symbol == null) {
                return rpc.request(CANCEL_ALL, GrvtOrderRequests.cancelAll(settings.subAccountId(), null, null, null))
                        .thenApply(r -> r.map(ack -> orders.size()));
            }
            return eachById(orders);
        });
    }

    private CompletableFuture<Result<Integer>> eachById(List<OrderUpdate> orders) {
        List<CompletableFuture<Result<JsonNode>>> sent = new ArrayList<>();
        for (OrderUpdate o : orders) {
            sent.add(rpc.request(CANCEL, GrvtOrderRequests.cancelByOrderId(settings.subAccountId(),
                    o.getExchangeOrderId())));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).thenApply(all -> {
            int acked = 0;
            for (CompletableFuture<Result<JsonNode>> f : sent) {
                Result<JsonNode> r = f.join();
                if (!r.isOk()) {
                    return Result.err(r.error());
                }
                acked++;
            }
            return Result.ok(acked);
        });
    }
}
