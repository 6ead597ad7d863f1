package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.ClientOrderIdScheme;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.core.role.OrderPreflight;
import io.exchangebus.connectors.grvt.mapping.InstrumentMapping;
import io.exchangebus.connectors.grvt.mapping.PrivateContext;
import io.exchangebus.events.CancelAll;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.ReplaceOrder;
import io.exchangebus.connectors.grvt.auth.GrvtOrderSigner;
import io.exchangebus.connectors.grvt.config.GrvtAccount;
import io.exchangebus.connectors.grvt.config.GrvtConfig;
import io.exchangebus.connectors.grvt.http.GrvtRestClient;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * GRVT's OMS over the trades host's JSON-RPC WebSocket ({@link GrvtOrderChannel}, grvt.md §7–§9).
 *
 * <ul>
 * <li><b>Create</b>: {@code v1/create_order}, each order signed with EIP-712 ({@link GrvtOrderEntry}). GRVT answers
 *     {@code order_id "0x00"}; the real id comes on {@code v1.order}, found by client order id, and is in the
 *     acknowledgement when it comes within {@link GrvtOmsSettings#outcomeWait()}.</li>
 * <li><b>Retries</b>: a create's signed payload is kept ({@link GrvtSignedOrders}) until its fate is known; a create
 *     under the same client order id meanwhile sends that payload again, byte for byte, which GRVT ignores if the
 *     first arrived (same nonce and signature). It is never signed anew: that would be a second order.</li>
 * <li><b>Cancel</b>: {@code v1/cancel_order} by order id or client order id, {@code v1/cancel_all_orders};
 *     <b>replace</b>: cancel-replace with {@code v2/bulk_orders}, the new order under the replace's new client
 *     order id with a new order id ({@link GrvtCancels}, {@link GrvtOrderEntry}).</li>
 * <li><b>Updates</b>: {@code v1.order}, {@code v1.state}, {@code v1.fill}, {@code v1.cancel} of the sub-account,
 *     each reported once ({@link GrvtOrderFeed}).</li>
 * <li><b>Look-ups</b>: {@code v1/open_orders}, then {@code v1/order_history} ({@link GrvtOrderLookups}); after a
 *     reconnect each order last reported open is read again ({@link GrvtOrderRecovery}).</li>
 * </ul>
 * Client order ids in and out are GRVT's (decimal uint64 in [2^63, 2^64−1], {@link GrvtClientOrderIds}): the caller
 * applies {@link #clientOrderIds()}. Thread-safe; the listener is called on the channel's delivery thread.
 */
public final class GrvtOms implements Oms {

    static final int ORDER_MEMORY = 100_000;
    static final ObjectMapper JSON = ExactNumbers.exactMapper();

    private final GrvtOmsSettings settings;
    private final GrvtOrderChannel channel;
    private final Supplier<CompletableFuture<Result<InstrumentMapping.Instruments>>> listing;
    private final GrvtSigningTerms signing;
    private final Capabilities capabilities = GrvtOmsCapabilities.oms();
    private final GrvtOrderUpdates updates = new GrvtOrderUpdates(ORDER_MEMORY);
    private final GrvtSignedOrders signed;
    private final GrvtOrderFeed feed;
    private final GrvtOrderLookups lookups;
    private final GrvtOrderEntry entry;
    private final GrvtCancels cancels;
    private final GrvtOrderRecovery recovery;
    private volatile CompletableFuture<Result<Void>> connected;
    private volatile Listener listener;
    private volatile boolean closed;

    /**
     * @param listing GRVT's instruments ({@code all_instruments}), read at connect: the registry is filled from it
     *        when empty, and each order is signed with its instrument's hash and base decimals
     * @param signed where signed creates of unknown fate are kept; share one between successive OMS instances of
     *        the sub-account so that a retry after a restart still sends the same payload
     */
    public GrvtOms(GrvtOmsSettings settings, GrvtOrderChannel channel, InstrumentRegistry instruments,
                   Supplier<CompletableFuture<Result<InstrumentMapping.Instruments>>> listing,
                   GrvtSignedOrders signed, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.listing = Objects.requireNonNull(listing, "listing");
        this.signed = Objects.requireNonNull(signed, "signed");
        this.signing = new GrvtSigningTerms(instruments);
        PrivateContext live = new PrivateContext(settings.account(), EventSource.STREAM);
        this.feed = new GrvtOrderFeed(updates, signed, live, clock, () -> listener);
        this.lookups = new GrvtOrderLookups(this::request, settings.subAccountId(),
                new PrivateContext(settings.account(), EventSource.RECOVERY), clock);
        this.entry = new GrvtOrderEntry(settings, new OrderPreflight(capabilities, instruments), signing, signed,
                feed, lookups, this::request, clock);
        this.cancels = new GrvtCancels(settings, feed, lookups, this::request);
        this.recovery = new GrvtOrderRecovery(updates, feed, lookups, () -> listener);
    }

    /**
     * The OMS of {@code config}'s account on the shared transport ({@link GrvtClients}): orders signed with the
     * account's signing key for the environment's chain id, expiring after the config's signature lifetime, for its
     * first sub-account; instruments from {@code v1/all_instruments} on the market-data host.
     *
     * @throws IllegalArgumentException if the config has no account, or its signing key or sub-account is unusable
     */
    public static GrvtOms of(GrvtConfig config, InstrumentRegistry instruments, GrvtSignedOrders signed, Clock clock) {
        return of(config, instruments, signed, clock, UnaryOperator.identity());
    }

    /** {@link #of} with the channel wrapped (tests: a channel that loses frames). */
    static GrvtOms of(GrvtConfig config, InstrumentRegistry instruments, GrvtSignedOrders signed, Clock clock,
                      UnaryOperator<GrvtOrderChannel> wrap) {
        GrvtAccount account = config.account()
                .orElseThrow(() -> new IllegalArgumentException("the GRVT OMS needs an account"));
        Result<GrvtOrderSigner> signer = GrvtOrderSigner.of(account.signingKey(), config.endpoints().chainId());
        if (!signer.isOk()) {
            throw new IllegalArgumentException("account " + account.account() + ": signing key: "
                    + signer.error().message());
        }
        BigInteger sub;
        try {
            sub = new BigInteger(account.subAccount());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("account " + account.account() + ": sub-account is not a number");
        }
        GrvtClients clients = new GrvtClients(config, clock);
        GrvtOmsSettings settings = new GrvtOmsSettings(account.account(), sub, signer.value(),
                config.signatureLifetime(), GrvtOmsSettings.DEFAULT_OUTCOME_WAIT, GrvtOmsSettings.DEFAULT_CANCEL_TTL);
        return new GrvtOms(settings,
                wrap.apply(new GrvtTradesOrderChannel(clients)), instruments, () -> listing(clients), signed, clock);
    }

    private static CompletableFuture<Result<InstrumentMapping.Instruments>> listing(GrvtClients clients) {
        GrvtRestClient rest = clients.rest(null);
        // Off the transport's threads: closing it stops them, and the login that follows must not run there.
        return rest.publicRead("v1/all_instruments", GrvtRestClient.body().put("is_active", true))
                .thenApplyAsync(r -> {
                    rest.close();
                    return r.flatMap(root -> InstrumentMapping.instruments(root.toString()));
                });
    }

    @Override
    public String exchange() {
        return GrvtVenue.EXCHANGE;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public ClientOrderIdScheme clientOrderIds() {
        return GrvtClientOrderIds.SCHEME;
    }

    /**
     * Reads the instruments, then opens the channel with the OMS's streams. Once: a later call gets the same
     * outcome, unless that was an error, when it tries again.
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
        String selector = settings.subAccountId().toString();
        connected = listing.get().thenCompose(listed -> {
            if (!listed.isOk()) {
                return done(Result.<Void>err(listed.error()));
            }
            signing.load(listed.value());
            return channel.open(GrvtOrderFeed.STREAMS.stream().map(s -> new GrvtOrderChannel.Stream(s, selector))
                    .toList(), feed::onFrame, feed::unrouted, recovery);
        });
        return connected;
    }

    @Override
    public CompletableFuture<Result<OrderAccepted>> place(PlaceOrder order) {
        return entry.place(order);
    }

    @Override
    public CompletableFuture<Result<OrderAccepted>> cancel(CancelOrder cancel) {
        return cancels.cancel(cancel);
    }

    /** Cancel-replace ({@code v2/bulk_orders}): the acknowledgement names the new order, which has a new id. */
    @Override
    public CompletableFuture<Result<OrderAccepted>> replace(ReplaceOrder replace) {
        return current(replace.getSymbol(), replace.getClientOrderId())
                .thenCompose(found -> entry.replace(replace, found));
    }

    /**
     * {@code v1/cancel_all_orders} for the account; for one symbol, each of its open orders by id. GRVT's answer
     * has no count: the count is of the orders GRVT listed open just before.
     */
    @Override
    public CompletableFuture<Result<Integer>> cancelAll(CancelAll cancelAll) {
        return cancels.cancelAll(cancelAll);
    }

    @Override
    public CompletableFuture<Result<Optional<OrderUpdate>>> findOrder(String symbol, String clientOrderId) {
        return lookups.byClientOrderId(symbol, clientOrderId);
    }

    @Override
    public CompletableFuture<Result<Optional<OrderUpdate>>> findOrderById(String symbol, String exchangeOrderId) {
        return lookups.byOrderId(exchangeOrderId);
    }

    /** The order a client order id names: as last reported here, else as GRVT has it. */
    private CompletableFuture<Result<Optional<OrderUpdate>>> current(String symbol, String clientOrderId) {
        Optional<OrderUpdate> known = updates.orderIdOf(clientOrderId).flatMap(updates::last);
        return known.isPresent() ? done(Result.ok(known)) : lookups.byClientOrderId(symbol, clientOrderId);
    }

    private CompletableFuture<Result<JsonNode>> request(String method, JsonNode params) {
        if (closed) {
            return done(Result.err(ExchangeError.network(exchange(), "OMS is closed")));
        }
        return channel.request(method, params);
    }

    /** The exact text a stored payload was kept as, back as the tree the channel sends. */
    static ObjectNode parse(String payload) {
        try {
            return (ObjectNode) JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("a kept payload is our own JSON", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        feed.close();
        channel.close();
    }

    @Override
    public String toString() {
        return "GrvtOms[sub-account " + settings.subAccountId() + ", " + settings.signer() + "]";
    }

    static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
