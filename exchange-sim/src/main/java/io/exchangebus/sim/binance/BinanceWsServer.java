package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.account.AccountSnapshot;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.Side;
import io.exchangebus.sim.fault.RateLimitFault;
import io.exchangebus.sim.fault.SequenceAction;
import io.exchangebus.sim.server.SimWebSocketServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance's WebSocket side on one port, routed by the handshake path: market streams ({@code /ws/<stream>},
 * {@code /stream?streams=a/b}), the WebSocket API ({@code /ws-api/v3} spot, {@code /ws-fapi/v1} USDⓈ-M) and, on
 * USDⓈ-M, user-data streams ({@code /ws/<listenKey>}).
 */
final class BinanceWsServer extends SimWebSocketServer implements BinanceCore.UserEventSink {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceWsServer.class);
    /** Keeps decimals as sent ({@code 52000.00}), for signature payloads. */
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern PARTIAL = Pattern.compile("^([a-z0-9]+)@depth(5|10|20)(?:@(\\d+)ms)?$");

    enum Kind { STREAM, API, USER }

    static final class Conn {
        final Kind kind;
        final long connectedSince;
        volatile boolean combined;
        final Set<String> streams = new LinkedHashSet<>();
        final Map<String, long[]> partial = new ConcurrentHashMap<>();
        String listenKey;
        volatile String sessionAccount;
        volatile String sessionApiKey;
        volatile long authorizedSince;
        final Map<Integer, String> subscriptions = new ConcurrentHashMap<>();
        int nextSubscriptionId;

        Conn(Kind kind, long connectedSince) {
            this.kind = kind;
            this.connectedSince = connectedSince;
        }

        synchronized List<String> streamList() {
            return new ArrayList<>(streams);
        }
    }

    private final BinanceCore core;
    private final ListenKeys listenKeys;
    private final int streamLimit;
    private final String apiPath;
    private final Map<WebSocket, Conn> conns = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;

    BinanceWsServer(BinanceCore core, ListenKeys listenKeys, int port, int streamLimit) {
        super(core.sim.faults(), core.clock, port);
        this.core = core;
        this.listenKeys = listenKeys;
        this.streamLimit = streamLimit;
        this.apiPath = core.spot() ? "/ws-api/v3" : "/ws-fapi/v1";
        // Server pings as documented: every 20 s on spot, every 3 minutes on USDⓈ-M.
        setConnectionLostTimeout(core.spot() ? 20 : 180);
        core.sim.addListener(this::onMarketEvent);
        core.sink = this;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "binance-sim-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 50, 50, TimeUnit.MILLISECONDS);
    }

    String apiPath() {
        return apiPath;
    }

    // ---- connections ---------------------------------------------------------------------------------------

    @Override
    protected void onConnected(WebSocket conn, ClientHandshake handshake) {
        String descriptor = handshake.getResourceDescriptor();
        int q = descriptor.indexOf('?');
        String path = q < 0 ? descriptor : descriptor.substring(0, q);
        String query = q < 0 ? "" : descriptor.substring(q + 1);
        long now = core.now();
        if (path.equals(apiPath)) {
            conns.put(conn, new Conn(Kind.API, now));
            return;
        }
        if (path.equals("/ws") || path.equals("/ws/")) {
            conns.put(conn, new Conn(Kind.STREAM, now));
            return;
        }
        if (path.startsWith("/ws/")) {
            String name = path.substring(4);
            if (!core.spot() && !name.contains("@")) {
                ListenKeys.Key key = listenKeys.byValue(name);
                if (key == null || key.expired) {
                    reject(conn, CloseFrame.POLICY_VALIDATION, "Invalid listenKey");
                    return;
                }
                Conn c = new Conn(Kind.USER, now);
                c.listenKey = name;
                conns.put(conn, c);
                return;
            }
            Conn c = new Conn(Kind.STREAM, now);
            c.streams.add(name);
            conns.put(conn, c);
            return;
        }
        if (path.equals("/stream") || path.equals("/stream/")) {
            Conn c = new Conn(Kind.STREAM, now);
            c.combined = true;
            for (String pair : query.split("&")) {
                if (pair.startsWith("streams=")) {
                    for (String s : URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8).split("/")) {
                        if (!s.isEmpty()) {
                            c.streams.add(s);
                        }
                    }
                }
            }
            if (c.streams.size() > streamLimit) {
                reject(conn, CloseFrame.POLICY_VALIDATION, "Too many streams: the limit is " + streamLimit);
                return;
            }
            conns.put(conn, c);
            return;
        }
        reject(conn, CloseFrame.POLICY_VALIDATION, "Unknown path " + path);
    }

    @Override
    protected void onDisconnected(WebSocket conn, int code, String reason, boolean remote) {
        conns.remove(conn);
    }

    @Override
    protected void onFrame(WebSocket conn, String text) {
        Conn c = conns.get(conn);
        if (c == null) {
            return;
        }
        try {
            switch (c.kind) {
                // A listenKey stream takes the same live-subscription requests as a market stream.
                case STREAM, USER -> onStreamRequest(conn, c, text);
                case API -> onApiRequest(conn, c, text);
            }
        } catch (RuntimeException e) {
            LOG.error("WebSocket request failed: {}", text, e);
        }
    }

    // ---- market streams: live subscriptions ----------------------------------------------------------------

    private void onStreamRequest(WebSocket conn, Conn c, String text) {
        JsonNode msg;
        try {
            msg = BinanceCore.JSON.readTree(text);
        } catch (Exception e) {
            reply(conn, "{\"code\":3,\"msg\":\"Invalid JSON: expected value at line 1 column 1\",\"id\":null}");
            return;
        }
        JsonNode id = msg.get("id");
        if (id == null || !(id.isIntegralNumber() || id.isTextual() || id.isNull())) {
            reply(conn, error(2, "Invalid request: request ID must be an unsigned integer", id));
            return;
        }
        String method = msg.path("method").asText("");
        switch (method) {
            case "SUBSCRIBE", "UNSUBSCRIBE" -> {
                JsonNode params = msg.get("params");
                if (params == null || !params.isArray()) {
                    reply(conn, error(2, "Invalid request: missing field `params`", id));
                    return;
                }
                synchronized (c) {
                    for (JsonNode p : params) {
                        if (method.equals("SUBSCRIBE")) {
                            c.streams.add(p.asText());
                        } else {
                            c.streams.remove(p.asText());
                            c.partial.remove(p.asText());
                        }
                    }
                    if (c.streams.size() > streamLimit) {
                        conn.close(CloseFrame.POLICY_VALIDATION, "Too many streams: the limit is " + streamLimit);
                        return;
                    }
                }
                reply(conn, result(NullNode.getInstance(), id));
            }
            case "LIST_SUBSCRIPTIONS" -> {
                ArrayNode list = BinanceCore.JSON.createArrayNode();
                c.streamList().forEach(list::add);
                reply(conn, result(list, id));
            }
            case "SET_PROPERTY" -> {
                JsonNode params = msg.path("params");
                if (!params.path(0).asText().equals("combined")) {
                    reply(conn, error(0, "Unknown property", id));
                } else if (!params.path(1).isBoolean()) {
                    reply(conn, error(1, "Invalid value type: expected Boolean", id));
                } else {
                    c.combined = params.path(1).asBoolean();
                    reply(conn, result(NullNode.getInstance(), id));
                }
            }
            case "GET_PROPERTY" -> {
                if (!msg.path("params").path(0).asText().equals("combined")) {
                    reply(conn, error(0, "Unknown property", id));
                } else {
                    reply(conn, result(BinanceCore.JSON.getNodeFactory().booleanNode(c.combined), id));
                }
            }
            default -> reply(conn, error(2, "Invalid request: unknown variant `" + method + "`, expected one of "
                    + "`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`", id));
        }
    }

    private static String result(JsonNode result, JsonNode id) {
        ObjectNode o = BinanceCore.JSON.createObjectNode();
        o.set("result", result);
        o.set("id", id == null ? NullNode.getInstance() : id);
        return o.toString();
    }

    private static String error(int code, String msg, JsonNode id) {
        ObjectNode o = BinanceCore.JSON.createObjectNode().put("code", code).put("msg", msg);
        o.set("id", id == null ? NullNode.getInstance() : id);
        return o.toString();
    }

    // ---- market streams: data ------------------------------------------------------------------------------

    private void onMarketEvent(EngineEvent event) {
        if (event instanceof EngineEvent.BookDiff diff) {
            onDiff(diff);
        } else if (event instanceof EngineEvent.TradePrinted trade) {
            onTrade(trade.fill());
        }
    }

    private List<Map.Entry<WebSocket, String>> subscribers(List<String> names) {
        List<Map.Entry<WebSocket, String>> out = new ArrayList<>();
        for (Map.Entry<WebSocket, Conn> e : conns.entrySet()) {
            if (e.getValue().kind == Kind.API) {
                continue;
            }
            for (String s : e.getValue().streamList()) {
                if (names.contains(s)) {
                    out.add(Map.entry(e.getKey(), s));
                }
            }
        }
        return out;
    }

    private void onDiff(EngineEvent.BookDiff diff) {
        BinanceSymbol s = core.symbols.get(diff.symbol());
        String lower = s.symbol().toLowerCase(java.util.Locale.ROOT);
        List<String> names = core.spot()
                ? List.of(lower + "@depth", lower + "@depth@100ms", lower + "@depth@1000ms")
                : List.of(lower + "@depth", lower + "@depth@100ms", lower + "@depth@250ms", lower + "@depth@500ms");
        List<Map.Entry<WebSocket, String>> targets = subscribers(names);
        if (targets.isEmpty()) {
            return;
        }
        // One sequence fault per diff, for every connection at once, as if the exchange lost or resent it.
        SequenceAction action = faults.nextSequenceAction();
        int times = action == SequenceAction.SKIP ? 0 : action == SequenceAction.REPEAT ? 2 : 1;
        ObjectNode data = BinanceCore.JSON.createObjectNode().put("e", "depthUpdate").put("E", core.now());
        if (!core.spot()) {
            data.put("T", diff.time().toEpochMilli());
        }
        data.put("s", s.symbol()).put("U", diff.firstUpdateId()).put("u", diff.lastUpdateId());
        if (!core.spot()) {
            data.put("pu", diff.previousUpdateId());
        }
        data.set("b", core.levels(s, diff.bids()));
        data.set("a", core.levels(s, diff.asks()));
        send(targets, data, times);
    }

    private void onTrade(Fill fill) {
        BinanceSymbol s = core.symbols.get(fill.symbol());
        String lower = s.symbol().toLowerCase(java.util.Locale.ROOT);
        boolean buyerMaker = fill.takerSide() == Side.SELL;
        long tradeTime = fill.time().toEpochMilli();
        if (core.spot()) {
            List<Map.Entry<WebSocket, String>> targets = subscribers(List.of(lower + "@trade"));
            if (!targets.isEmpty()) {
                ObjectNode t = BinanceCore.JSON.createObjectNode().put("e", "trade").put("E", core.now())
                        .put("s", s.symbol()).put("t", fill.tradeId()).put("p", core.price(s, fill.price()))
                        .put("q", core.qty(s, fill.quantity())).put("T", tradeTime).put("m", buyerMaker)
                        .put("M", true);
                send(targets, t, 1);
            }
        }
        List<Map.Entry<WebSocket, String>> targets = subscribers(List.of(lower + "@aggTrade"));
        if (!targets.isEmpty()) {
            ObjectNode a = BinanceCore.JSON.createObjectNode().put("e", "aggTrade").put("E", core.now())
                    .put("s", s.symbol()).put("a", fill.tradeId()).put("p", core.price(s, fill.price()))
                    .put("q", core.qty(s, fill.quantity())).put("f", fill.tradeId()).put("l", fill.tradeId())
                    .put("T", tradeTime).put("m", buyerMaker);
            if (core.spot()) {
                a.put("M", true);
            }
            send(targets, a, 1);
        }
    }

    private void send(List<Map.Entry<WebSocket, String>> targets, ObjectNode data, int times) {
        String raw = data.toString();
        for (Map.Entry<WebSocket, String> t : targets) {
            Conn c = conns.get(t.getKey());
            String frame = c != null && c.combined ? "{\"stream\":\"" + t.getValue() + "\",\"data\":" + raw + "}" : raw;
            for (int i = 0; i < times; i++) {
                push(t.getKey(), frame);
            }
        }
    }

    /** Partial depth on its schedule, and listenKey expiry. */
    private void tick() {
        try {
            long now = System.currentTimeMillis();
            for (Map.Entry<WebSocket, Conn> e : conns.entrySet()) {
                Conn c = e.getValue();
                if (c.kind != Kind.STREAM) {
                    continue;
                }
                for (String stream : c.streamList()) {
                    Matcher m = PARTIAL.matcher(stream);
                    if (m.matches()) {
                        partial(e.getKey(), c, stream, m, now);
                    }
                }
            }
            for (ListenKeys.Key key : listenKeys.expireDue()) {
                String frame = BinanceCore.JSON.createObjectNode().put("e", "listenKeyExpired")
                        .put("E", Long.toString(core.now())).put("listenKey", key.value).toString();
                for (Map.Entry<WebSocket, Conn> e : conns.entrySet()) {
                    if (e.getValue().kind == Kind.USER && key.value.equals(e.getValue().listenKey)) {
                        push(e.getKey(), frame);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("ticker failed", e);
        }
    }

    private void partial(WebSocket conn, Conn c, String stream, Matcher m, long now) {
        BinanceSymbol s = core.symbols.values().stream()
                .filter(x -> x.symbol().toLowerCase(java.util.Locale.ROOT).equals(m.group(1))).findFirst().orElse(null);
        if (s == null) {
            return;
        }
        int levels = Integer.parseInt(m.group(2));
        long interval = m.group(3) != null ? Long.parseLong(m.group(3)) : core.spot() ? 1000 : 250;
        long[] state = c.partial.computeIfAbsent(stream, k -> new long[] {Long.MIN_VALUE / 2, -1});
        if (now - state[0] < interval) {
            return;
        }
        BookSnapshot book = core.sim.book(s.symbol()).top(levels);
        if (book.lastUpdateId() == state[1]) {
            return;
        }
        ObjectNode data = BinanceCore.JSON.createObjectNode();
        if (core.spot()) {
            data.put("lastUpdateId", book.lastUpdateId());
            data.set("bids", core.levels(s, book.bids()));
            data.set("asks", core.levels(s, book.asks()));
        } else {
            long previous = state[1] < 0 ? book.lastUpdateId() : state[1];
            data.put("e", "depthUpdate").put("E", core.now()).put("T", core.now()).put("s", s.symbol())
                    .put("U", Math.min(previous + 1, book.lastUpdateId())).put("u", book.lastUpdateId())
                    .put("pu", previous);
            data.set("b", core.levels(s, book.bids()));
            data.set("a", core.levels(s, book.asks()));
        }
        state[0] = now;
        state[1] = book.lastUpdateId();
        String raw = data.toString();
        push(conn, c.combined ? "{\"stream\":\"" + stream + "\",\"data\":" + raw + "}" : raw);
    }

    // ---- user data -----------------------------------------------------------------------------------------

    @Override
    public boolean listens(String account) {
        if (core.spot()) {
            for (Conn c : conns.values()) {
                if (c.kind == Kind.API && c.subscriptions.containsValue(account)) {
                    return true;
                }
            }
            return false;
        }
        Optional<ListenKeys.Key> key = listenKeys.current(account);
        if (key.isEmpty()) {
            return false;
        }
        for (Conn c : conns.values()) {
            if (c.kind == Kind.USER && key.get().value.equals(c.listenKey)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void deliver(String account, ObjectNode event) {
        if (core.spot()) {
            for (Map.Entry<WebSocket, Conn> e : conns.entrySet()) {
                Conn c = e.getValue();
                if (c.kind != Kind.API) {
                    continue;
                }
                for (Map.Entry<Integer, String> sub : c.subscriptions.entrySet()) {
                    if (sub.getValue().equals(account)) {
                        ObjectNode wrapped = BinanceCore.JSON.createObjectNode().put("subscriptionId", sub.getKey());
                        wrapped.set("event", event);
                        push(e.getKey(), wrapped.toString());
                    }
                }
            }
            return;
        }
        Optional<ListenKeys.Key> key = listenKeys.current(account);
        if (key.isEmpty()) {
            return;
        }
        String frame = event.toString();
        for (Map.Entry<WebSocket, Conn> e : conns.entrySet()) {
            if (e.getValue().kind == Kind.USER && key.get().value.equals(e.getValue().listenKey)) {
                push(e.getKey(), frame);
            }
        }
    }

    // ---- WebSocket API -------------------------------------------------------------------------------------

    private void onApiRequest(WebSocket conn, Conn c, String text) {
        JsonNode msg;
        try {
            msg = EXACT.readTree(text);
        } catch (Exception e) {
            reply(conn, apiError(NullNode.getInstance(), new BinanceException(400, -1000,
                    "An unknown error occurred while processing the request."), List.of()).toString());
            return;
        }
        JsonNode id = msg.has("id") ? msg.get("id") : NullNode.getInstance();
        String method = msg.path("method").asText("");
        Map<String, String> params = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = msg.path("params").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            params.put(f.getKey(), v.isBigDecimal() ? v.decimalValue().toString() : v.asText());
        }
        String[] orderAccount = new String[1];
        try {
            Optional<RateLimitFault> fault = faults.takeRateLimit();
            if (fault.isPresent()) {
                throw rateLimitError(core, fault.get());
            }
            core.limits.useWeight(weight(method, params));
            JsonNode result = dispatch(conn, c, method, params, orderAccount);
            ObjectNode out = BinanceCore.JSON.createObjectNode();
            out.set("id", id);
            out.put("status", 200);
            out.set("result", result);
            out.set("rateLimits", rateLimits(orderAccount[0]));
            reply(conn, out.toString(), method);
        } catch (BinanceException e) {
            reply(conn, apiError(id, e, orderAccount[0] == null ? List.of() : List.of(orderAccount[0])).toString(),
                    method);
        }
    }

    private ObjectNode apiError(JsonNode id, BinanceException e, List<String> account) {
        ObjectNode out = BinanceCore.JSON.createObjectNode();
        out.set("id", id);
        out.put("status", e.status);
        ObjectNode err = out.putObject("error").put("code", e.code).put("msg", e.getMessage());
        if (e.data != null) {
            err.set("data", e.data);
        }
        out.set("rateLimits", rateLimits(account.isEmpty() ? null : account.get(0)));
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

    static BinanceException rateLimitError(BinanceCore core, RateLimitFault fault) {
        long now = core.now();
        long until = now + fault.retryAfter().toMillis();
        ObjectNode data = BinanceCore.JSON.createObjectNode().put("serverTime", now).put("retryAfter", until);
        String msg = fault.status() == 418
                ? "Way too much request weight used; IP banned until " + until
                        + ". Please use WebSocket Streams for live updates to avoid bans."
                : "Too much request weight used; current limit is " + core.limits.weight.limit
                        + " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid"
                        + " polling the API.";
        return new BinanceException(fault.status(), -1003, msg, data, fault.retryAfterSeconds());
    }

    private int weight(String method, Map<String, String> p) {
        return switch (method) {
            case "order.status" -> core.spot() ? 4 : 1;
            case "openOrders.status" -> core.spot() ? (p.containsKey("symbol") ? 6 : 80) : (p.containsKey("symbol") ? 1 : 40);
            case "account.status", "v2/account.status" -> core.spot() ? 20 : 5;
            case "account.balance", "v2/account.balance", "account.position", "v2/account.position" -> 5;
            case "session.logon", "session.status", "session.logout", "userDataStream.subscribe",
                 "userDataStream.subscribe.signature", "userDataStream.unsubscribe" -> 2;
            case "exchangeInfo" -> 20;
            default -> 1;
        };
    }

    /** The account of a signed request: its own signature, or the logged-on session. */
    private String signed(Conn c, Map<String, String> p) {
        if (p.containsKey("signature")) {
            String apiKey = BinanceCore.req(p, "apiKey");
            AccountSnapshot account = core.accountOfKey(apiKey);
            core.checkTimestamp(p);
            core.checkSignature(account, apiKey, BinanceSignatures.wsApiPayload(p), p.get("signature"));
            return account.id();
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

    private JsonNode dispatch(WebSocket conn, Conn c, String method, Map<String, String> p, String[] orderAccount) {
        ObjectMapper json = BinanceCore.JSON;
        switch (method) {
            case "ping":
                return json.createObjectNode();
            case "time":
                return json.createObjectNode().put("serverTime", core.now());
            case "exchangeInfo":
                return BinanceMarketInfo.exchangeInfo(core, p);
            case "session.logon": {
                String apiKey = BinanceCore.req(p, "apiKey");
                AccountSnapshot account = core.accountOfKey(apiKey);
                core.checkTimestamp(p);
                if (!core.isEd25519(apiKey)) {
                    throw new BinanceException(400, -4056, "HMAC_SHA256 API key is not supported.");
                }
                if (faults.takeLoginRejection()) {
                    throw new BinanceException(401, -2015, "Invalid API-key, IP, or permissions for action.");
                }
                core.checkSignature(account, apiKey, BinanceSignatures.wsApiPayload(p), p.get("signature"));
                c.sessionAccount = account.id();
                c.sessionApiKey = apiKey;
                c.authorizedSince = core.now();
                return sessionStatus(c);
            }
            case "session.status":
                return sessionStatus(c);
            case "session.logout":
                c.sessionAccount = null;
                c.sessionApiKey = null;
                c.authorizedSince = 0;
                return sessionStatus(c);
            default:
                break;
        }
        if (core.spot()) {
            switch (method) {
                case "userDataStream.subscribe": {
                    if (c.sessionAccount == null) {
                        throw new BinanceException(401, -2015, "Invalid API-key, IP, or permissions for action.");
                    }
                    return subscribe(c, c.sessionAccount);
                }
                case "userDataStream.subscribe.signature": {
                    String apiKey = BinanceCore.req(p, "apiKey");
                    AccountSnapshot account = core.accountOfKey(apiKey);
                    core.checkTimestamp(p);
                    core.checkSignature(account, apiKey, BinanceSignatures.wsApiPayload(p), p.get("signature"));
                    return subscribe(c, account.id());
                }
                case "userDataStream.unsubscribe": {
                    synchronized (c) {
                        if (p.containsKey("subscriptionId")) {
                            c.subscriptions.remove(Integer.parseInt(p.get("subscriptionId")));
                        } else {
                            c.subscriptions.clear();
                        }
                    }
                    return json.createObjectNode();
                }
                case "session.subscriptions": {
                    ArrayNode a = json.createArrayNode();
                    c.subscriptions.keySet().stream().sorted().forEach(k -> a.addObject().put("subscriptionId", k));
                    return a;
                }
                default:
                    break;
            }
        } else {
            switch (method) {
                case "userDataStream.start":
                    return json.createObjectNode().put("listenKey",
                            listenKeys.obtain(core.accountOfKey(BinanceCore.req(p, "apiKey")).id()).value);
                case "userDataStream.ping":
                    return json.createObjectNode().put("listenKey",
                            listenKeys.keepAlive(core.accountOfKey(BinanceCore.req(p, "apiKey")).id()).value);
                case "userDataStream.stop":
                    listenKeys.close(core.accountOfKey(BinanceCore.req(p, "apiKey")).id());
                    return json.createObjectNode();
                default:
                    break;
            }
        }
        String account = signed(c, p);
        switch (method) {
            case "order.place": {
                BinanceCore.NewOrder order = core.parseNewOrder(account, p);
                orderAccount[0] = account;
                return core.place(account, order);
            }
            case "order.cancel":
                return core.cancel(account, p);
            case "order.status":
                return core.queryOrder(account, p);
            case "openOrders.status": {
                ArrayNode a = json.createArrayNode();
                core.openOrders(account, p.containsKey("symbol") ? core.symbol(p) : null).forEach(a::add);
                return a;
            }
            default:
                break;
        }
        if (core.spot()) {
            switch (method) {
                case "order.cancelReplace":
                    orderAccount[0] = account;
                    return cancelReplace(core, account, p);
                case "openOrders.cancelAll": {
                    List<ObjectNode> canceled = core.cancelAll(account, core.symbol(p));
                    if (canceled.isEmpty()) {
                        throw BinanceCore.unknownOrder();
                    }
                    ArrayNode a = json.createArrayNode();
                    canceled.forEach(a::add);
                    return a;
                }
                case "account.status":
                    return core.spotAccount(account, "true".equals(p.get("omitZeroBalances")));
                case "allOrders": {
                    ArrayNode a = json.createArrayNode();
                    core.allOrders(account, p).forEach(a::add);
                    return a;
                }
                default:
                    break;
            }
        } else {
            switch (method) {
                case "order.modify":
                    return core.modify(account, p);
                case "account.status":
                    return core.usdmAccount(account, true);
                case "v2/account.status":
                    return core.usdmAccount(account, false);
                case "account.balance", "v2/account.balance":
                    return core.usdmBalance(account);
                case "account.position":
                    return core.positionRisk(account, p.containsKey("symbol") ? core.symbol(p) : null, true);
                case "v2/account.position":
                    return core.positionRisk(account, p.containsKey("symbol") ? core.symbol(p) : null, false);
                default:
                    break;
            }
        }
        throw new BinanceException(400, -1000, "Unknown method: " + method);
    }

    private ObjectNode subscribe(Conn c, String account) {
        int id;
        synchronized (c) {
            id = c.nextSubscriptionId++;
            c.subscriptions.put(id, account);
        }
        return BinanceCore.JSON.createObjectNode().put("subscriptionId", id);
    }

    private ObjectNode sessionStatus(Conn c) {
        ObjectNode r = BinanceCore.JSON.createObjectNode();
        if (c.sessionApiKey == null) {
            r.putNull("apiKey");
            r.putNull("authorizedSince");
        } else {
            r.put("apiKey", c.sessionApiKey).put("authorizedSince", c.authorizedSince);
        }
        r.put("connectedSince", c.connectedSince).put("returnRateLimits", true).put("serverTime", core.now());
        if (core.spot()) {
            r.put("userDataStream", !c.subscriptions.isEmpty());
        }
        return r;
    }

    /** Spot cancel-replace with its documented partial-failure bodies (-2021 status 409, -2022 status 400). */
    static ObjectNode cancelReplace(BinanceCore core, String account, Map<String, String> p) {
        String mode = BinanceCore.req(p, "cancelReplaceMode");
        if (!mode.equals("STOP_ON_FAILURE") && !mode.equals("ALLOW_FAILURE")) {
            throw new BinanceException(400, -1100, "Illegal characters found in parameter 'cancelReplaceMode'.");
        }
        BinanceSymbol s = core.symbol(p);
        Map<String, String> orderParams = new LinkedHashMap<>(p);
        BinanceCore.NewOrder order = core.parseNewOrderAllowingReuse(account, orderParams, p);
        ObjectNode cancelResponse;
        boolean cancelOk;
        try {
            long id = core.resolve(account, s, p, "cancelOrderId", "cancelOrigClientOrderId", BinanceCore.unknownOrder());
            String cancelCid = p.get("cancelNewClientOrderId");
            cancelResponse = core.cancelById(account, s, id, cancelCid == null ? BinanceCore.newClientId() : cancelCid);
            cancelOk = true;
        } catch (BinanceException e) {
            if (e.code == -1102) {
                throw e;
            }
            cancelResponse = BinanceCore.JSON.createObjectNode().put("code", e.code).put("msg", e.getMessage());
            cancelOk = false;
        }
        ObjectNode data = BinanceCore.JSON.createObjectNode();
        data.put("cancelResult", cancelOk ? "SUCCESS" : "FAILURE");
        if (!cancelOk && mode.equals("STOP_ON_FAILURE")) {
            data.put("newOrderResult", "NOT_ATTEMPTED");
            data.set("cancelResponse", cancelResponse);
            data.putNull("newOrderResponse");
            throw new BinanceException(400, -2022, "Order cancel-replace failed.", data, -1);
        }
        ObjectNode newResponse;
        boolean newOk;
        try {
            newResponse = core.place(account, order);
            newOk = true;
        } catch (BinanceException e) {
            newResponse = BinanceCore.JSON.createObjectNode().put("code", e.code).put("msg", e.getMessage());
            newOk = false;
        }
        data.put("newOrderResult", newOk ? "SUCCESS" : "FAILURE");
        data.set("cancelResponse", cancelResponse);
        data.set("newOrderResponse", newResponse);
        if (cancelOk && newOk) {
            return data;
        }
        if (cancelOk || newOk) {
            throw new BinanceException(409, -2021, "Order cancel-replace partially failed.", data, -1);
        }
        throw new BinanceException(400, -2022, "Order cancel-replace failed.", data, -1);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        super.close();
    }
}
