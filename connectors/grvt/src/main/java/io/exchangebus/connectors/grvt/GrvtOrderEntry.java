package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.core.role.OrderPreflight;
import io.exchangebus.connectors.core.rpc.JsonRpcRequester;
import io.exchangebus.connectors.grvt.auth.SigningTerms;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.ReplaceOrder;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Signed order entry: {@code v1/create_order} and the create half of a {@code v2/bulk_orders} cancel-replace.
 * Before anything is sent: the preflight (capabilities, instrument, fields, tick, lot, minimum), GRVT's terms
 * ({@link GrvtOrderTerms}), a client order id in GRVT's range. The order is then signed once, with a random uint32
 * nonce, and its payload kept until its fate is known ({@link GrvtSignedOrders}); a second create under the same id
 * meanwhile re-sends that payload unchanged. Thread-safe.
 */
final class GrvtOrderEntry {

    static final String CREATE = "v1/create_order";
    static final String BULK = "v2/bulk_orders";

    private final GrvtOmsSettings settings;
    private final OrderPreflight preflight;
    private final GrvtSigningTerms signing;
    private final GrvtSignedOrders signed;
    private final GrvtOrderFeed feed;
    private final GrvtOrderLookups lookups;
    private final JsonRpcRequester rpc;
    private final Clock clock;
    private final SecureRandom nonces = new SecureRandom();

    GrvtOrderEntry(GrvtOmsSettings settings, OrderPreflight preflight, GrvtSigningTerms signing,
                   GrvtSignedOrders signed, GrvtOrderFeed feed, GrvtOrderLookups lookups, JsonRpcRequester rpc,
                   Clock clock) {
        this.settings = settings;
        this.preflight = preflight;
        this.signing = signing;
        this.signed = signed;
        this.feed = feed;
        this.lookups = lookups;
        this.rpc = rpc;
        this.clock = clock;
    }

    CompletableFuture<Result<OrderAccepted>> place(PlaceOrder order) {
        Result<String> payload = payload(order);
        if (!payload.isOk()) {
            return GrvtOms.done(Result.err(payload.error()));
        }
        ObjectNode params = GrvtOrderRequests.create(GrvtOms.parse(payload.value()));
        return send(CREATE, params, order.getSymbol(), order.getClientOrderId());
    }

    /**
     * Cancel-replace of {@code found} (the order {@code replace.clientOrderId} names): the new order keeps its side,
     * type and time in force, takes the replace's price and quantity or else the old price and the old order's
     * unfilled quantity. Reduce-only is not known of an order read back, and is not carried over.
     */
    CompletableFuture<Result<OrderAccepted>> replace(ReplaceOrder replace, Result<Optional<OrderUpdate>> found) {
        if (!found.isOk()) {
            return GrvtOms.done(Result.err(found.error()));
        }
        if (found.value().isEmpty()) {
            return GrvtOms.done(Result.err(new ExchangeError(ErrorKind.NOT_FOUND, GrvtVenue.EXCHANGE,
                    "ORDER_NOT_FOUND", "no order " + replace.getClientOrderId() + " on " + replace.getSymbol(),
                    0, false, null)));
        }
        OrderUpdate current = found.value().get();
        if (!GrvtOrderUpdates.isOpen(current.getStatus())) {
            return GrvtOms.done(Result.err(ExchangeError.invalidOrder(GrvtVenue.EXCHANGE, "ORDER_NOT_OPEN",
                    "order " + replace.getClientOrderId() + " is " + current.getStatus() + ", not open")));
        }
        Optional<BigInteger> old = GrvtClientOrderIds.parse(replace.getClientOrderId());
        if (old.isEmpty()) {
            return GrvtOms.done(Result.err(badClientId(replace.getClientOrderId())));
        }
        PlaceOrder next = PlaceOrder.newBuilder().setClientOrderId(replace.getNewClientOrderId())
                .setSymbol(current.getSymbol()).setInstrumentId(current.getInstrumentId())
                .setSide(current.getSide()).setOrderType(current.getOrderType())
                .setTimeInForce(current.getTimeInForce())
                .setQuantity(replace.getQuantity() != null ? replace.getQuantity()
                        : current.getQuantity().subtract(current.getFilledQuantity()))
                .setPrice(replace.getPrice() != null ? replace.getPrice() : current.getPrice())
                .setStopPrice(null).setReduceOnly(false).setGoodTillTime(null).build();
        Result<String> payload = payload(next);
        if (!payload.isOk()) {
            return GrvtOms.done(Result.err(payload.error()));
        }
        ObjectNode params = GrvtOrderRequests.cancelReplace(settings.subAccountId(), old.get(),
                GrvtOms.parse(payload.value()));
        return send(BULK, params, next.getSymbol(), next.getClientOrderId());
    }

    /** The payload kept for the order's client order id, or the order checked, signed and kept now. */
    Result<String> payload(PlaceOrder order) {
        Optional<BigInteger> clientOrderId = GrvtClientOrderIds.parse(order.getClientOrderId());
        if (clientOrderId.isEmpty()) {
            return Result.err(badClientId(order.getClientOrderId()));
        }
        Optional<String> kept = signed.payload(order.getClientOrderId());
        if (kept.isPresent()) {
            return Result.ok(kept.get()); // a retry: the very bytes sent before, never a new signature
        }
        Result<?> checked = preflight.check(order, null);
        if (!checked.isOk()) {
            return Result.err(checked.error());
        }
        Result<GrvtOrderTerms> terms = GrvtOrderTerms.of(order);
        if (!terms.isOk()) {
            return Result.err(terms.error());
        }
        Optional<SigningTerms> instrument = signing.of(order.getSymbol());
        if (instrument.isEmpty()) {
            return Result.err(ExchangeError.invalidOrder(GrvtVenue.EXCHANGE, "UNKNOWN_INSTRUMENT",
                    "no instrument_hash known for " + order.getSymbol()));
        }
        long nonce = Integer.toUnsignedLong(nonces.nextInt());
        return GrvtOrderRequests.signedOrder(order, terms.value(), instrument.get(), settings.subAccountId(),
                clientOrderId.get(), settings.signer(), nonce, clock.instant(), settings.signatureLifetime())
                .map(json -> signed.keep(order.getClientOrderId(), json));
    }

    /**
     * Sends, then waits (at most the outcome wait) for the order on {@code v1.order} to learn its real id; when it
     * does not come (a duplicate that GRVT ignored says nothing on the streams), asks GRVT by client order id once.
     * A refusal settles the payload; an unknown outcome (NETWORK, TIMEOUT) or a retryable refusal keeps it for the
     * retry.
     */
    private CompletableFuture<Result<OrderAccepted>> send(String method, ObjectNode params, String symbol,
                                                          String clientOrderId) {
        CompletableFuture<Optional<OrderUpdate>> seen = feed.orders.register("c:" + clientOrderId,
                settings.outcomeWait());
        return rpc.request(method, params).thenCompose(answer -> {
            if (!answer.isOk()) {
                if (!answer.error().retryable()) {
                    signed.settled(clientOrderId);
                }
                seen.complete(Optional.empty());
                return GrvtOms.done(Result.<OrderAccepted>err(answer.error()));
            }
            return seen.thenCompose(update -> update.isPresent() ? GrvtOms.done(update)
                    : lookups.byClientOrderId(symbol, clientOrderId).thenApply(found -> {
                        Optional<OrderUpdate> known = found.isOk() ? found.value() : Optional.empty();
                        known.ifPresent(feed::deliver); // its fate is known: reported once, payload settled
                        return known;
                    }))
                    .thenApply(update -> Result.ok(accepted(clientOrderId, update)));
        });
    }

    private static OrderAccepted accepted(String clientOrderId, Optional<OrderUpdate> update) {
        if (update.isPresent()) {
            OrderUpdate u = update.get();
            return new OrderAccepted(clientOrderId, u.getExchangeOrderId(), u.getStatus(), u.getExchangeTime());
        }
        // GRVT's answer names no real order id ("0x00"); its status is PENDING or OPEN (grvt.md §8).
        return new OrderAccepted(clientOrderId, null, OrderStatus.NEW, null);
    }

    private static ExchangeError badClientId(String id) {
        return ExchangeError.invalidOrder(GrvtVenue.EXCHANGE, "CLIENT_ORDER_ID", "client order id " + id
                + " is not GRVT's: " + GrvtClientOrderIds.SCHEME.rule() + " (apply the OMS's clientOrderIds())");
    }
}
