package io.exchangebus.connectors.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.mapping.BinanceClientOrderIds;
import io.exchangebus.connectors.binance.mapping.MappingContext;
import io.exchangebus.connectors.binance.mapping.OrderMapping;
import io.exchangebus.connectors.binance.mapping.UnmappableMessageException;
import io.exchangebus.connectors.binance.ws.BinanceWsApiClient;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.instrument.OrderRules;
import io.exchangebus.connectors.core.limit.OrderRateLimits;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.core.role.ClientOrderIdScheme;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.core.role.OrderPreflight;
import io.exchangebus.connectors.core.role.ReportedOrders;
import io.exchangebus.connectors.core.ws.WsSettings;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Binance's OMS over the WebSocket API, for spot ({@code ws-api/v3}) and USD-M ({@code ws-fapi/v1}).
 *
 * <ul>
 *   <li><b>Requests</b>: spot {@code order.place}, {@code order.cancel}, {@code order.cancelReplace}
 *       ({@code STOP_ON_FAILURE}), {@code openOrders.cancelAll}, {@code order.status}; USD-M {@code order.place},
 *       {@code order.cancel}, {@code order.modify}, {@code order.status}, and cancel-all over REST
 *       {@code DELETE /fapi/v1/allOpenOrders} (the USD-M WebSocket API has no cancel-all).</li>
 *   <li><b>Before sending</b>: {@link OrderPreflight} (capabilities, instrument, fields, tick/lot/min/max/notional;
 *       a market order is valued at no reference price, a stop-market at its stop price), the family's mapping
 *       rules, then the account's ORDERS rate limits ({@link BinanceVenue#orderRateLimits()}). A refusal sends nothing.
 *       USD-M reduce-only orders are exempt from MIN_NOTIONAL, as on Binance.</li>
 *   <li><b>Clock</b>: the server clock is synced at connect and every {@link #CLOCK_RESYNC}; a {@code -1021} answer
 *       (timestamp outside recvWindow: the request was not processed) resyncs it and retries that request once.</li>
 *   <li><b>Updates</b>: the state in each answer (NEW on place, CANCELED on cancel, both orders of a cancel-replace,
 *       every order a cancel-all canceled on spot) goes to the listener; later fills come from the user-data stream
 *       through {@link #deliver}, which drops what was delivered already or says less ({@link ReportedOrders}).</li>
 *   <li><b>Replace</b>: on spot a new order with {@link ReplaceOrder#getNewClientOrderId()} replaces the old one
 *       (a null quantity is the old order's unfilled quantity); on USD-M {@code order.modify} amends the order in
 *       place, which keeps its order id and client order id (Binance cannot rename it), so the answer's
 *       {@link OrderAccepted#clientOrderId()} is the original one. Only LIMIT (and post-only) orders are amended
 *       on USD-M.</li>
 *   <li><b>Cancel all</b> counts: spot, the orders in the answer; USD-M, whose answer gives no count, the open
 *       orders listed just before the cancel.</li>
 *   <li><b>Bans</b>: a 418 or 429 answer, over REST or the WebSocket API (whose {@code error.data.retryAfter} is
 *       the hint), closes this OMS's ban gate (the REST transport's {@link io.exchangebus.connectors.core.http.BanGate}):
 *       until the hint has passed every call is refused locally as RATE_LIMITED and nothing is sent. The gate is per
 *       role instance; a DataFetcher in the same process has its own.</li>
 *   <li><b>USD-M stops</b>: STOP / STOP_MARKET go over {@code order.place} as the USD-M docs of the fixtures
 *       describe; Binance has been moving USD-M conditional orders to its Algo service ({@code algoOrder}), which
 *       this class does not use.</li>
 * </ul>
 * If the registry is empty at connect, it is filled from {@code exchangeInfo}.
 *
 * <p>{@link #connect} completes within about the config's request timeout once the socket is open: a
 * {@code session.logon} (Ed25519) or first user-data subscription (spot) that gets no answer in time fails it with a
 * retryable TIMEOUT error naming that method, and what was opened is closed again, so a later {@code connect} starts
 * afresh.
 */
public final class BinanceOms implements Oms, OmsFamily.Oms {

    /** How often the server clock is resynced while connected. */
    public static final Duration CLOCK_RESYNC = Duration.ofMinutes(5);
    /**
     * The WebSocket API socket's TCP connect and handshake; its logon then has the request timeout on top, so that an
     * unanswered logon is reported as such rather than as a connect timeout.
     */
    static final Duration WS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final int REPORTED_MEMORY = 100_000;

    private final BinanceConfig config;
    private final BinanceVenue venue;
    private final InstrumentRegistry instruments;
    private final Capabilities capabilities;
    private final OrderPreflight preflight;
    private final OrderRateLimits rateLimits;
    private final BinanceRestClient rest;
    private final MappingContext live;
    private final MappingContext recovery;
    private final Clock clock;
    /** Ids per symbol; the answers' and the stream's times are not compared (the status and fills order them). */
    private final ReportedOrders reported = new ReportedOrders(REPORTED_MEMORY, ReportedOrders.Ids.PER_SYMBOL, false);
    private final OmsRequests requests;
    private final OmsFamily family;
    /** The WebSocket API client, user-data stream and clock resync that connect opens. */
    private final OmsSession session;
    private volatile Listener listener;
    private volatile boolean closed;

    public BinanceOms(BinanceConfig config, InstrumentRegistry instruments) {
        this.config = config;
        this.venue = config.venue();
        this.instruments = instruments;
        this.capabilities = BinanceCapabilities.oms(venue);
        this.preflight = new OrderPreflight(capabilities, instruments);
        this.rateLimits = new OrderRateLimits(venue.exchange(), venue.orderRateLimits());
        this.rest = new BinanceRestClient(config);
        String account = config.requireSigner().account();
        this.live = new MappingContext(config.exchange(), account, instruments, EventSource.STREAM);
        this.recovery = new MappingContext(config.exchange(), account, instruments, EventSource.RECOVERY);
        this.clock = Clock.systemUTC();
        this.session = new OmsSession(this, config, rest, instruments, recovery, () -> listener);
        this.requests = new OmsRequests(config.exchange(), rest, session::ws, () -> closed);
        this.family = OmsFamily.of(venue, this);
    }

    @Override
    public OmsRequests requests() {
        return requests;
    }

    @Override
    public String exchange() {
        return config.exchange();
    }

    /** Binance's {@code newClientOrderId}: see {@link BinanceClientOrderIds}. */
    @Override
    public ClientOrderIdScheme clientOrderIds() {
        return BinanceClientOrderIds.SCHEME;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The WebSocket API client once connected (null before), for tests and the user-data wiring. */
    BinanceWsApiClient wsApi() {
        return session.ws();
    }

    /** USD-M: how often the user-data listenKey is kept alive (default 30 min); set before {@link #connect}. */
    void userDataKeepAlive(Duration interval) {
        session.userDataKeepAlive = interval;
    }

    /** Adjusts the WebSocket API connection's settings (tests: a tiny hand-off queue); set before {@link #connect}. */
    void wsTuning(UnaryOperator<WsSettings.Builder> tuning) {
        session.wsTuning = tuning;
    }

    /** The REST client (its server clock, transport and ban gate), for tests and the user-data wiring. */
    BinanceRestClient rest() {
        return rest;
    }

    /** Sets the listener without connecting (tests of the delivery path). */
    void useListener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public CompletableFuture<Result<Void>> connect(Listener listener) {
        if (closed) {
            return CompletableFuture.completedFuture(Result.err(ExchangeError.network(exchange(), "OMS is closed")));
        }
        this.listener = listener;
        if (session.ws() != null) {
            return done(Result.ok());
        }
        return session.open(listener);
    }

    @Override
    public CompletableFuture<Result<OrderAccepted>> place(PlaceOrder order) {
        BigDecimal reference = order.getOrderType() == OrderType.STOP_MARKET ? order.getStopPrice() : null;
        Result<InstrumentDefinition> checked = preflight.check(order, reference);
        if (!checked.isOk() && !family.exempt(order, checked.error())) {
            return done(Result.err(checked.error()));
        }
        Result<Map<String, Object>> params = withinLimits(() -> OrderMapping.placeParams(venue, order));
        if (!params.isOk()) {
            return done(Result.err(params.error()));
        }
        OmsUserData stream = session.userData();
        if (stream != null) {
            stream.sent(order.getSymbol(), order.getClientOrderId());
        }
        return requests.signed("order.place", params::value)
                .thenApply(r -> r.map(result -> accept("order.place", result)));
    }

    @Override
    public CompletableFuture<Result<OrderAccepted>> cancel(CancelOrder cancel) {
        Map<String, Object> params;
        try {
            params = OrderMapping.cancelParams(cancel);
        } catch (IllegalArgumentException e) {
            return done(Result.err(refusal(e)));
        }
        return requests.signed("order.cancel", () -> params)
                .thenApply(r -> r.map(result -> accept("order.cancel", result)));
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
        return status(replace.getSymbol(), replace.getClientOrderId())
                .thenCompose(found -> replaceFound(replace, instrument.get(), found));
    }

    private CompletableFuture<Result<OrderAccepted>> replaceFound(ReplaceOrder replace, InstrumentDefinition instrument,
                                                                  Result<Optional<OrderUpdate>> found) {
        if (!found.isOk()) {
            return done(Result.err(found.error()));
        }
        if (found.value().isEmpty()) {
            return done(Result.err(new ExchangeError(ErrorKind.NOT_FOUND, exchange(), "-2013",
                    "no order " + replace.getClientOrderId() + " on " + replace.getSymbol(), 0, false, null)));
        }
        OrderUpdate current = found.value().get();
        if (current.getStatus() != OrderStatus.NEW && current.getStatus() != OrderStatus.PARTIALLY_FILLED) {
            return done(Result.err(ExchangeError.invalidOrder(exchange(), "ORDER_NOT_OPEN",
                    "order " + replace.getClientOrderId() + " is " + current.getStatus() + ", not open")));
        }
        BigDecimal price = replace.getPrice() != null ? replace.getPrice() : current.getPrice();
        BigDecimal quantity = replace.getQuantity() != null ? replace.getQuantity() : family.keptQuantity(current);
        Optional<ExchangeError> broken = OrderRules.check(instrument, price, quantity, null);
        if (broken.isPresent()) {
            return done(Result.err(broken.get()));
        }
        Result<Map<String, Object>> params = withinLimits(() -> family.replaceParams(current, replace));
        if (!params.isOk()) {
            return done(Result.err(params.error()));
        }
        return family.sendReplace(replace, params.value());
    }

    @Override
    public CompletableFuture<Result<Integer>> cancelAll(CancelAll cancelAll) {
        Optional<ExchangeError> unsupported = capabilities.require(Capability.CANCEL_ALL);
        if (unsupported.isPresent()) {
            return done(Result.err(unsupported.get()));
        }
        return family.cancelAll(cancelAll.getSymbol());
    }

    @Override
    public CompletableFuture<Result<Optional<OrderUpdate>>> findOrder(String symbol, String clientOrderId) {
        return status(symbol, clientOrderId);
    }

    @Override
    public CompletableFuture<Result<Optional<OrderUpdate>>> findOrderById(String symbol, String exchangeOrderId) {
        Map<String, Object> params;
        try {
            params = OrderMapping.orderRef(symbol, null, exchangeOrderId);
        } catch (IllegalArgumentException e) {
            return done(Result.err(ExchangeError.invalidOrder(exchange(), "ORDER_REFERENCE", e.getMessage())));
        }
        return status(params);
    }

    @Override
    public CompletableFuture<Result<Optional<OrderUpdate>>> status(String symbol, String clientOrderId) {
        return status(OrderMapping.orderRef(symbol, clientOrderId, null));
    }

    private CompletableFuture<Result<Optional<OrderUpdate>>> status(Map<String, Object> params) {
        return requests.signed("order.status", () -> params).thenApply(r -> {
            if (!r.isOk()) {
                return "-2013".equals(r.error().code()) ? Result.ok(Optional.<OrderUpdate>empty())
                        : Result.<Optional<OrderUpdate>>err(r.error());
            }
            try {
                return Result.ok(Optional.of(OrderMapping.toUpdate(recovery, r.value(), clock.instant())));
            } catch (UnmappableMessageException e) {
                return Result.<Optional<OrderUpdate>>err(unmappable("order.status", e));
            }
        });
    }

    /**
     * Delivers {@code update} to the listener unless it was delivered already (the NEW of a place answer and the
     * same NEW from the stream) or says less than what was (a place answer's NEW read after the stream's FILLED: the
     * answer and the stream arrive on different threads). Decided and delivered under one lock
     * ({@link ReportedOrders}), so the listener sees an order's states in the order they were decided.
     */
    @Override
    public void deliver(OrderUpdate update) {
        reported.report(update, this::toListener);
    }

    private void toListener(OrderUpdate update) {
        OmsUserData stream = session.userData();
        if (stream != null) {
            stream.delivered(update);
        }
        Listener l = listener;
        if (l != null && !closed) {
            l.onOrderUpdate(update);
        }
    }

    /** Maps an order answer, reports it, and acknowledges it; an answer that cannot be mapped is reported raw. */
    @Override
    public OrderAccepted accept(String method, JsonNode order) {
        OrderUpdate update = report(method, order);
        String clientOrderId = order.hasNonNull("origClientOrderId") ? order.get("origClientOrderId").asText()
                : order.path("clientOrderId").asText(null);
        Long time = order.path("transactTime").canConvertToLong() ? Long.valueOf(order.get("transactTime").asLong())
                : order.path("updateTime").canConvertToLong() ? Long.valueOf(order.get("updateTime").asLong()) : null;
        return new OrderAccepted(clientOrderId, order.path("orderId").asText(null),
                update != null ? update.getStatus() : OrderStatus.UNKNOWN,
                time == null ? null : Instant.ofEpochMilli(time));
    }

    @Override
    public OrderUpdate report(String method, JsonNode order) {
        try {
            OrderUpdate update = OrderMapping.toUpdate(live, order, clock.instant());
            deliver(update);
            return update;
        } catch (UnmappableMessageException e) {
            Listener l = listener;
            if (l != null) {
                l.onMalformedFrame(new MalformedFrame(exchange(), method, order.toString(), e.getMessage(),
                        Instant.now()));
            }
            return null;
        }
    }

    /**
     * An order's request parameters, unless the mapping refuses the order (its message {@code CODE: reason}) or the
     * account's ORDERS rate limits are used up; the limits are only counted for an order the mapping took.
     */
    private Result<Map<String, Object>> withinLimits(Supplier<Map<String, Object>> mapping) {
        Map<String, Object> params;
        try {
            params = mapping.get();
        } catch (IllegalArgumentException e) {
            return Result.err(refusal(e));
        }
        Optional<ExchangeError> limited = rateLimits.tryAcquire();
        return limited.isPresent() ? Result.err(limited.get()) : Result.ok(params);
    }

    private ExchangeError refusal(IllegalArgumentException e) {
        String message = e.getMessage();
        int colon = message.indexOf(':');
        return colon > 0 ? ExchangeError.invalidOrder(exchange(), message.substring(0, colon),
                message.substring(colon + 1).strip())
                : ExchangeError.invalidOrder(exchange(), "INVALID_ORDER", message);
    }

    private ExchangeError unmappable(String what, UnmappableMessageException e) {
        return new ExchangeError(ErrorKind.UNKNOWN, exchange(), null, what + " answer could not be mapped: "
                + e.getMessage(), 0, false, null);
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        session.close();
        rest.close();
    }
}
