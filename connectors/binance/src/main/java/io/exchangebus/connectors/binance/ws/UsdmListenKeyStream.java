package io.exchangebus.connectors.binance.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.binance.auth.WsApiSigning;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.mapping.UserDataMapping;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.connectors.core.ws.WsConnection;
import io.exchangebus.connectors.core.ws.WsHandler;
import io.exchangebus.connectors.core.ws.WsOpenHook;
import io.exchangebus.connectors.core.ws.WsSettings;
import io.exchangebus.events.ErrorKind;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USD-M user data with a listenKey: the key's raw stream, a keep-alive PUT every {@code keepAlive}, renewal when the key
 * or the stream is lost, DELETE on close; see {@link BinanceUserDataStream}.
 */
final class UsdmListenKeyStream extends UserDataSession {

    private final BinanceRestClient rest;
    private final WsSettings streamSettings;
    private final Duration keepAlive;
    private final ScheduledExecutorService timer;
    private volatile String listenKey;
    private volatile WsConnection stream;
    private ScheduledFuture<?> keepAliveTask;
    private boolean renewing;
    /** Renewals since the last CONNECTED: each waits longer (250 ms doubling, at most 30 s). Timer thread. */
    private volatile int failedRenewals;

    UsdmListenKeyStream(BinanceConfig config, BinanceRestClient rest, WsSettings streamSettings, Duration keepAlive,
                        ConnectionListener listener, BinanceUserDataStream.Handler handler) {
        super(config, listener, handler);
        this.rest = rest;
        this.streamSettings = streamSettings;
        this.keepAlive = keepAlive;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, config.exchange() + "-user-data");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    @Override
    CompletableFuture<Result<Void>> start() {
        timer.execute(() -> openWithNewKey(null));
        return started;
    }

    @Override
    BinanceWsApiClient wsApi() {
        return null;
    }

    /** USD-M has no WebSocket API user data: no frame is its. */
    @Override
    boolean accept(JsonNode frame, String raw) {
        return false;
    }

    /** The listenKey stream reports its own overflows (see {@link #openWithNewKey}). */
    @Override
    void overflowed(long dropped) {
    }

    private String path() {
        return config.venue().restPrefix() + "/listenKey";
    }

    /** Timer thread: asks for a key, opens its stream, reports {@code gapReason} once CONNECTED (null: first start). */
    private void openWithNewKey(String gapReason) {
        if (closed.get()) {
            return;
        }
        renewing = true;
        Result<JsonNode> answer = rest.call(rest.withApiKey(HttpCall.post(path()))).join();
        if (closed.get()) {
            return;
        }
        if (!answer.isOk() || !answer.value().path("listenKey").isTextual()) {
            String why = answer.isOk() ? "no listenKey in the answer" : answer.error().toString();
            boolean permanent = answer.isOk() || !answer.error().retryable();
            // A first start refused for the address's request weight fails at once: the owner retries its whole
            // connection with its own backoff, rather than wait on a key the exchange will not give for a while.
            boolean rateLimited = !answer.isOk() && answer.error().kind() == ErrorKind.RATE_LIMITED;
            if (gapReason == null && !started.isDone() && (permanent || rateLimited)) {
                LOG.warn("{}: could not get a listenKey ({}); the start fails", config.exchange(), why);
                started.complete(Result.err(answer.isOk() ? ExchangeError.network(config.exchange(), why)
                        : answer.error()));
                return;
            }
            LOG.warn("{}: could not get a listenKey ({}); retrying in {} ms", config.exchange(), why,
                    RETRY_DELAY.toMillis());
            timer.schedule(() -> openWithNewKey(gapReason), RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        String key = answer.value().get("listenKey").asText();
        listenKey = key;
        LOG.info("{}: user data stream on listenKey {}", config.exchange(), BinanceUserDataStream.mask(key));
        WsConnection[] holder = new WsConnection[1];
        AtomicBoolean gapReported = new AtomicBoolean(gapReason == null);
        WsConnection connection = new WsConnection(withUri(streamSettings, config.endpoints().rawStream(key)),
                new WsHandler() {
                    @Override
                    public void onMessage(String text) {
                        onStreamFrame(holder[0], text);
                    }

                    @Override
                    public void onOverflow(long dropped) {
                        LOG.warn("{}: {} frames dropped on the user data stream; recovering the account state",
                                config.exchange(), dropped);
                        handler.onGap(dropped + " user data frames dropped: the handler was too slow");
                    }
                },
                new ConnectionListener() {
                    @Override
                    public void onConnectionEvent(ConnectionEvent event) {
                        onStreamState(holder[0], event, gapReason, gapReported);
                    }

                    @Override
                    public void onFramesDropped(FramesDropped event) {
                        listener.onFramesDropped(event);
                    }
                }, WsOpenHook.NONE);
        holder[0] = connection;
        stream = connection;
        renewing = false;
        connection.start();
        if (keepAliveTask == null) {
            keepAliveTask = timer.scheduleAtFixedRate(this::keepAlive, keepAlive.toNanos(), keepAlive.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void onStreamState(WsConnection source, ConnectionEvent event, String gapReason, AtomicBoolean gapReported) {
        if (source != stream) {
            return; // a replaced connection: its DISCONNECTED was reported when it was replaced, its CLOSED is ours
        }
        listener.onConnectionEvent(event);
        if (event.state() == ConnectionState.CONNECTED) {
            failedRenewals = 0;
            started.complete(Result.ok());
            if (gapReported.compareAndSet(false, true)) {
                handler.onGap(gapReason);
            }
        } else if (event.state() == ConnectionState.DISCONNECTED && !closed.get()) {
            String reason = "user data stream dropped: " + event.reason();
            timer.execute(() -> {
                if (stream == source) {
                    renewAfterLoss(source, reason);
                }
            });
        }
    }

    private void onStreamFrame(WsConnection source, String text) {
        if (source != stream || closed.get()) {
            return;
        }
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            handler.onEvent(MissingNode.getInstance(), text);
            return;
        }
        JsonNode event = UserDataMapping.unwrap(frame);
        if ("listenKeyExpired".equals(event.path("e").asText())) {
            // The docs' example carries the key: it is not the current one only if we already renewed.
            String expired = event.path("listenKey").asText(null);
            if (expired == null || expired.equals(listenKey)) {
                timer.execute(() -> {
                    if (stream == source) {
                        renew("listenKey expired");
                    }
                });
            }
        }
        handler.onEvent(event.isMissingNode() ? frame : event, text);
    }

    private void keepAlive() {
        String key = listenKey;
        if (closed.get() || key == null || renewing) {
            return;
        }
        Result<JsonNode> answer = rest.call(rest.withApiKey(HttpCall.put(path()))).join();
        if (answer.isOk()) {
            LOG.debug("{}: listenKey {} kept alive", config.exchange(), BinanceUserDataStream.mask(key));
            return;
        }
        ExchangeError error = answer.error();
        if ("-1125".equals(error.code())) {
            renew("keep-alive refused: the listenKey does not exist (-1125)");
        } else {
            LOG.warn("{}: keep-alive of listenKey {} failed ({}); retrying in {} ms", config.exchange(), BinanceUserDataStream.mask(key),
                    error.kind(), RETRY_DELAY.toMillis());
            timer.schedule(this::keepAlive, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Timer thread: the current stream is useless (key gone): report it lost, replace it. */
    private void renew(String reason) {
        WsConnection old = stream;
        if (old != null && old.state() == ConnectionState.CONNECTED) {
            listener.onConnectionEvent(new ConnectionEvent(streamSettings.name(), ConnectionState.DISCONNECTED, reason,
                    0, Instant.now()));
        }
        renewAfterLoss(old, reason);
    }

    private void renewAfterLoss(WsConnection old, String reason) {
        if (closed.get()) {
            return;
        }
        LOG.warn("{}: renewing the user data stream: {}", config.exchange(), reason);
        stream = null;
        if (old != null) {
            old.close();
        }
        int failures = failedRenewals++;
        if (failures == 0) {
            openWithNewKey(reason);
        } else {
            long delay = Math.min(30_000L, 250L << Math.min(failures - 1, 7));
            renewing = true;
            timer.schedule(() -> openWithNewKey(reason), delay, TimeUnit.MILLISECONDS);
        }
    }

    private static WsSettings withUri(WsSettings s, URI uri) {
        return new WsSettings(s.name(), uri, s.handshakeHeaders(), s.connectTimeout(), s.pingInterval(),
                s.appHeartbeat(), s.appHeartbeatInterval(), s.silenceTimeout(), s.backoff(), s.healthyPeriod(),
                s.handOffCapacity(), s.overflowPolicy());
    }

    @Override
    void release() {
        timer.shutdownNow();
        WsConnection current = stream;
        if (current != null) {
            current.close();
        }
        if (listenKey != null) {
            try {
                rest.call(rest.withApiKey(HttpCall.delete(path()))).get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("{}: closing the listenKey failed: {}", config.exchange(), e.toString());
            }
        }
        listener.onConnectionEvent(new ConnectionEvent(streamSettings.name(), ConnectionState.CLOSED, null, 0,
                Instant.now()));
    }
}
