package io.exchangebus.connectors.deribit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.rpc.JsonRpcClient;
import io.exchangebus.connectors.core.rpc.JsonRpcRequester;
import io.exchangebus.connectors.core.rpc.SubscriptionProtocol;
import io.exchangebus.connectors.core.session.AuthSession;
import io.exchangebus.connectors.core.session.Scheduler;
import io.exchangebus.connectors.deribit.auth.DeribitToken;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.events.ErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Deribit JSON-RPC WebSocket, for one role, on core's {@link JsonRpcClient}: login, heartbeats, credits,
 * subscriptions, and a new session after 10028.
 *
 * <ul>
 * <li><b>Every new socket</b> ({@link DeribitOpenHook}): {@code public/auth} through core's {@link AuthSession}
 *     (renewed with the refresh token at 80 % of {@code expires_in}, single flight), {@code public/set_heartbeat},
 *     optionally {@code private/enable_cancel_on_disconnect}; then the client resends the subscriptions.</li>
 * <li><b>Heartbeats</b> ({@link DeribitHeartbeats}): each {@code test_request} answered with {@code public/test}.</li>
 * <li><b>Credits</b> ({@link DeribitLimits}): every request waits for its credits (up to {@code maxCreditWait},
 *     else a local RATE_LIMITED refusal), so the connection slows down before Deribit refuses it.</li>
 * <li><b>10028</b> ends the session: the credits are drained, nothing is sent until they are back, then this
 *     connection is replaced by a new one (new socket, login, heartbeat, every subscription), reported to the
 *     listener as DISCONNECTED then CONNECTED, so books resync.</li>
 * <li><b>Subscriptions</b>: {@code private/subscribe} on an authenticated connection (raw books need it), else
 *     {@code public/subscribe}, the answered list compared with the request (11052). Notifications are read from
 *     the raw text with exact numbers and handed to the channel's {@link DeribitNotificationHandler}.</li>
 * </ul>
 *
 * <p>For another role (Oms, Pms): build one per role with the account's {@code DeribitLogin} (scope
 * {@code session:NAME}), share the account's {@link DeribitLimits}, send {@code private/*} with {@link #request}
 * and subscribe {@code user.*} channels with {@link #subscribe}. Thread-safe; never blocks a caller.
 */
public final class DeribitRpc implements JsonRpcRequester, AutoCloseable {

    private final DeribitRpcSettings settings;
    private final DeribitLimits limits;
    private final Listener listener;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final AuthSession<DeribitToken> auth;
    private final DeribitHeartbeats heartbeats;
    private final DeribitFrames frames;
    private final DeribitCredits credits;
    private final DeribitExactAnswers exact;
    private final String subscribeMethod;
    private final String unsubscribeMethod;
    private final List<List<String>> groups = new CopyOnWriteArrayList<>();
    private final Set<String> unwanted = ConcurrentHashMap.newKeySet();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicBoolean restarting = new AtomicBoolean();
    private final AtomicLong sessionsStarted = new AtomicLong();
    private volatile JsonRpcClient client;
    /** The connection a 10028 ended, until the new session starts. */
    private volatile JsonRpcClient retired;
    /** The current socket's own requester (uncharged), set by the open hook of each new socket. */
    private volatile JsonRpcRequester socket;
    private volatile boolean started;
    private volatile boolean closed;

    /** What a connection tells its owner besides notifications. Called on the connection's threads; never block. */
    public interface Listener extends ConnectionListener {
        /** A frame no handler took, or one that could not be read, with why. */
        default void onUnrouted(String raw, String reason) {
        }

        /** The checked answer to a subscription resent on a new socket. */
        default void onResubscribed(Result<List<String>> answer) {
        }

        /** Frames were lost between socket and handler: books must resync. */
        default void onOverflow(long dropped) {
        }
    }

    /**
     * @param limits the account's credits (shared by its roles); a public connection may have its own
     */
    public DeribitRpc(DeribitRpcSettings settings, DeribitLimits limits, Clock clock, Listener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deribit-" + settings.name() + "-rpc");
            t.setDaemon(true);
            return t;
        });
        this.credits = new DeribitCredits(limits, settings.maxCreditWait(), timer, this::newSessionAfter);
        this.auth = settings.login().map(login -> AuthSession.<DeribitToken>builder(DeribitErrors.EXCHANGE,
                        () -> login.login(credits.charged(socket)))
                .refresh(token -> login.refresh(credits.charged(socket), token))
                .clock(clock).scheduler(Scheduler.of(timer)).build()).orElse(null);
        this.heartbeats = new DeribitHeartbeats(() -> socket, () -> limits.spend(DeribitHeartbeats.TEST));
        this.exact = new DeribitExactAnswers(settings.requestTimeout());
        this.frames = new DeribitFrames(clock, unwanted, listener, exact);
        String access = settings.authenticated() ? "private/" : "public/";
        this.subscribeMethod = access + "subscribe";
        this.unsubscribeMethod = access + "unsubscribe";
        this.client = newClient();
    }

    /** Connects; completes when first CONNECTED (logged in, heartbeat set), or with an error if closed first. */
    public synchronized CompletableFuture<Result<Boolean>> start() {
        if (!started) {
            started = true;
            sessionsStarted.incrementAndGet();
        }
        return client.start();
    }

    /**
     * Sends a request once its credits allow (waiting up to {@code maxCreditWait}) and completes with its answer
     * read with exact numbers ({@link DeribitExactAnswers}: prices and amounts keep every digit); a 10028 answer
     * starts a new session once the credits are back. Refused with a NETWORK error until CONNECTED; a NETWORK or
     * TIMEOUT error says the outcome is unknown.
     */
    @Override
    public CompletableFuture<Result<JsonNode>> request(String method, JsonNode params) {
        JsonRpcClient current = client;
        JsonRpcRequester socket = (m, p) -> exact.send(m, p, current.connection()::send);
        return credits.charged(socket).request(method, params);
    }

    /**
     * Subscribes {@code channels}, remembered for every later socket and session; their notifications go to
     * {@code handler}. Completes with the channels when Deribit's answer lists them all, else with an error naming
     * those missing (11052), or Deribit's error.
     */
    public CompletableFuture<Result<List<String>>> subscribe(List<String> channels,
                                                            DeribitNotificationHandler handler) {
        Objects.requireNonNull(handler, "handler");
        List<String> asked = List.copyOf(channels);
        asked.forEach(c -> {
            frames.route(c, handler);
            unwanted.remove(c);
        });
        groups.add(asked);
        return credits.admitted(subscribeMethod).thenCompose(admitted -> admitted.isOk()
                ? client.subscribe(asked, (channel, frame) -> { })
                : CompletableFuture.completedFuture(Result.<List<String>>err(admitted.error())))
                .thenApply(r -> {
                    if (!r.isOk() && refusedOutright(r.error())) {
                        groups.remove(asked); // not resent in a new session (the client forgot it too)
                    }
                    return r;
                });
    }

    /** Stops {@code channels}: unsubscribed now, and again on any new socket that resends them. */
    public CompletableFuture<Result<JsonNode>> unsubscribe(List<String> channels) {
        channels.forEach(c -> {
            frames.unroute(c);
            unwanted.add(c);
        });
        groups.replaceAll(g -> g.stream().filter(c -> !channels.contains(c)).toList());
        groups.removeIf(List::isEmpty);
        return request(unsubscribeMethod, channelsParams(channels));
    }

    /**
     * Unsubscribes {@code channel} and, once that is answered, subscribes it again, so that Deribit sends a new
     * snapshot (a book's resync). The handler stays.
     */
    public CompletableFuture<Result<List<String>>> resubscribe(String channel) {
        List<String> one = List.of(channel);
        return request(unsubscribeMethod, channelsParams(one))
                .thenCompose(r -> request(subscribeMethod, channelsParams(one)))
                .thenApply(r -> r.flatMap(answer -> confirmed(one, answer)));
    }

    /** The account's session (null on a public connection): its token for HTTP calls, or to renew by hand. */
    public AuthSession<DeribitToken> auth() {
        return auth;
    }

    public DeribitLimits limits() {
        return limits;
    }

    public boolean authenticated() {
        return auth != null;
    }

    /** Test requests answered so far. */
    public long testRequestsAnswered() {
        return heartbeats.testRequestsAnswered();
    }

    /** Sessions started: 1, and one more after each 10028. */
    public long sessionsStarted() {
        return sessionsStarted.get();
    }

    /** The current connection's state. */
    public ConnectionState state() {
        return client.connection().state();
    }

    @Override
    public void close() {
        JsonRpcClient current;
        JsonRpcClient old;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            current = client;
            old = retired;
        }
        current.close();
        if (old != null) {
            old.close(); // idempotent: it may be closed already
        }
        if (auth != null) {
            auth.close();
        }
        timer.shutdownNow();
    }

    @Override
    public String toString() {
        return "DeribitRpc[" + settings.name() + ", " + (auth == null ? "public" : auth) + "]";
    }

    // ---- answers ----

    /** Deribit refused the whole request (not lost, not partly confirmed). */
    private static boolean refusedOutright(ExchangeError e) {
        return e.kind() != ErrorKind.NETWORK && e.kind() != ErrorKind.TIMEOUT
                && !"SUBSCRIPTION_INCOMPLETE".equals(e.code());
    }

    // ---- sessions ----

    private JsonRpcClient newClient() {
        long mine = generation.incrementAndGet();
        return JsonRpcClient.builder(DeribitErrors.EXCHANGE, settings.wsSettings())
                .errors((method, error) -> DeribitErrors.of(error, 0))
                .channels(frame -> null) // every notification reaches the fallback as raw text: exact numbers
                .serverRequests(heartbeats)
                .rawBytesFirst(frames::onRawFirst) // book changes and trades as bytes: no String, no tree
                .rawFirst(frames::onRawFirst) // the same, for a frame the bytes path declined (a non-ASCII channel)
                .fallback(frames::onFrame)
                .onOverflow(dropped -> {
                    if (mine == generation.get()) {
                        listener.onOverflow(dropped);
                    }
                })
                .openHook(new DeribitOpenHook(settings, auth, credits::charged, s -> socket = s))
                .listener(new Forwarding(mine))
                .subscriptions(SubscriptionProtocol.channelList(subscribeMethod))
                .onResubscribed(listener::onResubscribed)
                .requestTimeout(settings.requestTimeout())
                .build();
    }

    /**
     * After a 10028: the connection is retired at once (no reconnect attempts while the credits refill; its events
     * no longer forwarded, a DISCONNECTED reported in their place), and once {@code after} passed a new one is
     * started with every subscription.
     */
    private void newSessionAfter(Duration after) {
        if (closed || !restarting.compareAndSet(false, true)) {
            return;
        }
        JsonRpcClient ended = client;
        retired = ended;
        generation.incrementAndGet();
        listener.onConnectionEvent(new ConnectionEvent(settings.name(), ConnectionState.DISCONNECTED,
                "session ended by Deribit (10028 too_many_requests); new session in " + after.toMillis() + " ms",
                0, clock.instant()));
        exact.failAll();
        timer.execute(ended::close);
        timer.schedule(this::newSession, Math.max(0, after.toNanos()), TimeUnit.NANOSECONDS);
    }

    private void newSession() {
        JsonRpcClient fresh;
        synchronized (this) {
            if (closed) {
                return;
            }
            fresh = newClient();
            client = fresh;
            retired = null;
        }
        restarting.set(false);
        if (started) {
            sessionsStarted.incrementAndGet();
            fresh.start();
            groups.forEach(g -> fresh.subscribe(g, (channel, frame) -> { }));
        }
    }

    /** Forwards the events of the current connection only; on CONNECTED, unsubscribes channels given up. */
    private final class Forwarding implements ConnectionListener {
        private final long mine;

        Forwarding(long mine) {
            this.mine = mine;
        }

        @Override
        public void onConnectionEvent(ConnectionEvent event) {
            if (mine != generation.get() || closed && event.state() != ConnectionState.CLOSED) {
                return;
            }
            if (event.state() == ConnectionState.DISCONNECTED || event.state() == ConnectionState.RECONNECTING
                    || event.state() == ConnectionState.CLOSED) {
                exact.failAll();
            }
            if (event.state() == ConnectionState.CONNECTED && !unwanted.isEmpty()) {
                request(unsubscribeMethod, channelsParams(List.copyOf(unwanted)));
            }
            listener.onConnectionEvent(event);
        }

        @Override
        public void onFramesDropped(FramesDropped event) {
            if (mine == generation.get()) {
                listener.onFramesDropped(event);
            }
        }
    }

    // ---- params ----

    static ObjectNode channelsParams(List<String> channels) {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        ArrayNode list = params.putArray("channels");
        channels.forEach(list::add);
        return params;
    }

    private Result<List<String>> confirmed(List<String> asked, JsonNode answer) {
        List<String> got = SubscriptionProtocol.channelList(subscribeMethod).confirmed(answer);
        List<String> missing = asked.stream().filter(c -> !got.contains(c)).toList();
        return missing.isEmpty() ? Result.ok(asked) : Result.err(new ExchangeError(
                ErrorKind.UNKNOWN, DeribitErrors.EXCHANGE, "SUBSCRIPTION_INCOMPLETE",
                subscribeMethod + ": not subscribed by the server: " + missing, 0, false, null));
    }
}
