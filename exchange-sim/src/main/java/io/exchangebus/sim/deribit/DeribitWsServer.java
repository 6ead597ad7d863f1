package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.auth.Checked;
import io.exchangebus.sim.auth.Refusal;
import io.exchangebus.sim.auth.TokenGrant;
import io.exchangebus.sim.server.HeartbeatPolicy;
import io.exchangebus.sim.server.JsonRpcError;
import io.exchangebus.sim.server.JsonRpcReply;
import io.exchangebus.sim.server.JsonRpcRequest;
import io.exchangebus.sim.server.JsonRpcServer;
import io.exchangebus.sim.server.JsonRpcSession;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;

/**
 * Deribit's JSON-RPC WebSocket at {@code /ws/api/v2} (any path is served): the shared {@link DeribitApi} table,
 * authorization by {@code access_token} param or by the session's own {@code public/auth}, responses decorated with
 * {@code usIn}/{@code usOut}/{@code usDiff}/{@code testnet}, heartbeats, credit limits and the rate-limit fault
 * (10028, then the session is closed), and connection-scoped tokens and cancel-on-disconnect ended with the connection.
 */
final class DeribitWsServer extends JsonRpcServer {

    static final String PATH = "/ws/api/v2";
    private static final int MAX_FRAME = 32 * 1024;
    private static final String TEST_REQUEST =
            "{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"test_request\"}}";

    private final DeribitCore core;
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "DeribitWsServer-closer");
        t.setDaemon(true);
        return t;
    });

    DeribitWsServer(DeribitCore core, int port) {
        super(core.faults(), core.clock(), port);
        this.core = core;
        for (DeribitApi.Entry entry : core.api().entries()) {
            if (entry.isPrivate()) {
                privateMethod(entry.name(), (req, session) -> invoke(entry, req, session));
            } else {
                method(entry.name(), (req, session) -> invoke(entry, req, session));
            }
        }
        method("public/set_heartbeat", (req, session) -> invoke(
                new DeribitApi.Entry("public/set_heartbeat", this::setHeartbeat, false, true), req, session));
        method("public/disable_heartbeat", (req, session) -> invoke(new DeribitApi.Entry("public/disable_heartbeat",
                call -> {
                    stopHeartbeats(call.session());
                    return JsonRpcReply.ok(Json.MAPPER.getNodeFactory().textNode("ok"));
                }, false, true), req, session));
    }

    private JsonRpcReply invoke(DeribitApi.Entry entry, JsonRpcRequest request, JsonRpcSession session) {
        String principal = request.account() != null ? request.account()
                : session.account(request.receivedAt()) instanceof Checked.Valid<String> v ? v.session()
                : "connection:" + session.connectionId();
        if (faults.takeRateLimit().isPresent() || !core.limiter().take(principal, entry.matchingEngine())) {
            closeSoon(session);
            return DeribitError.TOO_MANY_REQUESTS.reply();
        }
        return DeribitApi.run(entry, new DeribitCall(request, session));
    }

    /** Deribit "terminates the session" once out of credits: close after the error has gone out. */
    private void closeSoon(JsonRpcSession session) {
        long delay = faults.responseDelay().toMillis() + 200;
        closer.schedule(() -> close(session, CloseFrame.POLICY_VALIDATION, "too_many_requests"), delay,
                TimeUnit.MILLISECONDS);
    }

    private JsonRpcReply setHeartbeat(DeribitCall call) {
        Integer interval = call.integer("interval");
        if (interval == null || interval < 10) {
            return DeribitError.invalidParams("interval", "must be at least 10 (seconds)");
        }
        Duration every = core.heartbeatSecond().multipliedBy(interval);
        startHeartbeats(call.session(), new HeartbeatPolicy(every, every, TEST_REQUEST, Set.of("public/test"),
                CloseFrame.NORMAL, "heartbeat test_request unanswered"));
        return JsonRpcReply.ok(Json.MAPPER.getNodeFactory().textNode("ok"));
    }

    @Override
    protected Checked<String> authorize(JsonRpcRequest request, JsonRpcSession session) {
        String token = request.params().path("access_token").asText(null);
        if (token == null) {
            return session.account(request.receivedAt());
        }
        Checked<TokenGrant> grant = core.auth().check(token, session);
        if (grant instanceof Checked.Refused<TokenGrant> refused) {
            return new Checked.Refused<>(refused.reason());
        }
        TokenGrant g = ((Checked.Valid<TokenGrant>) grant).session();
        session.authenticate(g.account(), g.expiresAt());
        session.attribute(DeribitAuth.GRANT, g);
        return new Checked.Valid<>(g.account());
    }

    @Override
    protected JsonRpcError refuse(JsonRpcRequest request, Refusal reason) {
        return DeribitError.UNAUTHORIZED.error().withData(
                Json.object().put("reason", DeribitAuth.reason(reason)));
    }

    @Override
    protected void decorate(ObjectNode response, JsonRpcRequest request, JsonRpcSession session) {
        decorate(response, request == null ? clock().instant() : request.receivedAt(), clock().instant());
    }

    /** {@code usIn}, {@code usOut}, {@code usDiff} (microseconds) and {@code testnet}. */
    static void decorate(ObjectNode response, Instant in, Instant out) {
        long usIn = ChronoUnit.MICROS.between(Instant.EPOCH, in);
        long usOut = ChronoUnit.MICROS.between(Instant.EPOCH, out);
        response.put("usIn", usIn).put("usOut", usOut).put("usDiff", usOut - usIn).put("testnet", true);
    }

    @Override
    protected int maxFrameChars() {
        return MAX_FRAME;
    }

    @Override
    protected void onSessionClosed(JsonRpcSession session) {
        core.auth().connectionClosed(session);
        core.queries().connectionClosed(session);
        core.limiter().forget("connection:" + session.connectionId());
    }

    // ---- what the streams call -------------------------------------------------------------------------------

    /** A subscription notification frame {@code {"jsonrpc":"2.0","method":"subscription","params":{channel, data}}}. */
    static String subscription(String channel, com.fasterxml.jackson.databind.JsonNode data) {
        ObjectNode params = Json.object().put("channel", channel);
        params.set("data", data);
        return notification("subscription", params);
    }

    void pushTo(JsonRpcSession session, String frame) {
        connection(session).ifPresent(conn -> push(conn, frame));
    }

    /** One sequenced frame to all {@code sessions}: a skip or repeat fault hits them alike. */
    void pushSequencedTo(List<JsonRpcSession> sessions, String frame) {
        List<WebSocket> conns = sessions.stream().map(this::connection).flatMap(Optional::stream).toList();
        if (!conns.isEmpty()) {
            pushSequenced(conns, frame);
        }
    }

    int publishTo(String channel, String frame) {
        return publish(channel, frame);
    }

    int publishSequencedTo(String channel, String frame) {
        return publishSequenced(channel, frame);
    }

    List<JsonRpcSession> subscribers(String channel) {
        return sessions().stream().filter(s -> s.isOpen() && s.isSubscribed(channel)).toList();
    }

    void close(JsonRpcSession session, int code, String reason) {
        connection(session).ifPresent(conn -> conn.close(code, reason));
    }

    private Optional<WebSocket> connection(JsonRpcSession session) {
        long id = session.connectionId();
        return getConnections().stream().filter(c -> connectionId(c) == id).findFirst();
    }

    @Override
    public void close() {
        closer.shutdownNow();
        super.close();
    }
}
