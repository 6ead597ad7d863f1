package io.exchangebus.sim.binance;

import io.exchangebus.sim.fault.FaultInjector;
import io.exchangebus.sim.server.SimWebSocketServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance's WebSocket side on one port, routed by the handshake path: market streams ({@code /ws/<stream>},
 * {@code /stream?streams=a/b}, see {@link StreamRequests} and {@link MarketStreams}), the WebSocket API
 * ({@link WsApi}) and, on USDⓈ-M, user-data streams ({@code /ws/<listenKey>}).
 */
final class BinanceWsServer extends SimWebSocketServer {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceWsServer.class);

    private final BinanceCore core;
    private final ListenKeys listenKeys;
    private final int streamLimit;
    private final String apiPath;
    private final Map<WebSocket, WsConn> conns = new ConcurrentHashMap<>();
    private final StreamRequests streamRequests;
    private final MarketStreams marketStreams;
    private final WsApi api;
    private final ScheduledExecutorService ticker;

    BinanceWsServer(BinanceCore core, ListenKeys listenKeys, int port, int streamLimit) {
        super(core.sim.faults(), core.clock, port);
        this.core = core;
        this.listenKeys = listenKeys;
        this.streamLimit = streamLimit;
        this.apiPath = core.venue.wsApiPath();
        setConnectionLostTimeout(core.venue.pingSeconds());
        this.streamRequests = new StreamRequests(this, streamLimit);
        this.marketStreams = new MarketStreams(core, this);
        this.api = new WsApi(core, this, listenKeys);
        core.sim.addListener(marketStreams::onMarketEvent);
        core.sink = core.venue.userData(this, listenKeys);
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

    Map<WebSocket, WsConn> connections() {
        return conns;
    }

    FaultInjector faults() {
        return faults;
    }

    /** Pushes an unsolicited frame (stream data, events). */
    void send(WebSocket conn, String frame) {
        push(conn, frame);
    }

    /** Answers a request. */
    void answer(WebSocket conn, String frame) {
        reply(conn, frame);
    }

    /** Answers a WebSocket-API request (the framework's faults may act per method). */
    void answer(WebSocket conn, String frame, String method) {
        reply(conn, frame, method);
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
            conns.put(conn, new WsConn(WsConn.Kind.API, now));
        } else if (path.equals("/ws") || path.equals("/ws/")) {
            conns.put(conn, new WsConn(WsConn.Kind.STREAM, now));
        } else if (path.startsWith("/ws/")) {
            onRawPath(conn, path.substring(4), now);
        } else if (path.equals("/stream") || path.equals("/stream/")) {
            onCombinedPath(conn, query, now);
        } else {
            reject(conn, CloseFrame.POLICY_VALIDATION, "Unknown path " + path);
        }
    }

    /** {@code /ws/<stream>}, or on USDⓈ-M {@code /ws/<listenKey>}. */
    private void onRawPath(WebSocket conn, String name, long now) {
        if (core.venue.listenKeyPaths() && !name.contains("@")) {
            ListenKeys.Key key = listenKeys.byValue(name);
            if (key == null || key.expired) {
                reject(conn, CloseFrame.POLICY_VALIDATION, "Invalid listenKey");
                return;
            }
            WsConn c = new WsConn(WsConn.Kind.USER, now);
            c.listenKey = name;
            conns.put(conn, c);
            return;
        }
        WsConn c = new WsConn(WsConn.Kind.STREAM, now);
        c.streams.add(name);
        conns.put(conn, c);
    }

    private void onCombinedPath(WebSocket conn, String query, long now) {
        WsConn c = new WsConn(WsConn.Kind.STREAM, now);
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
    }

    @Override
    protected void onDisconnected(WebSocket conn, int code, String reason, boolean remote) {
        conns.remove(conn);
    }

    @Override
    protected void onFrame(WebSocket conn, String text) {
        WsConn c = conns.get(conn);
        if (c == null) {
            return;
        }
        try {
            switch (c.kind) {
                // A listenKey stream takes the same live-subscription requests as a market stream.
                case STREAM, USER -> streamRequests.onRequest(conn, c, text);
                case API -> api.onRequest(conn, c, text);
            }
        } catch (RuntimeException e) {
            LOG.error("WebSocket request failed: {}", text, e);
        }
    }

    /** Partial depth on its schedule, and listenKey expiry. */
    private void tick() {
        try {
            marketStreams.tick(System.currentTimeMillis());
            for (ListenKeys.Key key : listenKeys.expireDue()) {
                String frame = BinanceCore.JSON.createObjectNode().put("e", "listenKeyExpired")
                        .put("E", Long.toString(core.now())).put("listenKey", key.value).toString();
                for (Map.Entry<WebSocket, WsConn> e : conns.entrySet()) {
                    if (e.getValue().kind == WsConn.Kind.USER && key.value.equals(e.getValue().listenKey)) {
                        push(e.getKey(), frame);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("ticker failed", e);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        super.close();
    }
}
