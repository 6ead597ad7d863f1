package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.auth.CookieSession;
import io.exchangebus.sim.auth.Refusal;
import io.exchangebus.sim.server.JsonRpcError;
import io.exchangebus.sim.server.JsonRpcReply;
import io.exchangebus.sim.server.JsonRpcRequest;
import io.exchangebus.sim.server.JsonRpcServer;
import io.exchangebus.sim.server.JsonRpcSession;
import java.util.Optional;
import org.java_websocket.WebSocket;

/**
 * GRVT's JSON-RPC WebSocket ({@code /ws/full}; any path is served), one instance per host. The trades host
 * authenticates a connection from its handshake's {@code Cookie: gravity=…} and {@code X-Grvt-Account-Id} (until
 * the cookie expires; afterwards private calls are refused with 1000, as without them) and serves private streams
 * and order entry; the market-data host serves public streams and instruments. Answers echo {@code method}
 * (jsonrpc_response schema). Order entry and cancels are rate limited (1006).
 */
final class GrvtWsServer extends JsonRpcServer {

    static final String PATH = "/ws/full";
    static final String SERVER = "grvt.server";

    private final GrvtCore core;
    private final boolean tradesHost;

    GrvtWsServer(GrvtCore core, int port, boolean tradesHost) {
        super(core.faults(), core.clock(), port);
        this.core = core;
        this.tradesHost = tradesHost;
        if (tradesHost) {
            privateMethod("subscribe", (req, session) -> core.subscriptions().subscribe(call(req, session), true));
            privateMethod("unsubscribe", (req, session) -> core.subscriptions().unsubscribe(call(req, session)));
        } else {
            method("subscribe", (req, session) -> core.subscriptions().subscribe(call(req, session), false));
            method("unsubscribe", (req, session) -> core.subscriptions().unsubscribe(call(req, session)));
        }
        for (GrvtApi api : core.api()) {
            if (api.isPrivate() && tradesHost) {
                privateMethod(api.name(), (req, session) -> invoke(api, req, session));
            } else if (!api.isPrivate() && !tradesHost) {
                method(api.name(), (req, session) -> invoke(api, req, session));
            }
        }
    }

    private JsonRpcReply invoke(GrvtApi api, JsonRpcRequest req, JsonRpcSession session) {
        if (api.limited() && (faults.takeRateLimit().isPresent() || !core.limiter().take(req.account()))) {
            return GrvtError.RATE_LIMITED.reply();
        }
        JsonRpcReply reply = api.handler().apply(call(req, session));
        if (reply instanceof JsonRpcReply.Result r && r.result().size() == 1 && r.result().has("result")) {
            return new JsonRpcReply.Result(r.result().get("result"), r.afterSent());
        }
        return reply;
    }

    private static GrvtCall call(JsonRpcRequest req, JsonRpcSession session) {
        return new GrvtCall(req.params(), req.account(), session, req.receivedAt());
    }

    @Override
    protected void onSessionOpened(JsonRpcSession session) {
        session.attribute(SERVER, this);
        if (tradesHost) {
            Optional<CookieSession> login = core.auth().check(session.handshakeHeader("Cookie").orElse(null),
                    session.handshakeHeader(GrvtAuth.ACCOUNT_HEADER).orElse(null));
            login.ifPresent(c -> session.authenticate(c.account(), c.expiresAt()));
        }
    }

    @Override
    protected JsonRpcError refuse(JsonRpcRequest request, Refusal reason) {
        return GrvtError.UNAUTHENTICATED.error();
    }

    @Override
    protected void decorate(ObjectNode response, JsonRpcRequest request, JsonRpcSession session) {
        if (request != null) {
            response.put("method", request.method());
        }
    }

    void pushTo(JsonRpcSession session, String frame) {
        long id = session.connectionId();
        getConnections().stream().filter(c -> connectionId(c) == id).findFirst()
                .ifPresent((WebSocket conn) -> push(conn, frame));
    }

}
