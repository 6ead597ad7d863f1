package io.exchangebus.connectors.core.ws;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection attempt of a {@link WsConnection}: a fresh Java-WebSocket client (the library's clients are not
 * reusable), its timers, and the time anything was last read. The reader thread's callbacks only stamp activity and
 * pass on to the owner, which ignores them once this attempt is no longer current.
 */
final class WsSession implements WsSender {

    private static final Logger LOG = LoggerFactory.getLogger(WsSession.class);

    private final WsConnection owner;
    private final URI uri;
    private final int number;
    private final boolean textAsBytes;
    private Client client;
    /** Set on the timer thread once the open hook and resubscription are done; read by senders. */
    volatile boolean ready;
    /** Last read of anything (frame, ping, pong), by {@link System#nanoTime()}. */
    volatile long lastActivityNanos = System.nanoTime();
    final CountDownLatch socketClosed = new CountDownLatch(1);
    ScheduledFuture<?> connectTimer;
    ScheduledFuture<?> pingTimer;
    ScheduledFuture<?> heartbeatTimer;
    ScheduledFuture<?> watchdogTimer;

    /** @param textAsBytes text frames go to the owner as their UTF-8 bytes ({@link TextBytesDraft}) */
    WsSession(WsConnection owner, URI uri, int number, boolean textAsBytes) {
        this.owner = owner;
        this.uri = uri;
        this.number = number;
        this.textAsBytes = textAsBytes;
    }

    void connect(Map<String, String> headers, int connectTimeoutMillis) {
        client = new Client(uri, headers, connectTimeoutMillis);
        // Our watchdog replaces the library's lost-connection checker: millisecond bounds, one timer thread.
        client.setConnectionLostTimeout(0);
        client.setDaemon(true);
        client.setTcpNoDelay(true);
        client.connect();
    }

    @Override
    public Result<Boolean> send(String text) {
        try {
            client.send(text);
            return Result.ok(Boolean.TRUE);
        } catch (WebsocketNotConnectedException e) {
            return Result.err(ExchangeError.network(owner.name(), "socket not open"));
        }
    }

    void ping() {
        if (client.isOpen()) {
            try {
                client.sendPing();
            } catch (WebsocketNotConnectedException e) {
                // lost between the check and the ping; the close callback follows
            }
        }
    }

    void cancelTimers() {
        WsConnection.cancel(connectTimer);
        WsConnection.cancel(pingTimer);
        WsConnection.cancel(heartbeatTimer);
        WsConnection.cancel(watchdogTimer);
    }

    /** Cuts the socket without a close handshake: for a dead or silent peer that would not answer one. */
    void abort(String reason) {
        if (client != null) {
            try {
                client.closeConnection(CloseFrame.ABNORMAL_CLOSE, reason);
            } catch (RuntimeException e) {
                LOG.debug("ws {}: abort of attempt {} failed", owner.name(), number, e);
            }
            closeSocketQuietly();
        }
    }

    /** Starts a normal close handshake (1000). */
    void closeNormally() {
        if (client != null) {
            if (client.isOpen()) {
                client.close(CloseFrame.NORMAL, "client closing");
            } else {
                abort("client closing");
            }
        }
    }

    /** Unblocks a reader still in TCP connect or handshake. */
    private void closeSocketQuietly() {
        try {
            if (client.getSocket() != null) {
                client.getSocket().close();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // already closed
        }
    }

    /** A whole text frame's bytes, from {@link TextBytesDraft} on the reader thread. */
    private void textRead(byte[] utf8) {
        lastActivityNanos = System.nanoTime();
        owner.frameRead(this, utf8);
    }

    private final class Client extends WebSocketClient {

        Client(URI uri, Map<String, String> headers, int connectTimeoutMillis) {
            super(uri, textAsBytes ? new TextBytesDraft(WsSession.this::textRead) : new Draft_6455(), headers,
                    connectTimeoutMillis);
        }

        @Override
        public void run() {
            Thread.currentThread().setName("ws-" + owner.name() + "-read-" + number);
            super.run();
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            lastActivityNanos = System.nanoTime();
            owner.socketOpened(WsSession.this);
        }

        @Override
        public void onMessage(String text) {
            lastActivityNanos = System.nanoTime();
            owner.frameRead(WsSession.this, text);
        }

        @Override
        public void onMessage(ByteBuffer data) {
            lastActivityNanos = System.nanoTime();
            owner.frameRead(WsSession.this, data);
        }

        @Override
        public void onWebsocketPing(WebSocket conn, Framedata f) {
            lastActivityNanos = System.nanoTime();
            super.onWebsocketPing(conn, f);
        }

        @Override
        public void onWebsocketPong(WebSocket conn, Framedata f) {
            lastActivityNanos = System.nanoTime();
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            socketClosed.countDown();
            owner.socketClosed(WsSession.this, code, reason, remote);
        }

        @Override
        public void onError(Exception e) {
            // The close callback follows with the reason; the exception text may name the endpoint, so DEBUG.
            LOG.debug("ws {}: attempt {} error: {}", owner.name(), number, e.toString());
        }
    }
}
