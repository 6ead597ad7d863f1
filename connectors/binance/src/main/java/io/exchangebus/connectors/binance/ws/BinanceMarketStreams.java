package io.exchangebus.connectors.binance.ws;

import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.mapping.MarketMapping;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.ws.WsConnection;
import io.exchangebus.connectors.core.ws.WsHandler;
import io.exchangebus.connectors.core.ws.WsOpenHook;
import io.exchangebus.connectors.core.ws.WsSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The raw market-data client of one Binance family: combined-stream connections ({@code <streams>/stream}, frames
 * wrapped as {@code {"stream":…,"data":…}}) on which streams are added and removed live with
 * {@code {"method":"SUBSCRIBE","params":[…],"id":n}} and UNSUBSCRIBE.
 *
 * <ul>
 * <li>At most {@link BinanceConfig#streamsPerConnection()} streams a connection: a stream that finds every
 *     connection full opens a new one.</li>
 * <li>Each connection registers one {@link WsConnection#subscribe(String, java.util.function.Supplier) subscription}
 *     whose text is a SUBSCRIBE of every stream it carries at that moment, so a new socket gets all of them back in
 *     one frame; streams added or removed while connected are sent as small SUBSCRIBE/UNSUBSCRIBE frames.</li>
 * <li>Binance counts incoming messages per connection (spot 5/s, USD-M 10/s, pings and pongs included) and cuts a
 *     connection over the limit: our requests are paced per connection to one every {@link #requestInterval}
 *     (spot 300 ms, USD-M 150 ms); requests waiting meanwhile are merged into one frame.</li>
 * </ul>
 * Frames, overflows, connection events and drop counts go to the {@link Handler}: frames and overflows on the
 * connection's consumer thread, events and drop counts on its timer thread. Thread-safe.
 */
public final class BinanceMarketStreams implements AutoCloseable {

    /** Receives what the connections read, their states and their drops. */
    public interface Handler extends ConnectionListener {
        /**
         * One text frame read on {@code connection}, its UTF-8 bytes as they came off the socket, not decoded
         * (the library has checked they are UTF-8; the array is the handler's). Called on that connection's consumer
         * thread.
         */
        void onFrame(String connection, byte[] utf8);

        /**
         * Frames of {@code connection} were dropped because its hand-off queue was full: a gap, which its books
         * must resync from. Called on that connection's consumer thread, before the next frame.
         */
        void onOverflow(String connection, long dropped);

        /** A state change of a connection. Called on its timer thread; must not block. */
        @Override
        void onConnectionEvent(ConnectionEvent event);

        /** The same drops counted, for metrics: forward them. Called on the connection's timer thread. */
        @Override
        void onFramesDropped(FramesDropped event);
    }

    private final BinanceConfig config;
    private final Handler handler;
    private final UnaryOperator<WsSettings.Builder> tuning;
    private final Duration requestInterval;
    private final ScheduledExecutorService pacer;
    private final AtomicLong requestIds = new AtomicLong();
    private final List<Conn> connections = new ArrayList<>();
    private final Map<String, Conn> byStream = new ConcurrentHashMap<>();
    private boolean closed;

    /**
     * @param config  the family's endpoints and {@code streamsPerConnection}
     * @param handler receives frames and connection events
     * @param tuning  adjusts each connection's settings (timeouts, backoff), e.g. for tests; identity for defaults
     */
    public BinanceMarketStreams(BinanceConfig config, Handler handler, UnaryOperator<WsSettings.Builder> tuning) {
        this.config = Objects.requireNonNull(config, "config");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.requestInterval = requestInterval(config.venue());
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, config.exchange() + "-md-pacer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.pacer = executor;
    }

    /** Least time between two requests we send on one connection (below Binance's incoming-message limit). */
    public static Duration requestInterval(BinanceVenue venue) {
        return venue.wsRequestInterval();
    }

    /** The combined-stream endpoint on which streams are subscribed live: {@code <streams>/stream}. */
    public static URI endpoint(BinanceConfig config) {
        return URI.create(config.endpoints().streams() + "/stream");
    }

    /**
     * Opens the first connection (with no stream yet) and completes when it is connected, or with the error that
     * stopped it (closed before connecting).
     */
    public synchronized CompletableFuture<Result<Boolean>> start() {
        if (closed) {
            throw new IllegalStateException(config.exchange() + " market streams are closed");
        }
        Conn first = connections.isEmpty() ? open() : connections.get(0);
        return first.connection.start();
    }

    /**
     * Adds {@code stream} (e.g. {@code btcusdt@depth@100ms}) to a connection with room, opening one if all are
     * full; returns that connection's name. Adding a stream already added returns its connection.
     */
    public synchronized String subscribe(String stream) {
        Objects.requireNonNull(stream, "stream");
        if (closed) {
            throw new IllegalStateException(config.exchange() + " market streams are closed");
        }
        Conn existing = byStream.get(stream);
        if (existing != null) {
            return existing.name;
        }
        Conn conn = connections.stream().filter(c -> c.streams.size() < config.streamsPerConnection()).findFirst()
                .orElseGet(() -> {
                    Conn c = open();
                    c.connection.start();
                    return c;
                });
        byStream.put(stream, conn);
        conn.add(stream);
        return conn.name;
    }

    /** Removes {@code stream}; does nothing if it is not subscribed. */
    public synchronized void unsubscribe(String stream) {
        Conn conn = byStream.remove(stream);
        if (conn != null && !closed) {
            conn.remove(stream);
        }
    }

    /** The connection carrying {@code stream}, if subscribed. */
    public Optional<String> connectionOf(String stream) {
        return Optional.ofNullable(byStream.get(stream)).map(c -> c.name);
    }

    /** The streams a connection carries now. */
    public synchronized Set<String> streamsOf(String connection) {
        return connections.stream().filter(c -> c.name.equals(connection)).findFirst()
                .map(c -> Set.copyOf(c.streams)).orElse(Set.of());
    }

    /** How many connections are open. */
    public synchronized int connectionCount() {
        return connections.size();
    }

    /** Whether {@code connection} is CONNECTED now. */
    public synchronized boolean isConnected(String connection) {
        return connections.stream().anyMatch(c -> c.name.equals(connection)
                && c.connection.state() == ConnectionState.CONNECTED);
    }

    /** Closes every connection; idempotent. */
    @Override
    public void close() {
        List<Conn> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = List.copyOf(connections);
        }
        pacer.shutdownNow();
        toClose.forEach(c -> c.connection.close());
    }

    private Conn open() {
        String name = config.exchange() + "-md-" + (connections.size() + 1);
        WsSettings settings = tuning.apply(WsSettings.builder(name, endpoint(config))).build();
        Conn conn = new Conn(name);
        conn.connection = new WsConnection(settings,
                new FrameBytes(name, handler),
                handler, WsOpenHook.NONE);
        connections.add(conn);
        return conn;
    }

    /** One connection and the streams it carries. */
    private final class Conn {
        final String name;
        WsConnection connection;
        /** Streams on this connection, in subscription order. Guarded by the outer instance. */
        final Set<String> streams = new LinkedHashSet<>();
        /** Streams to SUBSCRIBE and UNSUBSCRIBE with the next paced request. Guarded by the outer instance. */
        final Set<String> toAdd = new LinkedHashSet<>();
        final Set<String> toRemove = new LinkedHashSet<>();
        long lastRequestNanos = System.nanoTime() - requestInterval.toNanos();
        boolean flushScheduled;
        boolean registered;

        Conn(String name) {
            this.name = name;
        }

        void add(String stream) {
            streams.add(stream);
            if (!toRemove.remove(stream)) {
                toAdd.add(stream);
            }
            if (!registered) {
                // one remembered subscription: everything this connection carries, resent as one frame
                registered = true;
                connection.subscribe("streams", this::subscribeAll);
                toAdd.clear(); // sent by the registration if connected, else on connecting
                lastRequestNanos = System.nanoTime();
                return;
            }
            scheduleFlush();
        }

        void remove(String stream) {
            streams.remove(stream);
            if (!toAdd.remove(stream)) {
                toRemove.add(stream);
            }
            if (streams.isEmpty() && registered) {
                // nothing left to resend on a new socket (an empty SUBSCRIBE would be refused)
                registered = false;
                connection.unsubscribe("streams", null);
            }
            scheduleFlush();
        }

        private String subscribeAll() {
            synchronized (BinanceMarketStreams.this) {
                toAdd.clear();
                lastRequestNanos = System.nanoTime();
                return MarketMapping.request("SUBSCRIBE", List.copyOf(streams), requestIds.incrementAndGet());
            }
        }

        private void scheduleFlush() {
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
            long wait = Math.max(0, lastRequestNanos + requestInterval.toNanos() - System.nanoTime());
            pacer.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
        }

        private void flush() {
            synchronized (BinanceMarketStreams.this) {
                flushScheduled = false;
                if (closed) {
                    return;
                }
                if (System.nanoTime() - lastRequestNanos < requestInterval.toNanos()) {
                    scheduleFlush(); // the full set went out meanwhile (a new socket): wait the interval again
                    return;
                }
                // one request per interval: removals first (they free Binance's per-connection count), then adds
                Set<String> batch = !toRemove.isEmpty() ? toRemove : toAdd;
                if (batch.isEmpty()) {
                    return;
                }
                String method = batch == toRemove ? "UNSUBSCRIBE" : "SUBSCRIBE";
                String text = MarketMapping.request(method, List.copyOf(batch), requestIds.incrementAndGet());
                batch.clear();
                lastRequestNanos = System.nanoTime();
                // if not connected now, the next socket gets the whole set from subscribeAll()
                connection.send(text);
                if (!toAdd.isEmpty() || !toRemove.isEmpty()) {
                    scheduleFlush();
                }
            }
        }
    }

    /** A connection's frames to the handler as bytes ({@link WsHandler#readsTextAsBytes()}). */
    private record FrameBytes(String name, Handler handler) implements WsHandler {
        @Override
        public boolean readsTextAsBytes() {
            return true;
        }

        @Override
        public void onText(byte[] utf8) {
            handler.onFrame(name, utf8);
        }

        @Override
        public void onMessage(String text) {
            handler.onFrame(name, text.getBytes(StandardCharsets.UTF_8)); // a fragmented message, put together
        }

        @Override
        public void onOverflow(long dropped) {
            handler.onOverflow(name, dropped);
        }
    }
}
