package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.auth.Checked;
import io.exchangebus.sim.auth.TokenGrant;
import io.exchangebus.sim.fault.RateLimitFault;
import io.exchangebus.sim.server.JsonRpcError;
import io.exchangebus.sim.server.JsonRpcReply;
import io.exchangebus.sim.server.JsonRpcRequest;
import io.exchangebus.sim.server.SimHttpRequest;
import io.exchangebus.sim.server.SimHttpResponse;
import io.exchangebus.sim.server.SimHttpServer;
import java.util.Locale;

/**
 * Deribit's HTTP JSON-RPC: {@code GET|POST /api/v2/{public|private}/{method}} with params in the query string
 * (GET) or a JSON-RPC body (POST); private methods take {@code Authorization: bearer <access_token>}. The same
 * handlers as the WebSocket; errors are answered with HTTP 400, as Deribit does. Session methods (subscriptions,
 * heartbeats, cancel on disconnect) exist only on the WebSocket.
 */
final class DeribitHttpServer extends SimHttpServer {

    static final String PREFIX = "/api/v2/";

    private final DeribitCore core;

    DeribitHttpServer(DeribitCore core, int port) {
        super(core.faults(), core.clock(), port);
        this.core = core;
        for (DeribitApi.Entry entry : core.api().entries()) {
            route("GET", PREFIX + entry.name(), r -> handle(entry, r));
            route("POST", PREFIX + entry.name(), r -> handle(entry, r));
        }
    }

    private SimHttpResponse handle(DeribitApi.Entry entry, SimHttpRequest http) {
        ObjectNode params = Json.object();
        JsonNode id = null;
        if (http.method().equals("POST") && !http.body().isBlank()) {
            try {
                JsonNode body = Json.MAPPER.readTree(http.body());
                id = body.get("id");
                if (body.path("params").isObject()) {
                    params = (ObjectNode) body.get("params");
                }
            } catch (JsonProcessingException e) {
                return render(null, http, JsonRpcReply.error(JsonRpcError.PARSE_ERROR, "Parse error"));
            }
        }
        for (var p : http.queryParameters().entrySet()) {
            params.put(p.getKey(), p.getValue());
        }
        JsonRpcRequest request = new JsonRpcRequest(id, entry.name(), params, http.receivedAt(), null);
        return render(id, http, answer(entry, request, http));
    }

    private JsonRpcReply answer(DeribitApi.Entry entry, JsonRpcRequest request, SimHttpRequest http) {
        if (entry.webSocketOnly()) {
            return DeribitError.BAD_REQUEST.reply("only available over WebSocket");
        }
        String account = null;
        if (entry.isPrivate()) {
            String header = http.header("Authorization");
            String token = header != null && header.toLowerCase(Locale.ROOT).startsWith("bearer ")
                    ? header.substring(7).trim() : request.params().path("access_token").asText(null);
            Checked<TokenGrant> grant = token == null ? new Checked.Refused<>(io.exchangebus.sim.auth.Refusal.UNKNOWN)
                    : core.auth().check(token, null);
            if (grant instanceof Checked.Refused<TokenGrant> refused) {
                return DeribitError.UNAUTHORIZED.reply(DeribitAuth.reason(refused.reason()));
            }
            account = ((Checked.Valid<TokenGrant>) grant).session().account();
        }
        if (!core.limiter().take(account == null ? "http" : account, entry.matchingEngine())) {
            return DeribitError.TOO_MANY_REQUESTS.reply();
        }
        JsonRpcRequest call = new JsonRpcRequest(request.id(), request.method(), request.params(),
                request.receivedAt(), account);
        return DeribitApi.run(entry, new DeribitCall(call, null));
    }

    private SimHttpResponse render(JsonNode id, SimHttpRequest http, JsonRpcReply reply) {
        ObjectNode out = Json.object().put("jsonrpc", "2.0");
        if (id != null) {
            out.set("id", id);
        }
        int status = 200;
        if (reply instanceof JsonRpcReply.Result r) {
            out.set("result", r.result());
        } else if (reply instanceof JsonRpcReply.Failure f) {
            ObjectNode error = out.putObject("error").put("code", f.error().code())
                    .put("message", f.error().message());
            if (f.error().data() != null) {
                error.set("data", f.error().data());
            }
            status = 400;
        }
        DeribitWsServer.decorate(out, http.receivedAt(), core.clock().instant());
        return SimHttpResponse.json(status, out.toString());
    }

    @Override
    protected SimHttpResponse rateLimitedResponse(RateLimitFault fault, SimHttpRequest request) {
        ObjectNode out = Json.object().put("jsonrpc", "2.0");
        out.putObject("error").put("code", DeribitError.TOO_MANY_REQUESTS.code()).put("message", "too_many_requests");
        DeribitWsServer.decorate(out, request.receivedAt(), core.clock().instant());
        return SimHttpResponse.json(fault.status(), out.toString());
    }

    @Override
    protected SimHttpResponse notFound(SimHttpRequest request) {
        ObjectNode out = Json.object().put("jsonrpc", "2.0");
        out.putObject("error").put("code", JsonRpcError.METHOD_NOT_FOUND).put("message", "Method not found");
        return SimHttpResponse.json(400, out.toString());
    }
}
