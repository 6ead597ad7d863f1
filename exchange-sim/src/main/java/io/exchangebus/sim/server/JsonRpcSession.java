package io.exchangebus.sim.server;

import io.exchangebus.sim.auth.Checked;
import io.exchangebus.sim.auth.Refusal;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;

/**
 * The state of one JSON-RPC connection: who it is authenticated as (until when), its channel subscriptions, its
 * heartbeat, the headers of its handshake, and whatever else the exchange simulator attaches. Thread-safe: the worker
 * thread, the heartbeat thread and publishers read it concurrently.
 */
public final class JsonRpcSession {

    private record Identity(String account, Instant expiresAt) {
    }

    private final WebSocket conn;
    private final Map<String, String> handshakeHeaders;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private volatile Identity identity;

    // Heartbeat state, guarded by this.
    private HeartbeatPolicy heartbeat;
    private ScheduledFuture<?> heartbeatTicker;
    /** Number of the test request awaiting an answer, 0 when none. */
    private final AtomicLong awaitingTestRequest = new AtomicLong();
    private final AtomicLong testRequestsSent = new AtomicLong();

    JsonRpcSession(WebSocket conn, Map<String, String> handshakeHeaders) {
        this.conn = conn;
        TreeMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(handshakeHeaders);
        this.handshakeHeaders = Collections.unmodifiableMap(headers);
    }

    /** Our id of the connection (1, 2, ... in order of opening). */
    public long connectionId() {
        return SimWebSocketServer.connectionId(conn);
    }

    WebSocket connection() {
        return conn;
    }

    public boolean isOpen() {
        return conn.isOpen();
    }

    /** A header of the WebSocket handshake (case-insensitive name), e.g. {@code Cookie}. */
    public Optional<String> handshakeHeader(String name) {
        return Optional.ofNullable(handshakeHeaders.get(name));
    }

    // ---- authentication ------------------------------------------------------------------------------------

    /** From now on the connection acts for {@code account}, until {@code expiresAt} (null: no expiry). */
    public void authenticate(String account, Instant expiresAt) {
        identity = new Identity(account, expiresAt);
    }

    public void logout() {
        identity = null;
    }

    /** The authenticated account at {@code now}: UNKNOWN if never authenticated, EXPIRED after its expiry. */
    public Checked<String> account(Instant now) {
        Identity id = identity;
        if (id == null) {
            return new Checked.Refused<>(Refusal.UNKNOWN);
        }
        if (id.expiresAt != null && !now.isBefore(id.expiresAt)) {
            return new Checked.Refused<>(Refusal.EXPIRED);
        }
        return new Checked.Valid<>(id.account);
    }

    // ---- subscriptions -------------------------------------------------------------------------------------

    /** Adds a channel; false if it was already subscribed. */
    public boolean subscribe(String channel) {
        return subscriptions.add(channel);
    }

    /** Removes a channel; false if it was not subscribed. */
    public boolean unsubscribe(String channel) {
        return subscriptions.remove(channel);
    }

    public boolean isSubscribed(String channel) {
        return subscriptions.contains(channel);
    }

    public Set<String> subscriptions() {
        return Set.copyOf(subscriptions);
    }

    public void unsubscribeAll() {
        subscriptions.clear();
    }

    // ---- attributes ----------------------------------------------------------------------------------------

    /** Exchange-specific state (e.g. cancel-on-disconnect scope); null removes. */
    public void attribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    public <T> Optional<T> attribute(String name, Class<T> type) {
        return Optional.ofNullable(attributes.get(name)).map(type::cast);
    }

    // ---- heartbeat (driven by JsonRpcServer) ---------------------------------------------------------------

    /** The heartbeat in force, if any. */
    public synchronized Optional<HeartbeatPolicy> heartbeat() {
        return Optional.ofNullable(heartbeat);
    }

    /** How many test requests the server has sent on this connection. */
    public long testRequestsSent() {
        return testRequestsSent.get();
    }

    synchronized void startHeartbeat(HeartbeatPolicy policy, ScheduledFuture<?> ticker) {
        stopHeartbeat();
        heartbeat = policy;
        heartbeatTicker = ticker;
    }

    synchronized void stopHeartbeat() {
        if (heartbeatTicker != null) {
            heartbeatTicker.cancel(false);
        }
        heartbeat = null;
        heartbeatTicker = null;
        awaitingTestRequest.set(0);
    }

    /** The number of a new test request, or 0 if one is still awaiting its answer. */
    long nextTestRequest() {
        if (awaitingTestRequest.get() != 0) {
            return 0;
        }
        long n = testRequestsSent.incrementAndGet();
        awaitingTestRequest.set(n);
        return n;
    }

    /** A request of {@code method} arrived: it answers the pending test request if the policy says so. */
    synchronized void onRequest(String method) {
        if (heartbeat != null && heartbeat.answeredBy().contains(method)) {
            awaitingTestRequest.set(0);
        }
    }

    boolean stillAwaiting(long testRequest) {
        return awaitingTestRequest.get() == testRequest;
    }
}
