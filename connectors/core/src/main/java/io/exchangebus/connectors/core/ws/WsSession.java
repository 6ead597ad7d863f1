package io.exchangebus.connectors.core.ws;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * reusable) and the time anything was last read. The reader thread's callbacks only stamp activity and pass on to
 * the {@link SocketEvents}, which ignore them once this attempt is no longer current.
 */
final class WsSession implements AttemptSocket {

    private static final Logger LOG = LoggerFactory.getLogger(WsSession.class);

    /** What the socket's reader thread reports. */
    interface SocketEvents {

        /** The handshake completed. */
        void opened(WsSession s);

        /** A data frame: text as a String or its UTF-8 bytes, binary as a ByteBuffer. */
        void frameRead(WsSession s, Object frame);

        /** The socket closed, from either side, or never opened. */
        void closed(WsSession s, int code, String reason, boolean remote);
    }

    private final SocketEvents events;
    private final WsSettings settings;
    private final int number;
    private final boolean textAsBytes;
    private Client client;
    /** Last read of anything (frame, ping, pong), by {@link System#nanoTime()}. */
    private volatile long lastActivityNanos = System.nanoTime();
    private final CountDownLatch socketClosed = new CountDownLatch(1);

    /** @param textAsBytes text frames go to {@code events} as their UTF-8 bytes ({@link TextBytesDraft}) */
    WsSession(SocketEvents events, WsSettings settings, int number, boolean textAsBytes) {
        this.events = events;
        this.settings = settings;
        this.number = number;
        this.textAsBytes = textAsBytes;
    }

    /** Asks for this attempt's handshake headers (which may throw) and starts connecting. */
    @Override
    public void connect() {
        int connectTimeoutMillis = (int) settings.connectTimeout().toMillis();
        client = new Client(settings.uri(), settings.handshakeHeaders().get(), connectTimeoutMillis);
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
            return Result.err(ExchangeError.network(settings.name(), "socket not open"));
        }
    }

    @Override
    public void ping() {
        if (client.isOpen()) {
            try {
                client.sendPing();
            } catch (WebsocketNotConnectedException e) {
                // lost between the check and the ping; the close callback follows
            }
        }
    }

    @Override
    public long lastActivityNanos() {
        return lastActivityNanos;
    }

    @Override
    public boolean awaitClosed(long millis) throws InterruptedException {
        return socketClosed.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void abort(String reason) {
        if (client != null) {
            try {
                client.closeConnection(CloseFrame.ABNORMAL_CLOSE, reason);
            } catch (RuntimeException e) {
                LOG.debug("ws {}: abort of attempt {} failed", settings.name(), number, e);
            }
            closeSocketQuietly();
        }
    }

    @Override
    public void closeNormally() {
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
        events.frameRead(this, utf8);
    }

    private final class Client extends WebSocketClient {

        Client(URI uri, Map<String, String> headers, int connectTimeoutMillis) {
            super(uri, textAsBytes ? new TextBytesDraft(WsSession.this::textRead) : new Draft_6455(), headers,
                    connectTimeoutMillis);
        }

        @Override
        public void run() {
            Thread.currentThread().setName("ws-" + settings.name() + "-read-" + number);
            super.run();
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            lastActivityNanos = System.nanoTime();
            events.opened(WsSession.this);
        }

        @Override
        public void onMessage(String text) {
            lastActivityNanos = System.nanoTime();
            events.frameRead(WsSession.this, text);
        }

        @Override
        public void onMessage(ByteBuffer data) {
            lastActivityNanos = System.nanoTime();
            events.frameRead(WsSession.this, data);
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
            events.closed(WsSession.this, code, reason, remote);
        }

        @Override
        public void onError(Exception e) {
            // The close callback follows with the reason; the exception text may name the endpoint, so DEBUG.
            LOG.debug("ws {}: attempt {} error: {}", settings.name(), number, e.toString());
        }
    }
}
