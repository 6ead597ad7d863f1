package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.grvt.mapping.AccountMapping;
import io.exchangebus.connectors.grvt.mapping.GrvtOrderState;
import io.exchangebus.connectors.grvt.mapping.OrderMapping;
import io.exchangebus.connectors.grvt.mapping.PrivateContext;
import io.exchangebus.connectors.grvt.mapping.UserFill;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The OMS's private streams (grvt.md §7), each frame to what it tells:
 * <ul>
 * <li>{@code v1.order}: the order with its real id and state; its create's signed payload is settled, the waiters of
 *     its client order id and order id are told.</li>
 * <li>{@code v1.state}: ids and state only, joined with the order last reported (an unknown order's state is left to
 *     {@code v1.order}, which says the same and more).</li>
 * <li>{@code v1.fill}: one fill, joined with the state that counts it into one update with {@code lastFill}
 *     ({@link GrvtFillJoin}: a state that counts a fill not yet seen waits for it).</li>
 * <li>{@code v1.cancel}: a cancel by client order id whose time to live ran out without finding an order; the
 *     waiting cancel learns it found nothing.</li>
 * </ul>
 * Every update goes through {@link GrvtOrderUpdates}, so each is reported once; reports are made under one lock, in
 * the order decided. What cannot be mapped is reported as a {@link MalformedFrame}. Thread-safe.
 */
final class GrvtOrderFeed {

    static final List<String> STREAMS = List.of("v1.order", "v1.state", "v1.fill", "v1.cancel");

    /** A cancel's outcome: the order canceled, or the reason the cancel found nothing. */
    record CancelOutcome(OrderUpdate canceled, String notFound) {
    }

    private final GrvtOrderUpdates updates;
    /** Guarded by {@link #updates}. */
    private final GrvtFillJoin fills = new GrvtFillJoin(GrvtOms.ORDER_MEMORY);
    private final GrvtSignedOrders signed;
    private final PrivateContext live;
    private final Clock clock;
    private final Supplier<Oms.Listener> listener;
    final GrvtAwaits<OrderUpdate> orders = new GrvtAwaits<>();
    final GrvtAwaits<CancelOutcome> cancels = new GrvtAwaits<>();
    private volatile boolean closed;

    GrvtOrderFeed(GrvtOrderUpdates updates, GrvtSignedOrders signed, PrivateContext live, Clock clock,
                  Supplier<Oms.Listener> listener) {
        this.updates = updates;
        this.signed = signed;
        this.live = live;
        this.clock = clock;
        this.listener = listener;
    }

    /** A frame of one of {@link #STREAMS}, whole. */
    void onFrame(JsonNode frame) {
        String stream = frame.path("stream").asText("");
        JsonNode feed = frame.path("feed");
        Instant received = clock.instant();
        switch (stream) {
            case "v1.order" -> mapped(stream, frame, OrderMapping.order(feed, false, live, received))
                    .ifOk(this::onOrder);
            case "v1.state" -> mapped(stream, frame, OrderMapping.state(feed, false)).ifOk(this::onState);
            case "v1.fill" -> mapped(stream, frame, AccountMapping.fill(feed, false)).ifOk(f -> onFill(f, frame));
            case "v1.cancel" -> onCancelExpired(feed);
            default -> malformed(stream, frame.toString(), "not a stream of the OMS");
        }
    }

    /** Reports {@code u} if it is new, and tells whoever waits for it. */
    void deliver(OrderUpdate u) {
        synchronized (updates) {
            if (updates.fresh(u)) {
                Oms.Listener l = listener.get();
                if (l != null && !closed) {
                    l.onOrderUpdate(u);
                }
            }
        }
        String cid = u.getClientOrderId();
        if (cid != null) {
            signed.settled(cid);
            orders.signal("c:" + cid, u);
            if (u.getStatus() == OrderStatus.CANCELED) {
                cancels.signal("c:" + cid, new CancelOutcome(u, null));
            }
        }
        orders.signal("o:" + u.getExchangeOrderId(), u);
        if (!GrvtOrderUpdates.isOpen(u.getStatus())) {
            cancels.signal("o:" + u.getExchangeOrderId(), new CancelOutcome(u, u.getStatus() == OrderStatus.CANCELED
                    ? null : "order " + u.getExchangeOrderId() + " is " + u.getStatus()));
        }
    }

    /** An order's state from its stream: reported, unless it waits for the fills it counts. */
    private void onOrder(OrderUpdate u) {
        synchronized (updates) {
            if (fills.hold(u, updates.last(u.getExchangeOrderId()).orElse(null))) {
                CompletableFuture.delayedExecutor(GrvtFillJoin.FILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> releaseIfHeld(u));
                return;
            }
        }
        deliver(u);
    }

    private void releaseIfHeld(OrderUpdate u) {
        boolean released;
        synchronized (updates) {
            released = fills.release(u);
        }
        if (released) {
            deliver(u);
        }
    }

    private void onState(GrvtOrderState s) {
        OrderUpdate last;
        synchronized (updates) {
            last = updates.last(s.exchangeOrderId()).or(() -> fills.held(s.exchangeOrderId())).orElse(null);
        }
        if (last != null) {
            onOrder(OrderUpdate.newBuilder(last)
                    .setStatus(s.status()).setFilledQuantity(s.filledQuantity()).setAveragePrice(s.averagePrice())
                    .setReason(s.reason()).setExchangeTime(s.updateTime()).setReceiveTime(clock.instant())
                    .setLastFill(null).build());
        }
    }

    private void onFill(UserFill f, JsonNode frame) {
        Optional<OrderUpdate> joined;
        synchronized (updates) {
            if (updates.reportedTrade(f.fill().getTradeId())) {
                return;
            }
            joined = fills.join(f, updates.last(f.exchangeOrderId()).orElse(null), clock.instant());
        }
        if (joined.isEmpty()) {
            malformed("v1.fill", frame.toString(), "fill of order " + f.exchangeOrderId()
                    + " that was not seen on v1.order; its fills are in fill_history");
            return;
        }
        deliver(joined.get());
    }

    private void onCancelExpired(JsonNode feed) {
        String cid = feed.path("client_order_id").asText("");
        if (cid.isEmpty()) {
            malformed("v1.cancel", feed.toString(), "no client_order_id");
            return;
        }
        cancels.signal("c:" + cid, new CancelOutcome(null, "GRVT found no open order " + cid + " within the cancel's "
                + "time to live (" + feed.path("cancel_status").asText("?") + ")"));
    }

    private <T> Result<T> mapped(String stream, JsonNode frame, Result<T> r) {
        if (!r.isOk()) {
            malformed(stream, frame.toString(), r.error().message());
        }
        return r;
    }

    /** Read on the connection, neither an answer of ours nor a frame of the OMS's streams. */
    void unrouted(String raw) {
        malformed("unrouted", raw, "neither an answer of the OMS nor a frame of its streams");
    }

    void malformed(String channel, String raw, String reason) {
        Oms.Listener l = listener.get();
        if (l != null && !closed) {
            l.onMalformedFrame(new MalformedFrame(GrvtVenue.EXCHANGE, channel, raw, reason, clock.instant()));
        }
    }

    void close() {
        closed = true;
        orders.cancelAll();
        cancels.cancelAll();
    }
}
