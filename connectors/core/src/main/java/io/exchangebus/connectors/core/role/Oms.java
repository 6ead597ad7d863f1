package io.exchangebus.connectors.core.role;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.events.CancelAll;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.ReplaceOrder;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Orders over the exchange's private WebSocket where it offers one (used by {@code oms-service}). Every request
 * is checked before it is sent ({@link OrderPreflight}, {@link Capabilities}); a refusal is a {@link Result} error,
 * never an exception. The client order ids this role takes and gives ({@link #place}, {@link #findOrder},
 * {@link OrderUpdate#getClientOrderId()}) are the exchange's, made from ours by {@link #clientOrderIds()}, so a
 * request can be found again.
 */
public interface Oms extends ExchangeRole {

    /** Receives order updates. Called on the connector's delivery thread: return quickly. */
    interface Listener extends ConnectionListener {
        void onOrderUpdate(OrderUpdate update);

        void onMalformedFrame(MalformedFrame frame);
    }

    /** Connects and authenticates; completes when orders can be sent. */
    CompletableFuture<Result<Void>> connect(Listener listener);

    CompletableFuture<Result<OrderAccepted>> place(PlaceOrder order);

    CompletableFuture<Result<OrderAccepted>> cancel(CancelOrder cancel);

    /** Needs {@link Capability#REPLACE_ORDER}. */
    CompletableFuture<Result<OrderAccepted>> replace(ReplaceOrder replace);

    /** Needs {@link Capability#CANCEL_ALL}; completes with how many orders were canceled, when the exchange says. */
    CompletableFuture<Result<Integer>> cancelAll(CancelAll cancelAll);

    /**
     * The exchange's current view of the order with this client order id, or empty when it has none: what the OMS
     * asks after a crash between sending and acknowledging, before doing anything else.
     */
    CompletableFuture<Result<Optional<OrderUpdate>>> findOrder(String symbol, String clientOrderId);

    /**
     * The exchange's current view of the order with this exchange order id, or empty when it has none: what the OMS
     * asks about an order that a cancel may already have reached, when the cancel names it by the exchange's id.
     */
    CompletableFuture<Result<Optional<OrderUpdate>>> findOrderById(String symbol, String exchangeOrderId);

    /**
     * This exchange's client-order-id contract: how ours becomes the exchange's, whether the exchange refuses a
     * second order under it, and whether ours can be read back from it. The caller applies it before
     * {@link #place}; the connector sends what it is given.
     */
    ClientOrderIdScheme clientOrderIds();
}
