package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.account.AccountSnapshot;
import io.exchangebus.sim.fault.RateLimitFault;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.java_websocket.WebSocket;

/**
 * The WebSocket API ({@code /ws-api/v3} spot, {@code /ws-fapi/v1} USDⓈ-M): request parsing, weights, signatures or
 * the logged-on session, and a table of methods (the common ones here, the family's from
 * {@link BinanceVenue#wsApiMethods}).
 */
final class WsApi {

    /** Keeps decimals as sent ({@code 52000.00}), for signature payloads. */
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** One request being served; a method that counts an order names the account whose ORDERS limits to report. */
    static final class Call {
        final WsConn conn;
        final Map<String, String> params;
        String orderAccount;

        Call(WsConn conn, Map<String, String> params) {
            this.conn = conn;
            this.params = params;
        }
    }

    interface Method {
        JsonNode call(Call call);
    }

    interface SignedMethod {
        JsonNode call(Call call, String account);
    }

    private final BinanceCore core;
    private final BinanceWsServer ws;
    private final Map<String, Method> unsigned = new HashMap<>();
    private final Map<String, SignedMethod> signed = new HashMap<>();

    WsApi(BinanceCore core, BinanceWsServer ws, ListenKeys listenKeys) {
        this.core = core;
        this.ws = ws;
        commonMethods();
        core.venue.wsApiMethods(this, core, listenKeys);
    }

    /** A method that needs no signature (or checks its own). */
    void unsigned(String name, Method method) {
        unsigned.put(name, method);
    }

    /** A method for a signed request or a logged-on session. */
    void signed(String name, SignedMethod method) {
        signed.put(name, method);
    }

    private void commonMethods() {
        ObjectMapper json = BinanceCore.JSON;
        BinanceOrders orders = core.orders;
        unsigned("ping", c -> json.createObjectNode());
        unsigned("time", c -> json.createObjectNode().put("serverTime", core.now()));
        unsigned("exchangeInfo", c -> BinanceMarketInfo.exchangeInfo(core, c.params));
        unsigned("session.logon", this::logon);
        unsigned("session.status", c -> sessionStatus(c.conn));
        unsigned("session.logout", c -> {
            c.conn.sessionAccount = null;
            c.conn.sessionApiKey = null;
            c.conn.authorizedSince = 0;
            return sessionStatus(c.conn);
        });
        signed("order.place", (c, account) -> {
            BinanceCore.NewOrder order = orders.parseNewOrder(account, c.params);
            c.orderAccount = account;
            return orders.place(account, order);
        });
        signed("order.cancel", (c, account) -> orders.cancel(account, c.params));
        signed("order.status", (c, account) -> orders.queryOrder(account, c.params));
        signed("openOrders.status", (c, account) ->
                BinanceCore.array(orders.openOrders(account, core.symbolOrAll(c.params))));
    }

    // ---- requests ------------------------------------------------------------------------------------------

    void onRequest(WebSocket conn, WsConn c, String text) {
        JsonNode msg;
        try {
            msg = EXACT.readTree(text);
        } catch (Exception e) {
            ws.answer(conn, apiError(NullNode.getInstance(), new BinanceException(400, -1000,
                    "An unknown error occurred while processing the request."), null).toString());
            return;
        }
        JsonNode id = msg.has("id") ? msg.get("id") : NullNode.getInstance();
        String method = msg.path("method").asText("");
        Call call = new Call(c, params(msg));
        try {
            Optional<RateLimitFault> fault = ws.faults().takeRateLimit();
            if (fault.isPresent()) {
                throw core.limits.faultError(fault.get());
            }
            core.limits.useWeight(weight(method, call.params));
            JsonNode result = dispatch(method, call);
            ObjectNode out = BinanceCore.JSON.createObjectNode();
            out.set("id", id);
            out.put("status", 200);
            out.set("result", result);
            out.set("rateLimits", rateLimits(call.orderAccount));
            ws.answer(conn, out.toString(), method);
        } catch (BinanceException e) {
            ws.answer(conn, apiError(id, e, call.orderAccount).toString(), method);
        }
    }

    private static Map<String, String> params(JsonNode msg) {
        Map<String, String> params = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = msg.path("params").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            params.put(f.getKey(), v.isBigDecimal() ? v.decimalValue().toString() : v.asText());
        }
        return params;
    }

    private JsonNode dispatch(String method, Call call) {
        Method open = unsigned.get(method);
        if (open != null) {
            return open.call(call);
        }
        // Authentication comes first: an unknown method of an unauthenticated request fails on its key.
        String account = account(call.conn, call.params);
        SignedMethod m = signed.get(method);
        if (m == null) {
            throw new BinanceException(400, -1000, "Unknown method: " + method);
        }
        return m.call(call, account);
    }

    private int weight(String method, Map<String, String> p) {
        BinanceVenue venue = core.venue;
        return switch (method) {
            case "order.status" -> venue.orderStatusWeight();
            case "openOrders.status" -> venue.openOrdersWeight(p);
            case "account.status", "v2/account.status" -> venue.accountWeight();
            case "account.balance", "v2/account.balance", "account.position", "v2/account.position" -> 5;
            case "session.logon", "session.status", "session.logout", "userDataStream.subscribe",
                 "userDataStream.subscribe.signature", "userDataStream.unsubscribe" -> 2;
            case "exchangeInfo" -> 20;
            default -> 1;
        };
    }

    private ObjectNode apiError(JsonNode id, BinanceException e, String orderAccount) {
        ObjectNode out = BinanceCore.JSON.createObjectNode();
        out.set("id", id);
        out.put("status", e.status);
        ObjectNode err = out.putObject("error").put("code", e.code).put("msg", e.getMessage());
        if (e.data != null) {
            err.set("data", e.data);
        }
        out.set("rateLimits", rateLimits(orderAccount));
        return out;
    }

    private ArrayNode rateLimits(String orderAccount) {
        long now = core.now();
        ArrayNode a = BinanceCore.JSON.createArrayNode();
        RateLimiter.Window w = core.limits.weight;
        a.addObject().put("rateLimitType", "REQUEST_WEIGHT").put("interval", "MINUTE").put("intervalNum", 1)
                .put("limit", w.limit).put("count", w.count(now));
        if (orderAccount != null) {
            for (RateLimiter.Window o : core.limits.orders(orderAccount)) {
                a.addObject().put("rateLimitType", "ORDERS").put("interval", o.interval)
                        .put("intervalNum", o.intervalNum).put("limit", o.limit).put("count", o.count(now));
            }
        }
        return a;
    }

    // ---- authentication and session ------------------------------------------------------------------------

    /** The account of a request signed by itself ({@code apiKey}, {@code signature}): checked, else the error. */
    AccountSnapshot signedByItself(Map<String, String> p) {
        String apiKey = BinanceCore.req(p, "apiKey");
        AccountSnapshot account = core.accountOfKey(apiKey);
        core.checkTimestamp(p);
        core.checkSignature(account, apiKey, BinanceSignatures.wsApiPayload(p), p.get("signature"));
        return account;
    }

    /** The account of a signed request: its own signature, or the logged-on session. */
    private String account(WsConn c, Map<String, String> p) {
        if (p.containsKey("signature")) {
            return signedByItself(p).id();
        }
        if (c.sessionAccount != null) {
            core.checkTimestamp(p);
            return c.sessionAccount;
        }
        if (p.containsKey("apiKey")) {
            throw BinanceException.mandatory("signature");
        }
        throw BinanceException.mandatory("apiKey");
    }

    private JsonNode logon(Call call) {
        Map<String, String> p = call.params;
        String apiKey = BinanceCore.req(p, "apiKey");
        AccountSnapshot account = core.accountOfKey(apiKey);
        core.checkTimestamp(p);
        if (!core.isEd25519(apiKey)) {
            throw new BinanceException(400, -4056, "HMAC_SHA256 API key is not supported.");
        }
        if (ws.faults().takeLoginRejection()) {
            throw new BinanceException(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }
        core.checkSignature(account, apiKey, BinanceSignatures.wsApiPayload(p), p.get("signature"));
        WsConn c = call.conn;
        c.sessionAccount = account.id();
        c.sessionApiKey = apiKey;
        c.authorizedSince = core.now();
        return sessionStatus(c);
    }

    private ObjectNode sessionStatus(WsConn c) {
        ObjectNode r = BinanceCore.JSON.createObjectNode();
        if (c.sessionApiKey == null) {
            r.putNull("apiKey");
            r.putNull("authorizedSince");
        } else {
            r.put("apiKey", c.sessionApiKey).put("authorizedSince", c.authorizedSince);
        }
        r.put("connectedSince", c.connectedSince).put("returnRateLimits", true).put("serverTime", core.now());
        if (core.venue.sessionShowsUserData()) {
            r.put("userDataStream", !c.subscriptions.isEmpty());
        }
        return r;
    }
}
