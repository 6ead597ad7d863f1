package io.exchangebus.connectors.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.instrument.OrderRules;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.core.role.ClientOrderIdScheme;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.core.role.OrderPreflight;
import io.exchangebus.connectors.deribit.config.DeribitAccount;
import io.exchangebus.connectors.deribit.config.DeribitConfig;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.connectors.deribit.mapping.DeribitLabels;
import io.exchangebus.connectors.deribit.mapping.OrderMapping;
import io.exchangebus.connectors.deribit.mapping.OrderParams;
import io.exchangebus.connectors.deribit.mapping.OrderParams.DeribitRequest;
import io.exchangebus.connectors.deribit.mapping.PrivateContext;
import io.exchangebus.connectors.deribit.mapping.UnmappableMessageException;
import io.exchangebus.connectors.deribit.ws.DeribitLimits;
import io.exchangebus.connectors.deribit.ws.DeribitRpc;
import io.exchangebus.events.CancelAll;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.ReplaceOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Deribit's OMS on one authenticated JSON-RPC WebSocket ({@link DeribitRpc}, scope {@code session:<name>-oms}).
 *
 * <ul>
 * <li><b>Requests</b>: {@code private/buy}/{@code sell} for limit, post-only, IOC, FOK, GTC/GTD (good_til_day),
 *     market, stop-limit and stop-market orders, reduce-only ({@link OrderParams}; post-only is sent with
 *     {@code reject_post_only}: a crossing order is refused with 11054, never re-priced); {@code private/edit} for a
 *     replace; {@code private/cancel} by order id, or {@code private/cancel_by_label} when only the label is known;
 *     {@code private/cancel_all_by_instrument} for one instrument, {@code private/cancel_all} for the account.
 *     Our client order id (as {@link #clientOrderIds()} made it) is the order's {@code label}.</li>
 * <li><b>Before sending</b>: {@link OrderPreflight} (capabilities, instrument, fields, tick, lot, minimum), then
 *     {@link OrderParams}' rules. A refusal sends nothing. Each request then waits for its credits in the account's
 *     {@link DeribitLimits} (matching-engine requests in the matching-engine bucket), so the connection slows down
 *     before Deribit answers 10028.</li>
 * <li><b>Updates</b>: from {@code user.changes.any.any.raw} (each order with its trades) and from the answers to
 *     buy/sell/edit/cancel, which say the same; {@link DeribitOrderUpdates} reports each state and each fill once,
 *     in whichever order the two arrive.</li>
 * <li><b>Replace</b>: {@code private/edit} keeps the order's id and label; the replace's new client order id is
 *     remembered as naming the same order ({@link DeribitClientIds}), and the acknowledgement carries the label the
 *     order keeps, as Binance's USD-M amend does. The replace's quantity is the order's new total amount.</li>
 * <li><b>Look-ups</b> ({@link #findOrder}): {@code private/get_order_state_by_label}, see
 *     {@link DeribitOrderLookups}: what oms-service asks after a crash or a lost answer, so an order is never placed
 *     twice.</li>
 * <li><b>Errors</b>: Deribit's codes through {@link DeribitErrors} (rejections INVALID_ORDER / INSUFFICIENT_FUNDS /
 *     NOT_FOUND, retryable RATE_LIMITED / EXCHANGE_INTERNAL); an answer lost or not received in time is a NETWORK or
 *     TIMEOUT error: the outcome is unknown, and the caller looks the order up before anything else.</li>
 * <li><b>Cancel on disconnect</b>: the account setting {@code cancel-on-disconnect}, sent on every new socket of
 *     this connection. After a reconnect, every order last reported open is read again with
 *     {@code private/get_order_state}, so that cancels (cancel on disconnect among them) and fills that happened
 *     while disconnected are reported.</li>
 * </ul>
 * Thread-safe; the listener is called on the connection's consumer thread.
 */
public final class DeribitOms implements Oms {

    /** Orders with their trades, and positions, of every instrument: one frame per change. */
    public static final String CHANNEL = "user.changes.any.any.raw";
    /**
     * Matching-engine requests kept in hand below Deribit's burst: Deribit's bucket starts refilling only when our
     * first request reaches it, ours when it is sent, so ours runs ahead by the latency; each request of headroom
     * absorbs 200 ms of it at the lowest tier (a burst sent at once otherwise met 10028 in DeribitOmsFaultIT).
     */
    public static final long MATCHING_HEADROOM = 4;
    private static final int MEMORY = 100_000;
    private static final ObjectMapper PARAMS = ExactNumbers.exactMapper();

    private final InstrumentRegistry instruments;
    private final Capabilities capabilities = DeribitCapabilities.oms();
    private final OrderPreflight preflight;
    private final DeribitRpc rpc;
    private final Clock clock;
    private final PrivateContext live;
    private final DeribitOrderUpdates updates = new DeribitOrderUpdates(MEMORY);
    private final DeribitClientIds ids = new DeribitClientIds(MEMORY);
    private final DeribitOrderLookups lookups;
    private final DeribitOrderFeed feed;
    private volatile CompletableFuture<Result<Void>> connected;
    private volatile Listener listener;
    private volatile boolean closed;

    /** With credits of its own ({@link #limits}); prefer sharing the account's. */
    public DeribitOms(DeribitConfig config, InstrumentRegistry instruments) {
        this(config, instruments, limits(Clock.systemUTC()), Clock.systemUTC());
    }

    /**
     * Credits for an account at Deribit's lowest matching-engine tier (5 a second, burst 20), less
     * {@link #MATCHING_HEADROOM} of the burst, so that the connector waits before Deribit would answer 10028.
     */
    public static DeribitLimits limits(Clock clock) {
        return new DeribitLimits(clock, DeribitLimits.MATCHING_BURST - MATCHING_HEADROOM,
                DeribitLimits.MATCHING_PER_SECOND);
    }

    /**
     * @param config with the account (its login, heartbeat and cancel-on-disconnect)
     * @param limits the account's credits, shared with its other roles
     */
    public DeribitOms(DeribitConfig config, InstrumentRegistry instruments, DeribitLimits limits, Clock clock) {
        DeribitAccount account = config.account()
                .orElseThrow(() -> new IllegalArgumentException("the Deribit OMS needs an account"));
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.preflight = new OrderPreflight(capabilities, instruments);
        this.live = new PrivateContext(account.credentials().account(), null, EventSource.STREAM);
        this.feed = new DeribitOrderFeed(updates, ids, live, clock, () -> listener, () -> closed,
                this::lookups);
        this.rpc = new DeribitRpc(config.rpc("oms", true, clock), limits, clock, feed);
        this.lookups = new DeribitOrderLookups(rpc, instruments, live.withSource(EventSource.RECOVERY), clock);
    }

    @Override
    public String exchange() {
        return DeribitErrors.EXCHANGE;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The label: see {@link DeribitLabels}. Not unique on Deribit: look up before resending. */
    @Override
    public ClientOrderIdScheme clientOrderIds() {
        return DeribitLabels.SCHEME;
    }

    /**
     * Logs in, sets the heartbeat (and cancel on disconnect), subscribes {@value #CHANNEL}. Once: a later call gets
     * the same outcome, unless that was an error, when it tries again.
     */
    @Override
    public synchronized CompletableFuture<Result<Void>> connect(Listener listener) {
        if (closed) {
            return done(Result.err(ExchangeError.network(exchange(), "OMS is closed")));
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        CompletableFuture<Result<Void>> previous = connected;
        if (previous != null && !(previous.isDone() && !previous.join().isOk())) {
            return previous;
        }
        connected = rpc.start().thenCompose(start -> start.isOk()
                ? rpc.subscribe(List.of(CHANNEL), feed::onNotification).thenApply(r -> r.map(ok -> (Void) null))
                : done(Result.<Void>err(start.error())));
        return connected;
    }

    @Override
    public CompletableFuture<Result<OrderAccepted>> place(PlaceOrder order) {
        BigDecimal reference = order.getOrderType() == OrderType.STOP_MARKET ? order.getStopPrice() : null;
        Result<InstrumentDefinition> checked = preflight.check(order, reference);
        if (!checked.isOk()) {
            return done(Result.err(checked.error()));
        }
        Result<DeribitRequest> request = OrderParams.place(order, clock.instant());
        if (!request.isOk()) {
            return done(Result.err(request.error()));
        }
        return send(request.value(), order.getClientOrderId());
    }

    /** By order id when it is given or this OMS knows the label's order; else every open order with the label. */
    @Override
    public CompletableFuture<Result<OrderAccepted>> cancel(CancelOrder cancel) {
        CancelOrder named = cancel;
        if (cancel.getExchangeOrderId() == null && cancel.getClientOrderId() != null) {
            Optional<String> known = ids.orderIdOf(cancel.getClientOrderId());
            if (known.isPresent()) {
                named = CancelOrder.newBuilder(cancel).setExchangeOrderId(known.get()).build();
            }
        }
        Result<DeribitRequest> request = OrderParams.cancel(named);
        if (!request.isOk()) {
            return done(Result.err(request.error()));
        }
        if (named.getExchangeOrderId() == null) {
            return cancelByLabel(named, request.value());
        }
        return send(request.value(), cancel.getClientOrderId());
    }

    @Override
    public CompletableFuture<Result<OrderAccepted>> replace(ReplaceOrder replace) {
        Optional<ExchangeError> unsupported = capabilities.require(Capability.REPLACE_ORDER);
        if (unsupported.isPresent()) {
            return done(Result.err(unsupported.get()));
        }
        Optional<InstrumentDefinition> instrument = instruments.bySymbol(replace.getSymbol());
        if (instrument.isEmpty()) {
            return done(Result.err(ExchangeError.invalidOrder(exchange(), "UNKNOWN_INSTRUMENT",
                    replace.getSymbol() + " is not listed on " + exchange())));
        }
        return current(replace.getSymbol(), replace.getClientOrderId())
                .thenCompose(found -> edit(replace, instrument.get(), found));
    }

    /** {@code private/cancel_all_by_instrument} with a symbol, else {@code private/cancel_all}: Deribit's count. */
    @Override
    public CompletableFuture<Result<Integer>> cancelAll(CancelAll cancelAll) {
        Optional<ExchangeError> unsupported = capabilities.require(Capability.CANCEL_ALL);
        if (unsupported.isPresent()) {
            return done(Result.err(unsupported.get()));
        }
        Result<DeribitRequest> request = OrderParams.cancelAll(cancelAll);
        if (!request.isOk()) {
            return done(Result.err(request.error()));
        }
        DeribitRequest r = request.value();
        return request(r.method(), r.params()).thenApply(answer -> answer.flatMap(count -> count.canConvertToInt()
                && count.isIntegralNumber() ? Result.ok(count.intValue())
                : Result.err(unknown(r.method() + " answered no count: " + count.getNodeType()))));
    }

    /**
     * Deribit's order with this label on {@code symbol} ({@code private/get_order_state_by_label}), or, for the new
     * client order id of a replace made by this process, the edited order ({@code private/get_order_state}).
     */
    @Override
    public CompletableFuture<Result<Optional<OrderUpdate>>> findOrder(String symbol, String clientOrderId) {
        Optional<String> aliased = ids.aliased(clientOrderId);
        return aliased.isPresent() ? lookups.byId(aliased.get()) : lookups.byLabel(symbol, clientOrderId);
    }

    @Override
    public CompletableFuture<Result<Optional<OrderUpdate>>> findOrderById(String symbol, String exchangeOrderId) {
        return lookups.byId(exchangeOrderId);
    }

    private DeribitOrderLookups lookups() {
        return lookups;
    }

    /** The connection, for tests. */
    DeribitRpc rpc() {
        return rpc;
    }

    /** Sets the listener without connecting (tests of the delivery path). */
    void useListener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        rpc.close();
    }

    @Override
    public String toString() {
        return "DeribitOms[" + rpc + "]";
    }

    // ---- requests ----

    private CompletableFuture<Result<OrderAccepted>> send(DeribitRequest request, String clientOrderId) {
        return request(request.method(), request.params())
                .thenApply(r -> r.map(result -> accept(request.method(), result, clientOrderId)));
    }

    private CompletableFuture<Result<JsonNode>> request(String method, Map<String, Object> params) {
        if (closed) {
            return done(Result.err(ExchangeError.network(exchange(), "OMS is closed")));
        }
        return rpc.request(method, PARAMS.valueToTree(params));
    }

    /** Reports the answer's order (and trades) and acknowledges it; an answer that cannot be mapped is reported. */
    OrderAccepted accept(String method, JsonNode result, String clientOrderId) {
        JsonNode order = result.has("order") ? result.get("order") : result;
        String orderId = order.path("order_id").asText(null);
        try {
            List<OrderUpdate> mapped = OrderMapping.fromOrderResult(result, live, clock.instant());
            feed.deliver(mapped);
            OrderUpdate last = mapped.get(mapped.size() - 1);
            String label = last.getClientOrderId() != null ? last.getClientOrderId() : clientOrderId;
            return new OrderAccepted(label, orderId, last.getStatus(), last.getExchangeTime());
        } catch (UnmappableMessageException e) {
            feed.malformed(method, result.toString(), e.getMessage());
            return new OrderAccepted(clientOrderId, orderId, OrderStatus.UNKNOWN, null);
        }
    }

    private CompletableFuture<Result<OrderAccepted>> cancelByLabel(CancelOrder cancel, DeribitRequest request) {
        Map<String, Object> params = new LinkedHashMap<>(request.params());
        instruments.bySymbol(cancel.getSymbol()).ifPresent(i -> params.put("currency", i.settle()));
        return request(request.method(), params).thenApply(r -> r.flatMap(count -> count.asInt(0) > 0
                ? Result.ok(new OrderAccepted(cancel.getClientOrderId(), null, OrderStatus.CANCELED, null))
                : Result.err(new ExchangeError(ErrorKind.NOT_FOUND, exchange(), "NO_OPEN_ORDER",
                        "Deribit has no open order labelled " + cancel.getClientOrderId(), 0, false, null))));
    }

    /** The order a client order id names, as last reported by this OMS, else as Deribit has it. */
    private CompletableFuture<Result<Optional<OrderUpdate>>> current(String symbol, String clientOrderId) {
        Optional<String> id = ids.orderIdOf(clientOrderId);
        if (id.isPresent()) {
            Optional<OrderUpdate> known = updates.last(id.get());
            return known.isPresent() ? done(Result.ok(known)) : lookups.byId(id.get());
        }
        return lookups.byLabel(symbol, clientOrderId);
    }

    private CompletableFuture<Result<OrderAccepted>> edit(ReplaceOrder replace, InstrumentDefinition instrument,
                                                         Result<Optional<OrderUpdate>> found) {
        if (!found.isOk()) {
            return done(Result.err(found.error()));
        }
        if (found.value().isEmpty()) {
            return done(Result.err(new ExchangeError(ErrorKind.NOT_FOUND, exchange(), "ORDER_NOT_FOUND",
                    "no order " + replace.getClientOrderId() + " on " + replace.getSymbol(), 0, false, null)));
        }
        OrderUpdate current = found.value().get();
        if (!DeribitOrderUpdates.isOpen(current.getStatus())) {
            return done(Result.err(ExchangeError.invalidOrder(exchange(), "ORDER_NOT_OPEN",
                    "order " + replace.getClientOrderId() + " is " + current.getStatus() + ", not open")));
        }
        Result<DeribitRequest> request = OrderParams.edit(current, replace.getQuantity(), replace.getPrice());
        if (!request.isOk()) {
            return done(Result.err(request.error()));
        }
        BigDecimal price = replace.getPrice() != null ? replace.getPrice() : current.getPrice();
        BigDecimal quantity = replace.getQuantity() != null ? replace.getQuantity() : current.getQuantity();
        Optional<ExchangeError> broken = OrderRules.check(instrument, price, quantity, null);
        if (broken.isPresent()) {
            return done(Result.err(broken.get()));
        }
        ids.alias(replace.getNewClientOrderId(), current.getExchangeOrderId());
        return send(request.value(), current.getClientOrderId());
    }

    // ---- notifications and delivery ----

    /** A private notification (tests of the delivery path). */
    void onNotification(String channel, JsonNode data, String raw, Instant received) {
        feed.onNotification(channel, data, raw, received);
    }

    private ExchangeError unknown(String message) {
        return new ExchangeError(ErrorKind.UNKNOWN, exchange(), null, message, 0, false, null);
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
