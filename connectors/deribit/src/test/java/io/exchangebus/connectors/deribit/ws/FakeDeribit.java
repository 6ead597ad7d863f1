package io.exchangebus.connectors.deribit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.exchangebus.sim.auth.Refusal;
import io.exchangebus.sim.fault.FaultInjector;
import io.exchangebus.sim.server.HeartbeatPolicy;
import io.exchangebus.sim.server.JsonRpcError;
import io.exchangebus.sim.server.JsonRpcReply;
import io.exchangebus.sim.server.JsonRpcRequest;
import io.exchangebus.sim.server.JsonRpcServer;
import io.exchangebus.sim.server.JsonRpcSession;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Deribit-like JSON-RPC server on exchange-sim's {@link JsonRpcServer} base, for the transport's tests over
 * real sockets: {@code public/auth} (three grants, {@code expires_in} as set), {@code public/set_heartbeat} (test
 * requests at the test's pace, the socket closed when one goes unanswered), {@code public/test},
 * {@code public|private/subscribe} (answering without the channels set to be refused, as 11052 does),
 * {@code public|private/unsubscribe}, and {@code public/get_time}, which can be made to answer 10028 and drop the
 * connections as Deribit ends a session.
 */
public final class FakeDeribit extends JsonRpcServer {

    public final FaultInjector faults;
    public final List<JsonNode> authRequests = new CopyOnWriteArrayList<>();
    public final List<String> methods = new CopyOnWriteArrayList<>();
    public final Set<String> refusedChannels = java.util.concurrent.ConcurrentHashMap.newKeySet();
    public final AtomicInteger tokens = new AtomicInteger();
    public final AtomicBoolean tooManyRequests = new AtomicBoolean();
    /** Channel to the data its subscription is answered with first (Deribit's first book message: the snapshot). */
    public final java.util.Map<String, java.util.function.Supplier<String>> firstData =
            new java.util.concurrent.ConcurrentHashMap<>();
    public volatile long expiresInSeconds = 900;
    public volatile Duration testRequestEvery = Duration.ofMillis(200);

    public FakeDeribit(FaultInjector faults, Clock clock) {
        super(faults, clock);
        this.faults = faults;
        method("public/auth", this::auth);
        method("public/test", (req, s) -> {
            methods.add(req.method());
            return ok(JSON.createObjectNode().put("version", "1.2.26"));
        });
        method("public/set_heartbeat", this::setHeartbeat);
        method("public/subscribe", this::subscribe);
        method("private/subscribe", this::subscribe);
        method("public/unsubscribe", this::unsubscribe);
        method("private/unsubscribe", this::unsubscribe);
        method("private/enable_cancel_on_disconnect", (req, s) -> {
            methods.add(req.method() + ":" + req.params().path("scope").asText());
            return ok(TextNode.valueOf("ok"));
        });
        method("public/get_time", this::getTime);
        method("public/get_index_price", (req, s) -> ok(JSON.createObjectNode().set("index_price",
                new com.fasterxml.jackson.databind.node.DecimalNode(new java.math.BigDecimal("0.12345678901234567891")))));
        method("public/get_error", (req, s) -> JsonRpcReply.error(10009, "not_enough_funds"));
        startAndWait();
    }

    public FakeDeribit(Clock clock) {
        this(new FaultInjector(), clock);
    }

    public URI wsUri() {
        return uri("/ws/api/v2");
    }

    /** Sends {@code dataJson} as written (numbers untouched) on {@code channel} to every session subscribed to it. */
    public void notify(String channel, String dataJson) {
        publish(channel, "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"" + channel
                + "\",\"data\":" + dataJson + "}}");
    }

    /** Sends {@code frame} exactly as given to every session subscribed to {@code channel}. */
    public void publishRaw(String channel, String frame) {
        publish(channel, frame);
    }

    public long count(String method) {
        return methods.stream().filter(method::equals).count();
    }

    private JsonRpcReply auth(JsonRpcRequest req, JsonRpcSession session) {
        methods.add(req.method());
        authRequests.add(req.params().deepCopy());
        String grant = req.params().path("grant_type").asText();
        if (!Set.of("client_credentials", "client_signature", "refresh_token").contains(grant)) {
            return JsonRpcReply.error(13004, "invalid_credentials");
        }
        int n = tokens.incrementAndGet();
        session.authenticate("alice", clock().instant().plusSeconds(expiresInSeconds));
        return ok(JSON.createObjectNode().put("access_token", "at-" + n).put("refresh_token", "rt-" + n)
                .put("expires_in", expiresInSeconds).put("scope", req.params().path("scope").asText("connection"))
                .put("token_type", "bearer"));
    }

    private JsonRpcReply setHeartbeat(JsonRpcRequest req, JsonRpcSession session) {
        methods.add(req.method());
        if (req.params().path("interval").asInt() < 10) {
            return JsonRpcReply.error(JsonRpcError.INVALID_PARAMS, "interval below 10");
        }
        startHeartbeats(session, new HeartbeatPolicy(testRequestEvery, testRequestEvery.multipliedBy(2),
                notification("heartbeat", JSON.createObjectNode().put("type", "test_request")),
                Set.of("public/test"), 1000, "heartbeat not answered"));
        return ok(TextNode.valueOf("ok"));
    }

    private JsonRpcReply subscribe(JsonRpcRequest req, JsonRpcSession session) {
        methods.add(req.method());
        ArrayNode answered = JSON.createArrayNode();
        req.params().path("channels").forEach(c -> {
            if (!refusedChannels.contains(c.asText())) {
                session.subscribe(c.asText());
                answered.add(c.asText());
            }
        });
        return new JsonRpcReply.Result(answered, () -> answered.forEach(c -> {
            java.util.function.Supplier<String> first = firstData.get(c.asText());
            if (first != null) {
                notify(c.asText(), first.get());
            }
        }));
    }

    private JsonRpcReply unsubscribe(JsonRpcRequest req, JsonRpcSession session) {
        methods.add(req.method());
        ArrayNode answered = JSON.createArrayNode();
        req.params().path("channels").forEach(c -> {
            session.unsubscribe(c.asText());
            answered.add(c.asText());
        });
        return ok(answered);
    }

    private JsonRpcReply getTime(JsonRpcRequest req, JsonRpcSession session) {
        methods.add(req.method());
        if (tooManyRequests.compareAndSet(true, false)) {
            new Thread(() -> {
                sleep(50);
                faults.dropConnections();
            }).start();
            return JsonRpcReply.error(10028, "too_many_requests");
        }
        return ok(JSON.getNodeFactory().numberNode(clock().millis()));
    }

    @Override
    protected JsonRpcError refuse(JsonRpcRequest request, Refusal reason) {
        return JsonRpcError.of(13009, "unauthorized");
    }

    private static JsonRpcReply ok(JsonNode result) {
        return new JsonRpcReply.Result(result, null);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
