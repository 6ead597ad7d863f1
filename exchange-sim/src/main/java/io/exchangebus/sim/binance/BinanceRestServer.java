package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.account.AccountSnapshot;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.fault.RateLimitFault;
import io.exchangebus.sim.server.SimHttpRequest;
import io.exchangebus.sim.server.SimHttpResponse;
import io.exchangebus.sim.server.SimHttpServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/** Binance's REST API ({@code /api/v3} spot, {@code /fapi} USDⓈ-M) over the framework's HTTP server. */
final class BinanceRestServer extends SimHttpServer {

    enum Security { NONE, API_KEY, SIGNED }

    interface Handler {
        JsonNode handle(Map<String, String> params, String account);
    }

    private final BinanceCore core;

    BinanceRestServer(BinanceCore core, ListenKeys listenKeys, int port) {
        super(core.sim.faults(), core.clock, port);
        this.core = core;
        core.venue.restRoutes(this, core, listenKeys);
    }

    static int parseLimit(Map<String, String> p, int dflt) {
        try {
            return p.containsKey("limit") ? Integer.parseInt(p.get("limit")) : dflt;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    JsonNode time() {
        return BinanceCore.JSON.createObjectNode().put("serverTime", core.now());
    }

    JsonNode depth(Map<String, String> p) {
        BinanceSymbol s = core.symbol(p);
        int limit = core.venue.depthLimit(p);
        BookSnapshot book = core.sim.book(s.symbol()).top(limit);
        ObjectNode out = BinanceCore.JSON.createObjectNode().put("lastUpdateId", book.lastUpdateId());
        core.venue.depthExtras(out, core.now());
        out.set("bids", core.levels(s, book.bids()));
        out.set("asks", core.levels(s, book.asks()));
        return out;
    }

    void add(String method, String path, Security security, ToIntFunction<Map<String, String>> weight,
                     boolean orderEndpoint, Handler handler) {
        route(method, path, request -> handle(request, security, weight, orderEndpoint, handler));
    }

    private SimHttpResponse handle(SimHttpRequest request, Security security,
                                   ToIntFunction<Map<String, String>> weight, boolean orderEndpoint,
                                   Handler handler) {
        Map<String, String> params = new LinkedHashMap<>(request.queryParameters());
        String contentType = request.header("Content-Type");
        if (!request.body().isEmpty() && (contentType == null || !contentType.contains("json"))) {
            params.putAll(SimHttpRequest.parseForm(request.body()));
        }
        String account = null;
        SimHttpResponse response;
        try {
            core.limits.useWeight(weight.applyAsInt(params));
            if (security != Security.NONE) {
                String apiKey = request.header("X-MBX-APIKEY");
                AccountSnapshot snapshot = core.accountOfKey(apiKey);
                account = snapshot.id();
                if (security == Security.SIGNED) {
                    core.checkTimestamp(params);
                    core.checkSignature(snapshot, apiKey,
                            BinanceSignatures.restPayload(request.rawQuery(), request.body()), params.get("signature"));
                }
            }
            JsonNode body = handler.handle(params, account);
            response = SimHttpResponse.json(200, body.toString());
        } catch (BinanceException e) {
            response = error(e);
        }
        response = response.withHeader("X-MBX-USED-WEIGHT-1M",
                Integer.toString(core.limits.weight.count(core.now())));
        if (orderEndpoint && account != null) {
            for (RateLimiter.Window w : core.limits.orders(account)) {
                response = response.withHeader("X-MBX-ORDER-COUNT-" + w.header(), Integer.toString(w.count(core.now())));
            }
        }
        return response;
    }

    static SimHttpResponse error(BinanceException e) {
        ObjectNode body = BinanceCore.JSON.createObjectNode().put("code", e.code).put("msg", e.getMessage());
        SimHttpResponse r = SimHttpResponse.json(e.status, body.toString());
        if (e.retryAfterSeconds >= 0) {
            r = r.withHeader("Retry-After", Long.toString(e.retryAfterSeconds));
        }
        return r;
    }

    @Override
    protected SimHttpResponse rateLimitedResponse(RateLimitFault fault, SimHttpRequest request) {
        return error(core.limits.faultError(fault))
                .withHeader("X-MBX-USED-WEIGHT-1M", Integer.toString(core.limits.weight.count(core.now())));
    }

    @Override
    protected SimHttpResponse notFound(SimHttpRequest request) {
        return SimHttpResponse.text(404, "<html><body><h2>404 Not found</h2></body></html>");
    }
}
