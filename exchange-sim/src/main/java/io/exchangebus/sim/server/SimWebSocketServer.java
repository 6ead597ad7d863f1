package io.exchangebus.sim.server;

import io.exchangebus.sim.fault.FaultInjector;
import io.exchangebus.sim.fault.SequenceAction;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of an exchange simulator's WebSocket endpoint: listens on 127.0.0.1 (port 0: the system picks, see
 * {@link #port()}), records every received text frame with its time, and applies the {@link FaultInjector}'s
 * faults to what it sends. A subclass implements {@link #onFrame(WebSocket, String)} in the exchange's format and
 * answers with {@link #reply}, pushes with {@link #push} or, for frames that carry a sequence, {@link #pushSequenced}.
 *
 * <p>Threading: frames arrive on Java-WebSocket's worker thread ({@code onFrame} is called there, one connection's
 * frames in order). All outgoing frames pass through one sender thread, which keeps them in order per server
 * while the delay stays the same, and lets a delay hold replies without blocking reception.
 *
 * <p>Opening: Java-WebSocket writes its handshake answer before it registers the connection and calls
 * {@code onOpen}, so a client can see the connection open (and a test go on to push events or drop connections)
 * before the server would know it from {@code onOpen}. {@link #onConnected} is therefore called as the handshake is
 * accepted, before the answer is written: the connection is known before the client can use it. Frames pushed to it
 * before it is open wait for it to open (in order), a {@link #reject rejection} is carried out as it opens, and
 * {@link FaultInjector#dropConnections()} also drops the connections still opening, as they open.
 *
 * <p>Writing: Java-WebSocket's server (1.6.0) can leave a frame unsent. Its selector thread, having written a
 * connection's queue empty, sets the connection's interest back to read-only; a frame queued by another thread just
 * before that (with its request for write interest) is then stranded until the next frame for that connection. An
 * answer that ends an exchange — a {@code session.logon}, a subscription, an order status — would never arrive, and
 * the client wait forever. The sender thread therefore looks every {@value #FLUSH_SWEEP_MILLIS} ms for connections
 * holding queued frames without write interest and asks for it again.
 */
public abstract class SimWebSocketServer extends WebSocketServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimWebSocketServer.class);
    private static final String DROPPED = "dropped by fault injection";
    /** How long the sender waits for a connection still opening (it opens right after its handshake answer). */
    private static final long OPEN_WAIT_MILLIS = 2_000;
    /** How often stranded frames are looked for (see the class comment). */
    static final long FLUSH_SWEEP_MILLIS = 10;

    protected final FaultInjector faults;
    private final Clock clock;
    private final AtomicLong connectionIds = new AtomicLong();
    /** Appended per frame, copied when read (a copy-on-write list copied it all on each add). */
    private final Queue<ReceivedFrame> received = new ConcurrentLinkedQueue<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final ScheduledExecutorService sender;
    private final AutoCloseable dropRegistration;
    /** Connections whose handshake was accepted and that are not open yet, each with a latch released on open. */
    private final Map<WebSocket, CountDownLatch> opening = new ConcurrentHashMap<>();
    /** Connections that a drop caught while opening: closed as soon as they open. */
    private final Set<WebSocket> dropOnOpen = ConcurrentHashMap.newKeySet();
    /** Connections {@link #reject rejected} while opening, with the close frame to send as they open. */
    private final Map<WebSocket, Map.Entry<Integer, String>> rejected = new ConcurrentHashMap<>();

    protected SimWebSocketServer(FaultInjector faults, Clock clock) {
        this(faults, clock, 0);
    }

    /** Bound to {@code port} on loopback (0: the system picks a free one). */
    protected SimWebSocketServer(FaultInjector faults, Clock clock, int port) {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.faults = faults;
        this.clock = clock;
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, getClass().getSimpleName() + "-sender");
            t.setDaemon(true);
            return t;
        });
        this.dropRegistration = faults.onDropConnections(this::dropAll);
        sender.scheduleWithFixedDelay(this::flushStranded, FLUSH_SWEEP_MILLIS, FLUSH_SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
        setReuseAddr(true);
        // As an exchange's servers do: an answer written after an event on the same socket must not wait for the
        // client's delayed ACK of the event (Nagle's algorithm), 40 ms on Linux.
        setTcpNoDelay(true);
        setDaemon(true);
    }

    /** Starts and waits until the socket is bound. */
    public SimWebSocketServer startAndWait() {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("WebSocket server did not start in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
        return this;
    }

    /** The bound port (valid after {@link #startAndWait()}). */
    public int port() {
        return getPort();
    }

    /** {@code ws://127.0.0.1:port} followed by {@code path}. */
    public URI uri(String path) {
        return URI.create("ws://" + getAddress().getAddress().getHostAddress() + ":" + port() + path);
    }

    /** The clock frames are timed by. */
    protected Clock clock() {
        return clock;
    }

    /** Every text frame received so far, in arrival order. */
    public List<ReceivedFrame> received() {
        return List.copyOf(received);
    }

    /** Our id of a connection (1, 2, ... in order of opening). */
    public static long connectionId(WebSocket conn) {
        Long id = conn.getAttachment();
        return id == null ? 0 : id;
    }

    /** Handles one text frame in the exchange's format. */
    protected abstract void onFrame(WebSocket conn, String text);

    /**
     * Called when a connection's handshake is accepted, just before the client is told (so before the client can
     * send or expect anything on it): register it here. Frames pushed to it wait until it is open; to refuse it, call
     * {@link #reject}. The default does nothing.
     */
    protected void onConnected(WebSocket conn, ClientHandshake handshake) {
    }

    /**
     * Closes {@code conn} with {@code code} and {@code reason}: at once if it is open, else as soon as it opens (the
     * client sees it open, then closed with that code, as when an exchange refuses a stream after the upgrade).
     */
    protected void reject(WebSocket conn, int code, String reason) {
        if (opening.containsKey(conn)) {
            rejected.put(conn, Map.entry(code, reason));
        } else {
            conn.close(code, reason);
        }
    }

    /** Called when a connection closed, however; the default does nothing. */
    protected void onDisconnected(WebSocket conn, int code, String reason, boolean remote) {
    }

    /** An answer to a request: subject to the response delay and to a malformed-frame fault. */
    protected void reply(WebSocket conn, String frame) {
        enqueue(List.of(conn), frame, 1, faults.responseDelay(), null);
    }

    /**
     * The answer to a request of {@code method}: as {@link #reply(WebSocket, String)}, and also subject to the
     * faults on that method's answers ({@link FaultInjector#delayAnswersTo}, {@link FaultInjector#withholdAnswersTo}).
     */
    protected void reply(WebSocket conn, String frame, String method) {
        reply(conn, frame, method, null);
    }

    /**
     * As {@link #reply(WebSocket, String, String)}, then runs {@code afterSent} on the sender thread once the answer
     * is sent (or at once if it is withheld): frames it pushes follow the answer even when a delay holds the answer,
     * as a subscription's first snapshot follows its acknowledgement. Null: nothing to run.
     */
    protected void reply(WebSocket conn, String frame, String method, Runnable afterSent) {
        if (faults.answerWithheld(method)) {
            LOG.debug("answer to {} on connection {} withheld by fault injection", method, connectionId(conn));
            if (afterSent != null) {
                afterSent.run();
            }
            return;
        }
        enqueue(List.of(conn), frame, 1, faults.responseDelay().plus(faults.answerDelay(method)), afterSent);
    }

    /** A pushed frame (a stream update): subject to a malformed-frame fault, not to the response delay. */
    protected void push(WebSocket conn, String frame) {
        enqueue(List.of(conn), frame, 1, Duration.ZERO, null);
    }

    /**
     * A pushed frame that carries a sequence or update id: one skip or repeat fault applies to the frame for all
     * {@code conns} at once, as if the exchange itself had lost or resent it.
     */
    protected void pushSequenced(Collection<WebSocket> conns, String frame) {
        SequenceAction action = faults.nextSequenceAction();
        if (action != SequenceAction.SKIP) {
            enqueue(List.copyOf(conns), frame, action == SequenceAction.REPEAT ? 2 : 1, Duration.ZERO, null);
        }
    }

    /** Whether the exchange's own heartbeats should be answered now. */
    protected boolean answersHeartbeats() {
        return !faults.heartbeatsStopped();
    }

    private void enqueue(List<WebSocket> conns, String frame, int times, Duration delay, Runnable afterSent) {
        String out = faults.takeMalformedFrame() ? Frames.corrupt(frame) : frame;
        Runnable send = () -> {
            for (WebSocket conn : conns) {
                awaitOpen(conn);
                try {
                    for (int i = 0; i < times && conn.isOpen(); i++) {
                        conn.send(out);
                    }
                } catch (WebsocketNotConnectedException e) {
                    LOG.debug("connection {} closed before a frame could be sent", connectionId(conn));
                }
            }
            if (afterSent != null) {
                afterSent.run();
            }
        };
        if (!sender.isShutdown()) {
            sender.schedule(send, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Sender thread: a connection still opening is waited for (it opens right after its handshake answer is written),
     * so that a frame pushed as it was accepted is neither lost nor overtaken by a later one.
     */
    private static boolean awaitOpen(WebSocket conn, CountDownLatch opened) {
        try {
            if (opened.await(OPEN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return true;
            }
            LOG.warn("connection {} did not open within {} ms", connectionId(conn), OPEN_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void awaitOpen(WebSocket conn) {
        CountDownLatch opened = opening.get(conn);
        if (opened != null && !awaitOpen(conn, opened)) {
            opening.remove(conn, opened); // never opened: later frames do not wait for it again
        }
    }

    /**
     * Sender thread: asks again for write interest on every connection that holds queued frames without it (the
     * selector thread overwrote the request; see the class comment). Harmless when a write is merely under way.
     */
    private void flushStranded() {
        try {
            for (WebSocket conn : getConnections()) {
                if (conn.hasBufferedData() && conn instanceof WebSocketImpl impl) {
                    SelectionKey key = impl.getSelectionKey();
                    if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                        LOG.debug("connection {}: frames queued without write interest; asking for it again",
                                connectionId(conn));
                        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                        key.selector().wakeup();
                    }
                }
            }
        } catch (CancelledKeyException e) {
            // a connection closed meanwhile; the next sweep sees the others
        } catch (RuntimeException e) {
            LOG.warn("looking for stranded frames failed", e);
        }
    }

    /**
     * Drops every connection, including those the client may already see open but that are not open here yet:
     * those opening are marked first (closed as they open), then the open ones are closed. A connection that opens
     * between the two steps is among the open ones.
     */
    private void dropAll() {
        dropOnOpen.addAll(opening.keySet());
        for (WebSocket conn : new ArrayList<>(getConnections())) {
            conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, DROPPED);
        }
    }

    /** Worker thread: the handshake is accepted and its answer is about to be written. */
    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                       ClientHandshake request)
            throws InvalidDataException {
        ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        conn.setAttachment(connectionIds.incrementAndGet());
        opening.put(conn, new CountDownLatch(1));
        onConnected(conn, request);
        return response;
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata frame) {
        if (answersHeartbeats()) {
            super.onWebsocketPing(conn, frame);
        }
    }

    /** Worker thread, right after the handshake answer: the connection is open. */
    @Override
    public final void onOpen(WebSocket conn, ClientHandshake handshake) {
        CountDownLatch opened = opening.remove(conn);
        Map.Entry<Integer, String> rejection = rejected.remove(conn);
        if (dropOnOpen.remove(conn)) {
            conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, DROPPED);
        } else if (rejection != null) {
            conn.close(rejection.getKey(), rejection.getValue());
        }
        if (opened != null) {
            opened.countDown();
        }
    }

    @Override
    public final void onClose(WebSocket conn, int code, String reason, boolean remote) {
        CountDownLatch opened = opening.remove(conn);
        if (opened != null) {
            opened.countDown();
        }
        dropOnOpen.remove(conn);
        rejected.remove(conn);
        onDisconnected(conn, code, reason, remote);
    }

    @Override
    public final void onMessage(WebSocket conn, String message) {
        received.add(new ReceivedFrame(connectionId(conn), message, clock.instant()));
        onFrame(conn, message);
    }

    @Override
    public final void onMessage(WebSocket conn, ByteBuffer message) {
        LOG.debug("ignoring a binary frame of {} bytes on connection {}", message.remaining(), connectionId(conn));
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        LOG.warn("WebSocket error on connection {}", conn == null ? "-" : connectionId(conn), ex);
    }

    @Override
    public final void onStart() {
        started.countDown();
    }

    /** Stops listening, closes connections and the sender thread. */
    @Override
    public void close() {
        try {
            dropRegistration.close();
            stop(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("error while closing", e);
        } finally {
            sender.shutdownNow();
        }
    }
}
