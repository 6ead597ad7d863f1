package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.account.AccountSnapshot;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.fault.RateLimitFault;
import io.exchangebus.sim.server.SimHttpRequest;
import io.exchangebus.sim.server.SimHttpResponse;
import io.exchangebus.sim.server.SimHttpServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** Binance's REST API ({@code /api/v3} spot, {@code /fapi} USDⓈ-M) over the framework's HTTP server. */
final class BinanceRestServer extends SimHttpServer {

    enum Security { NONE, API_KEY, SIGNED }

    interface Handler {
        JsonNode handle(Map<String, String> params, String account);
    }

    private final BinanceCore core;
    private final ListenKeys listenKeys;

    BinanceRestServer(BinanceCore core, ListenKeys listenKeys, int port) {
        super(core.sim.faults(), core.clock, port);
        this.core = core;
        this.listenKeys = listenKeys;
        if (core.spot()) {
            spotRoutes();
        } else {
            usdmRoutes();
        }
    }

    private void spotRoutes() {
        String v3 = "/api/v3/";
        add("GET", v3 + "ping", Security.NONE, p -> 1, false, (p, a) -> BinanceCore.JSON.createObjectNode());
        add("GET", v3 + "time", Security.NONE, p -> 1, false, (p, a) -> time());
        add("GET", v3 + "exchangeInfo", Security.NONE, p -> 20, false, (p, a) -> BinanceMarketInfo.exchangeInfo(core, p));
        add("GET", v3 + "depth", Security.NONE, this::spotDepthWeight, false, (p, a) -> depth(p));
        // "Old trade lookup": no API key since Binance made it security type NONE; weight 25.
        add("GET", v3 + "historicalTrades", Security.NONE, p -> 25, false, (p, a) -> core.trades.historicalTrades(p));
        add("GET", v3 + "account", Security.SIGNED, p -> 20, false,
                (p, a) -> core.spotAccount(a, "true".equals(p.get("omitZeroBalances"))));
        add("GET", v3 + "openOrders", Security.SIGNED, p -> p.containsKey("symbol") ? 6 : 80, false,
                (p, a) -> array(core.openOrders(a, p.containsKey("symbol") ? core.symbol(p) : null)));
        add("GET", v3 + "allOrders", Security.SIGNED, p -> 20, false, (p, a) -> array(core.allOrders(a, p)));
        add("GET", v3 + "order", Security.SIGNED, p -> 4, false, (p, a) -> core.queryOrder(a, p));
        add("POST", v3 + "order", Security.SIGNED, p -> 1, true,
                (p, a) -> core.place(a, core.parseNewOrder(a, p)));
        add("DELETE", v3 + "order", Security.SIGNED, p -> 1, false, (p, a) -> core.cancel(a, p));
        add("DELETE", v3 + "openOrders", Security.SIGNED, p -> 1, false, (p, a) -> {
            List<ObjectNode> canceled = core.cancelAll(a, core.symbol(p));
            if (canceled.isEmpty()) {
                throw BinanceCore.unknownOrder();
            }
            return array(canceled);
        });
        add("POST", v3 + "order/cancelReplace", Security.SIGNED, p -> 1, true, (p, a) -> {
            ObjectNode r = BinanceWsServer.cancelReplace(core, a, p);
            return r;
        });
    }

    private void usdmRoutes() {
        add("GET", "/fapi/v1/ping", Security.NONE, p -> 1, false, (p, a) -> BinanceCore.JSON.createObjectNode());
        add("GET", "/fapi/v1/time", Security.NONE, p -> 1, false, (p, a) -> time());
        add("GET", "/fapi/v1/exchangeInfo", Security.NONE, p -> 1, false,
                (p, a) -> BinanceMarketInfo.exchangeInfo(core, p));
        add("GET", "/fapi/v1/depth", Security.NONE, this::usdmDepthWeight, false, (p, a) -> depth(p));
        add("GET", "/fapi/v1/aggTrades", Security.NONE, p -> 20, false, (p, a) -> core.trades.aggTrades(p));
        for (String v : List.of("v2", "v3")) {
            boolean v3 = v.equals("v3");
            add("GET", "/fapi/" + v + "/account", Security.SIGNED, p -> 5, false, (p, a) -> core.usdmAccount(a, v3));
            add("GET", "/fapi/" + v + "/balance", Security.SIGNED, p -> 5, false, (p, a) -> core.usdmBalance(a));
            add("GET", "/fapi/" + v + "/positionRisk", Security.SIGNED, p -> 5, false,
                    (p, a) -> core.positionRisk(a, p.containsKey("symbol") ? core.symbol(p) : null, v3));
        }
        add("GET", "/fapi/v1/openOrders", Security.SIGNED, p -> p.containsKey("symbol") ? 1 : 40, false,
                (p, a) -> array(core.openOrders(a, p.containsKey("symbol") ? core.symbol(p) : null)));
        add("GET", "/fapi/v1/allOrders", Security.SIGNED, p -> 5, false, (p, a) -> array(core.allOrders(a, p)));
        add("GET", "/fapi/v1/order", Security.SIGNED, p -> 1, false, (p, a) -> core.queryOrder(a, p));
        add("POST", "/fapi/v1/order", Security.SIGNED, p -> 1, true,
                (p, a) -> core.place(a, core.parseNewOrder(a, p)));
        add("PUT", "/fapi/v1/order", Security.SIGNED, p -> 1, true, (p, a) -> core.modify(a, p));
        add("DELETE", "/fapi/v1/order", Security.SIGNED, p -> 1, false, (p, a) -> core.cancel(a, p));
        add("DELETE", "/fapi/v1/allOpenOrders", Security.SIGNED, p -> 1, false, (p, a) -> {
            core.cancelAll(a, core.symbol(p));
            return BinanceCore.JSON.createObjectNode().put("code", 200)
                    .put("msg", "The operation of cancel all open order is done.");
        });
        add("POST", "/fapi/v1/listenKey", Security.API_KEY, p -> 1, false,
                (p, a) -> BinanceCore.JSON.createObjectNode().put("listenKey", listenKeys.obtain(a).value));
        add("PUT", "/fapi/v1/listenKey", Security.API_KEY, p -> 1, false,
                (p, a) -> BinanceCore.JSON.createObjectNode().put("listenKey", listenKeys.keepAlive(a).value));
        add("DELETE", "/fapi/v1/listenKey", Security.API_KEY, p -> 1, false, (p, a) -> {
            listenKeys.close(a);
            return BinanceCore.JSON.createObjectNode();
        });
    }

    private int spotDepthWeight(Map<String, String> p) {
        int limit = parseLimit(p, 100);
        return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
    }

    private int usdmDepthWeight(Map<String, String> p) {
        int limit = parseLimit(p, 500);
        return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
    }

    private static int parseLimit(Map<String, String> p, int dflt) {
        try {
            return p.containsKey("limit") ? Integer.parseInt(p.get("limit")) : dflt;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private JsonNode time() {
        return BinanceCore.JSON.createObjectNode().put("serverTime", core.now());
    }

    private JsonNode depth(Map<String, String> p) {
        BinanceSymbol s = core.symbol(p);
        int limit;
        if (core.spot()) {
            limit = (int) (long) java.util.Objects.requireNonNullElse(BinanceCore.longParam(p, "limit"), 100L);
            if (limit < 1 || limit > 5000) {
                throw new BinanceException(400, -1130, "Data sent for parameter 'limit' is not valid.");
            }
        } else {
            limit = (int) (long) java.util.Objects.requireNonNullElse(BinanceCore.longParam(p, "limit"), 500L);
            if (!List.of(5, 10, 20, 50, 100, 500, 1000).contains(limit)) {
                throw new BinanceException(400, -1130, "Data sent for parameter 'limit' is not valid.");
            }
        }
        BookSnapshot book = core.sim.book(s.symbol()).top(limit);
        ObjectNode out = BinanceCore.JSON.createObjectNode().put("lastUpdateId", book.lastUpdateId());
        if (!core.spot()) {
            long now = core.now();
            out.put("E", now).put("T", now);
        }
        out.set("bids", core.levels(s, book.bids()));
        out.set("asks", core.levels(s, book.asks()));
        return out;
    }

    private static ArrayNode array(List<ObjectNode> nodes) {
        ArrayNode a = BinanceCore.JSON.createArrayNode();
        nodes.forEach(a::add);
        return a;
    }

    private void add(String method, String path, Security security, ToIntFunction<Map<String, String>> weight,
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
        return error(BinanceWsServer.rateLimitError(core, fault))
                .withHeader("X-MBX-USED-WEIGHT-1M", Integer.toString(core.limits.weight.count(core.now())));
    }

    @Override
    protected SimHttpResponse notFound(SimHttpRequest request) {
        return SimHttpResponse.text(404, "<html><body><h2>404 Not found</h2></body></html>");
    }
}
