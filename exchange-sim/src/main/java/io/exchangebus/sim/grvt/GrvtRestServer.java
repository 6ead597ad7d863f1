package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.auth.CookieSession;
import io.exchangebus.sim.fault.RateLimitFault;
import io.exchangebus.sim.server.JsonRpcReply;
import io.exchangebus.sim.server.SimHttpRequest;
import io.exchangebus.sim.server.SimHttpResponse;
import io.exchangebus.sim.server.SimHttpServer;
import java.util.Optional;

/**
 * GRVT's REST on one loopback port, standing for the edge, trades and market-data hosts: {@code POST
 * /auth/api_key/login} (edge) and {@code POST /full/v1/<method>} (all POST, JSON body). Private methods need the
 * {@code gravity} cookie and {@code X-Grvt-Account-Id}. Errors are the documented body {@code {"request_id":1,
 * "code","message","status"}} with that HTTP status (1000: 401, 1006: 429).
 */
final class GrvtRestServer extends SimHttpServer {

    static final String LOGIN = "/auth/api_key/login";

    private final GrvtCore core;

    GrvtRestServer(GrvtCore core, int port) {
        super(core.faults(), core.clock(), port);
        this.core = core;
        route("POST", LOGIN, this::login);
        for (GrvtApi api : core.api()) {
            route("POST", "/full/" + api.name(), r -> handle(api, r));
        }
    }

    private SimHttpResponse login(SimHttpRequest http) {
        String key = null;
        try {
            key = Json.MAPPER.readTree(http.body()).path("api_key").asText(null);
        } catch (JsonProcessingException e) {
            return error(GrvtError.MALFORMED.code(), GrvtError.MALFORMED.message());
        }
        Optional<CookieSession> session = core.auth().login(key);
        if (session.isEmpty()) {
            return error(GrvtError.UNAUTHENTICATED.code(), GrvtError.UNAUTHENTICATED.message());
        }
        ObjectNode body = Json.object().put("status", "success").put("location", "");
        return SimHttpResponse.json(200, body.toString())
                .withHeader("Set-Cookie", session.get().setCookieHeader())
                .withHeader(GrvtAuth.ACCOUNT_HEADER, session.get().account());
    }

    private SimHttpResponse handle(GrvtApi api, SimHttpRequest http) {
        ObjectNode params;
        try {
            JsonNode body = http.body().isBlank() ? Json.object() : Json.MAPPER.readTree(http.body());
            if (!body.isObject()) {
                return error(GrvtError.MALFORMED.code(), GrvtError.MALFORMED.message());
            }
            params = (ObjectNode) body;
        } catch (JsonProcessingException e) {
            return error(GrvtError.MALFORMED.code(), GrvtError.MALFORMED.message());
        }
        String account = null;
        if (api.isPrivate()) {
            Optional<CookieSession> login = core.auth().check(http.header("Cookie"),
                    http.header(GrvtAuth.ACCOUNT_HEADER));
            if (login.isEmpty()) {
                return error(GrvtError.UNAUTHENTICATED.code(), GrvtError.UNAUTHENTICATED.message());
            }
            account = login.get().account();
            if (api.limited() && !core.limiter().take(account)) {
                return error(GrvtError.RATE_LIMITED.code(), GrvtError.RATE_LIMITED.message());
            }
        }
        JsonRpcReply reply = api.handler().apply(new GrvtCall(params, account, null, http.receivedAt()));
        if (reply instanceof JsonRpcReply.Failure f) {
            return error(f.error().code(), f.error().message());
        }
        return SimHttpResponse.json(200, ((JsonRpcReply.Result) reply).result().toString());
    }

    private static SimHttpResponse error(int code, String message) {
        int status = GrvtError.statusOf(code);
        return SimHttpResponse.json(status, GrvtError.restBody(code, message, status).toString());
    }

    @Override
    protected SimHttpResponse rateLimitedResponse(RateLimitFault fault, SimHttpRequest request) {
        return SimHttpResponse.json(fault.status(), GrvtError.restBody(GrvtError.RATE_LIMITED.code(),
                GrvtError.RATE_LIMITED.message(), fault.status()).toString());
    }

    @Override
    protected SimHttpResponse notFound(SimHttpRequest request) {
        return error(GrvtError.NOT_FOUND.code(), GrvtError.NOT_FOUND.message());
    }
}
