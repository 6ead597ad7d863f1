package io.exchangebus.connectors.core.ws;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A real WebSocket server on 127.0.0.1 for the transport's tests, with hooks to drop connections, go silent (no
 * frames, no pongs, TCP kept open) and see what clients sent. Answers a text starting with "login" with
 * "login-ok", for the open-hook test, and every text through a {@link Responder} if a test sets one (the JSON-RPC
 * tests script their server so). Ports are chosen by the OS; a restart may reuse one. Public for the tests of the
 * clients built on the transport ({@code core.rpc}).
 */
public final class LoopbackWsServer extends WebSocketServer {

    /** One text frame a client sent, with the number of the connection (from 1) it came on. */
    public record Received(int connection, String text) {
    }

    /** Answers what a client sent; called on the server's thread, for every text frame. */
    @FunctionalInterface
    public interface Responder {
        /** @param connection its number, from 1 @param text what the client sent @param reply sends on it */
        void onText(int connection, String text, Consumer<String> reply);
    }

    private volatile Responder responder = (connection, text, reply) -> { };

    private final CountDownLatch started = new CountDownLatch(1);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger opens = new AtomicInteger();
    private final AtomicInteger pingsReceived = new AtomicInteger();
    private final AtomicInteger pongsReceived = new AtomicInteger();
    private final Set<WebSocket> silent = ConcurrentHashMap.newKeySet();
    private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

    private LoopbackWsServer(int port) {
        super(new InetSocketAddress("127.0.0.1", port));
        setReuseAddr(true);
        setDaemon(true);
        // The client's own pings are what the tests watch; the server pings only when a test asks.
        setConnectionLostTimeout(0);
    }

    /** Starts a server on {@code port} (0: any free port) and waits until it is bound. */
    public static LoopbackWsServer startOn(int port) throws InterruptedException {
        LoopbackWsServer server = new LoopbackWsServer(port);
        server.start();
        if (!server.started.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server did not start");
        }
        return server;
    }

    public String uri() {
        return "ws://127.0.0.1:" + getPort() + "/ws";
    }

    /**
     * Makes every open connection silent: no frames sent, no pings answered, TCP kept open. Connections opened
     * later behave normally.
     */
    public void goSilent() {
        silent.addAll(getConnections());
    }

    /** Cuts every connection at the TCP level, without a close handshake. */
    public void dropAll() {
        for (WebSocket conn : getConnections()) {
            conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by test");
        }
    }

    /** Sends {@code text} to every open connection that is not silent. */
    public void sendToAll(String text) {
        for (WebSocket conn : getConnections()) {
            if (conn.isOpen() && !silent.contains(conn)) {
                conn.send(text);
            }
        }
    }

    /** Sends {@code parts} as one text message in as many frames (a fragmented message) to every open connection. */
    public void sendFragmentedToAll(String... parts) {
        for (WebSocket conn : getConnections()) {
            if (conn.isOpen() && !silent.contains(conn)) {
                for (int i = 0; i < parts.length; i++) {
                    conn.sendFragmentedFrame(org.java_websocket.enums.Opcode.TEXT,
                            java.nio.ByteBuffer.wrap(parts[i].getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            i == parts.length - 1);
                }
            }
        }
    }

    /** Pings every open connection (the client must answer with a pong). */
    void pingAll() {
        for (WebSocket conn : getConnections()) {
            if (conn.isOpen()) {
                conn.sendPing();
            }
        }
    }

    /** True once everything queued for every connection has been written to the socket. */
    boolean allSent() {
        return getConnections().stream().noneMatch(WebSocket::hasBufferedData);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<String> receivedOn(int connection) {
        return received.stream().filter(r -> r.connection() == connection).map(Received::text).toList();
    }

    /** Close codes of connections that ended, in order. */
    List<Integer> closeCodes() {
        return List.copyOf(closeCodes);
    }

    public int opens() {
        return opens.get();
    }

    int pingsReceived() {
        return pingsReceived.get();
    }

    int pongsReceived() {
        return pongsReceived.get();
    }

    /** Answers every later text frame through {@code responder}. */
    public void respondWith(Responder responder) {
        this.responder = responder;
    }

    public void stopNow() throws InterruptedException {
        stop(1000);
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        conn.setAttachment(opens.incrementAndGet());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(new Received(conn.<Integer>getAttachment(), message));
        if (message.startsWith("login")) {
            conn.send("login-ok");
        }
        responder.onText(conn.<Integer>getAttachment(), message, reply -> {
            if (conn.isOpen()) {
                conn.send(reply);
            }
        });
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata f) {
        pingsReceived.incrementAndGet();
        if (!silent.contains(conn)) {
            super.onWebsocketPing(conn, f);
        }
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        pongsReceived.incrementAndGet();
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        closeCodes.add(code);
        silent.remove(conn);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }
}
