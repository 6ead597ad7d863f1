package io.exchangebus.sim.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.auth.Checked;
import io.exchangebus.sim.auth.Refusal;
import io.exchangebus.sim.fault.FaultInjector;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of a JSON-RPC 2.0 exchange endpoint over {@link SimWebSocketServer} (Deribit's {@code /ws/api/v2}, GRVT's
 * {@code /ws/full}). A subclass fills a dispatch table with {@link #method} and {@link #privateMethod}, maps
 * authentication refusals to its own error codes ({@link #refuse}), and may decorate every response
 * ({@link #decorate}: Deribit's {@code usIn}/{@code usOut}/{@code usDiff}, GRVT's {@code method}).
 *
 * <p>Framing, per request frame {@code {"jsonrpc":"2.0","id":..,"method":..,"params":{..}}}:
 * <ul>
 *   <li>frames longer than {@link #maxFrameChars()} → {@code -32600} "request entity too large";</li>
 *   <li>not JSON → {@code -32700}, {@code id} null; not an object (a batch array included: the exchanges
 *       support none) or no textual {@code method} → {@code -32600}; {@code params} not an object (positional) →
 *       {@code -32602}; unknown method → {@code -32601};</li>
 *   <li>the answer echoes {@code id} exactly as sent (number or string); a request without {@code id} is answered
 *       without one, as GRVT documents, rather than not at all;</li>
 *   <li>each answer goes through {@link #reply(WebSocket, String, String)} with the method's name, so the fault
 *       injector can delay or withhold the answers of one method.</li>
 * </ul>
 *
 * <p>Sessions: each connection has a {@link JsonRpcSession}, created as its handshake is accepted
 * ({@link #onSessionOpened}: e.g. authenticate from a cookie) and ended by {@link #onSessionClosed} (revoke
 * connection-scoped tokens, cancel on disconnect). Private methods run only when {@link #authorize} finds an account
 * (by default the session's own, while it has not expired); the request then carries it.
 *
 * <p>Heartbeats: {@link #startHeartbeats} sends the policy's test request every interval and closes the connection
 * if no answering request arrives in time (see {@link HeartbeatPolicy}). While the fault injector
 * {@linkplain FaultInjector#stopHeartbeats() stops heartbeats}, no test requests are sent and none is enforced.
 *
 * <p>Notifications: a method's result may carry an action run once the answer is sent
 * ({@link JsonRpcReply.Result#thenRun}), so a subscription's first snapshot follows its acknowledgement even under a
 * response delay. {@link #publish} pushes a frame to every session subscribed to a channel, {@link
 * #publishSequenced} does so as one sequenced frame (skip and repeat faults apply to all subscribers at once).
 *
 * <p>Threading: requests run on the WebSocket worker thread, one connection's in order; heartbeats on this server's
 * own scheduler thread; all sending goes through the base class's sender thread.
 */
public abstract class JsonRpcServer extends SimWebSocketServer {

    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcServer.class);
    protected static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(JsonRpcMethod handler, boolean requiresAuth) {
    }

    private final Map<String, Entry> methods = new ConcurrentHashMap<>();
    private final Map<WebSocket, JsonRpcSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats;

    protected JsonRpcServer(FaultInjector faults, Clock clock) {
        this(faults, clock, 0);
    }

    protected JsonRpcServer(FaultInjector faults, Clock clock, int port) {
        super(faults, clock, port);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, getClass().getSimpleName() + "-heartbeats");
            t.setDaemon(true);
            return t;
        });
    }

    // ---- the dispatch table --------------------------------------------------------------------------------

    /** Registers a public method (replacing any of that name). */
    protected final void method(String name, JsonRpcMethod handler) {
        methods.put(name, new Entry(handler, false));
    }

    /** Registers a method that runs only for an {@link #authorize authorized} request. */
    protected final void privateMethod(String name, JsonRpcMethod handler) {
        methods.put(name, new Entry(handler, true));
    }

    // ---- hooks for the exchange ----------------------------------------------------------------------------

    /**
     * The account a private request acts for, or why it has none. The default: the session's authenticated account
     * at the request's receipt time. Deribit's simulator would also accept a valid {@code access_token} param.
     */
    protected Checked<String> authorize(JsonRpcRequest request, JsonRpcSession session) {
        return session.account(request.receivedAt());
    }

    /** The exchange's error for a private request refused for {@code reason} (Deribit 13009, GRVT 1000...). */
    protected abstract JsonRpcError refuse(JsonRpcRequest request, Refusal reason);

    /**
     * Adds exchange fields to a response (result or error) just before it is sent; {@code request} is null when the
     * frame could not be parsed as a request. The default adds nothing.
     */
    protected void decorate(ObjectNode response, JsonRpcRequest request, JsonRpcSession session) {
    }

    /** The longest request frame accepted, in characters (Deribit: 32 kB); default unlimited. */
    protected int maxFrameChars() {
        return Integer.MAX_VALUE;
    }

    /** A connection's handshake was accepted: e.g. authenticate it from a cookie header. Default: nothing. */
    protected void onSessionOpened(JsonRpcSession session) {
    }

    /** A connection closed, however: e.g. revoke its connection-scoped tokens, cancel its orders. Default: nothing. */
    protected void onSessionClosed(JsonRpcSession session) {
    }

    // ---- what subclasses call ------------------------------------------------------------------------------

    /** Starts (or replaces) the connection's heartbeats; the first test request goes out after one interval. */
    protected final void startHeartbeats(JsonRpcSession session, HeartbeatPolicy policy) {
        long intervalNanos = policy.interval().toNanos();
        ScheduledFuture<?> ticker = heartbeats.scheduleAtFixedRate(() -> sendTestRequest(session, policy),
                intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
        session.startHeartbeat(policy, ticker);
    }

    protected final void stopHeartbeats(JsonRpcSession session) {
        session.stopHeartbeat();
    }

    /** Pushes {@code frame} to every open session subscribed to {@code channel}; returns how many. */
    protected final int publish(String channel, String frame) {
        List<JsonRpcSession> to = subscribers(channel);
        to.forEach(s -> push(s.connection(), frame));
        return to.size();
    }

    /** As {@link #publish}, as one sequenced frame: a skip or repeat fault hits all subscribers alike. */
    protected final int publishSequenced(String channel, String frame) {
        List<JsonRpcSession> to = subscribers(channel);
        if (!to.isEmpty()) {
            pushSequenced(to.stream().map(JsonRpcSession::connection).toList(), frame);
        }
        return to.size();
    }

    /** A JSON-RPC notification frame {@code {"jsonrpc":"2.0","method":..,"params":..}} (no id). */
    protected static String notification(String method, JsonNode params) {
        ObjectNode out = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        out.set("params", params);
        return out.toString();
    }

    /** The open sessions, in no particular order. */
    public final Collection<JsonRpcSession> sessions() {
        return List.copyOf(sessions.values());
    }

    /** The session of a connection id, if open. */
    public final Optional<JsonRpcSession> session(long connectionId) {
        return sessions.values().stream().filter(s -> s.connectionId() == connectionId).findFirst();
    }

    private List<JsonRpcSession> subscribers(String channel) {
        return sessions.values().stream().filter(s -> s.isOpen() && s.isSubscribed(channel)).toList();
    }

    // ---- connection lifecycle ------------------------------------------------------------------------------

    @Override
    protected final void onConnected(WebSocket conn, ClientHandshake handshake) {
        Map<String, String> headers = new HashMap<>();
        for (Iterator<String> it = handshake.iterateHttpFields(); it.hasNext(); ) {
            String name = it.next();
            headers.put(name, handshake.getFieldValue(name));
        }
        JsonRpcSession session = new JsonRpcSession(conn, headers);
        sessions.put(conn, session);
        onSessionOpened(session);
    }

    @Override
    protected final void onDisconnected(WebSocket conn, int code, String reason, boolean remote) {
        JsonRpcSession session = sessions.remove(conn);
        if (session != null) {
            session.stopHeartbeat();
            onSessionClosed(session);
        }
    }

    // ---- requests ------------------------------------------------------------------------------------------

    @Override
    protected final void onFrame(WebSocket conn, String text) {
        Instant receivedAt = clock().instant();
        JsonRpcSession session = sessions.get(conn);
        if (session == null) {
            return; // closed meanwhile
        }
        if (text.length() > maxFrameChars()) {
            answerUnparsed(conn, session, JsonRpcError.of(JsonRpcError.INVALID_REQUEST, "request entity too large"));
            return;
        }
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            answerUnparsed(conn, session, JsonRpcError.of(JsonRpcError.PARSE_ERROR, "Parse error"));
            return;
        }
        if (frame == null || !frame.isObject() || !frame.path("method").isTextual()) {
            answerUnparsed(conn, session, JsonRpcError.of(JsonRpcError.INVALID_REQUEST, "Invalid Request"));
            return;
        }
        JsonNode id = frame.get("id");
        String method = frame.get("method").asText();
        JsonNode params = frame.get("params");
        session.onRequest(method);
        ObjectNode named = params == null || params.isNull() ? JSON.createObjectNode()
                : params.isObject() ? (ObjectNode) params : null;
        JsonRpcRequest request = new JsonRpcRequest(id, method, named == null ? JSON.createObjectNode() : named,
                receivedAt, null);
        JsonRpcReply reply = named == null
                ? JsonRpcReply.error(JsonRpcError.INVALID_PARAMS, "Invalid params")
                : dispatch(request, session);
        answer(conn, session, request, reply);
    }

    private JsonRpcReply dispatch(JsonRpcRequest request, JsonRpcSession session) {
        Entry entry = methods.get(request.method());
        if (entry == null) {
            return JsonRpcReply.error(JsonRpcError.METHOD_NOT_FOUND, "Method not found");
        }
        JsonRpcRequest call = request;
        if (entry.requiresAuth()) {
            Checked<String> account = authorize(request, session);
            if (account instanceof Checked.Refused<String> refused) {
                return JsonRpcReply.error(refuse(request, refused.reason()));
            }
            call = request.withAccount(((Checked.Valid<String>) account).session());
        }
        try {
            return entry.handler().handle(call, session);
        } catch (RuntimeException e) {
            LOG.error("JSON-RPC method {} failed on connection {}", request.method(), session.connectionId(), e);
            return JsonRpcReply.error(JsonRpcError.INTERNAL_ERROR, "Internal error");
        }
    }

    private void answer(WebSocket conn, JsonRpcSession session, JsonRpcRequest request, JsonRpcReply reply) {
        ObjectNode out = JSON.createObjectNode().put("jsonrpc", "2.0");
        if (request.id() != null) {
            out.set("id", request.id());
        }
        Runnable afterSent = null;
        if (reply instanceof JsonRpcReply.Result r) {
            out.set("result", r.result());
            afterSent = r.afterSent();
        } else if (reply instanceof JsonRpcReply.Failure f) {
            out.set("error", errorObject(f.error()));
        }
        decorate(out, request, session);
        reply(conn, out.toString(), request.method(), afterSent);
    }

    private void answerUnparsed(WebSocket conn, JsonRpcSession session, JsonRpcError error) {
        ObjectNode out = JSON.createObjectNode().put("jsonrpc", "2.0");
        out.set("id", NullNode.getInstance());
        out.set("error", errorObject(error));
        decorate(out, null, session);
        reply(conn, out.toString());
    }

    private static ObjectNode errorObject(JsonRpcError error) {
        ObjectNode node = JSON.createObjectNode().put("code", error.code()).put("message", error.message());
        if (error.data() != null) {
            node.set("data", error.data());
        }
        return node;
    }

    // ---- heartbeats ----------------------------------------------------------------------------------------

    /** Heartbeat thread: sends a test request unless one is pending, and arms its deadline. */
    private void sendTestRequest(JsonRpcSession session, HeartbeatPolicy policy) {
        if (!session.isOpen() || faults.heartbeatsStopped()) {
            return;
        }
        long n = session.nextTestRequest();
        if (n == 0) {
            return; // the previous one is still within its deadline
        }
        push(session.connection(), policy.testRequest());
        heartbeats.schedule(() -> {
            if (session.stillAwaiting(n) && session.isOpen() && !faults.heartbeatsStopped()) {
                LOG.debug("connection {} did not answer test request {} in {}; closing", session.connectionId(), n,
                        policy.answerWithin());
                session.stopHeartbeat();
                session.connection().close(policy.closeCode(), policy.closeReason());
            }
        }, policy.answerWithin().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        super.close();
    }
}
