package io.exchangebus.connectors.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.mapping.MappingContext;
import io.exchangebus.connectors.binance.ws.BinanceUserDataStream;
import io.exchangebus.connectors.binance.ws.BinanceWsApiClient;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms.Listener;
import io.exchangebus.connectors.core.ws.WsSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link BinanceOms} opens on connect: the server-clock sync (then every {@link BinanceOms#CLOCK_RESYNC}),
 * the instruments if the registry is empty, the WebSocket API client and the user-data stream. A connect that fails
 * closes what it opened, so that a later one starts afresh.
 */
final class OmsSession {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceOms.class);

    private final BinanceOms oms;
    private final BinanceConfig config;
    private final BinanceRestClient rest;
    private final InstrumentRegistry instruments;
    private final MappingContext recovery;
    private final Supplier<Listener> listener;
    private final ScheduledExecutorService scheduler;
    private boolean clockResyncScheduled;
    private volatile BinanceWsApiClient ws;
    private volatile OmsUserData userData;
    /** USD-M: how often the user-data listenKey is kept alive; set before connecting. */
    volatile Duration userDataKeepAlive = BinanceUserDataStream.DEFAULT_KEEP_ALIVE;
    /** Adjusts the WebSocket API connection's settings; set before connecting. */
    volatile UnaryOperator<WsSettings.Builder> wsTuning = UnaryOperator.identity();

    OmsSession(BinanceOms oms, BinanceConfig config, BinanceRestClient rest, InstrumentRegistry instruments,
               MappingContext recovery, Supplier<Listener> listener) {
        this.oms = oms;
        this.config = config;
        this.rest = rest;
        this.instruments = instruments;
        this.recovery = recovery;
        this.listener = listener;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, config.exchange() + "-oms-clock");
            t.setDaemon(true);
            return t;
        });
    }

    /** The WebSocket API client once connected (null before, and after a failed connect). */
    BinanceWsApiClient ws() {
        return ws;
    }

    /** The user-data side once connected (null before, and after a failed connect). */
    OmsUserData userData() {
        return userData;
    }

    /** Syncs the clock, loads the instruments if needed, then opens the WebSocket API and the user-data stream. */
    CompletableFuture<Result<Void>> open(Listener listener) {
        return rest.clock().sync(3).thenCompose(synced -> {
            if (!synced.isOk()) {
                return CompletableFuture.completedFuture(Result.<Void>err(synced.error()));
            }
            return loadInstrumentsIfEmpty();
        }).thenCompose(loaded -> {
            if (!loaded.isOk()) {
                return CompletableFuture.completedFuture(loaded);
            }
            return openSockets(listener);
        });
    }

    private CompletableFuture<Result<Void>> openSockets(Listener listener) {
        Duration handshake = BinanceOms.WS_HANDSHAKE_TIMEOUT.plus(config.requestTimeout());
        WsSettings settings = wsTuning.apply(WsSettings.builder(config.exchange() + "-ws-api",
                config.endpoints().wsApi()).connectTimeout(handshake)).build();
        BinanceWsApiClient client = new BinanceWsApiClient(config, rest.clock(), settings, listener,
                this::onWsEvent, this::onWsOverflow);
        this.ws = client;
        scheduleClockResync();
        OmsUserData stream = new OmsUserData(oms, config, rest, instruments, recovery, userDataKeepAlive);
        this.userData = stream;
        return client.start().thenCompose(r -> r.isOk() ? stream.start(client, listener)
                : CompletableFuture.completedFuture(Result.<Void>err(r.error())))
                .thenApply(r -> {
                    if (!r.isOk()) {
                        disconnect(client, stream, r.error());
                    }
                    return r;
                });
    }

    private synchronized void scheduleClockResync() {
        if (!clockResyncScheduled) {
            clockResyncScheduled = true;
            scheduler.scheduleWithFixedDelay(() -> rest.clock().sync(3), BinanceOms.CLOCK_RESYNC.toMillis(),
                    BinanceOms.CLOCK_RESYNC.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A connect that failed: closes its stream and client, so that nothing keeps reconnecting behind the error. */
    private void disconnect(BinanceWsApiClient client, OmsUserData stream, ExchangeError error) {
        LOG.warn("{}: OMS could not connect: {}", config.exchange(), error);
        if (userData == stream) {
            userData = null;
        }
        if (ws == client) {
            ws = null;
        }
        stream.close();
        client.close();
    }

    private CompletableFuture<Result<Void>> loadInstrumentsIfEmpty() {
        if (instruments.size() > 0) {
            return CompletableFuture.completedFuture(Result.ok());
        }
        return ExchangeInfo.fetch(rest, config.venue()).thenApply(r -> r.flatMap(mapped -> {
            instruments.replaceAll(mapped.instruments());
            return Result.ok();
        }));
    }

    /** Frames on the WebSocket API connection that answer no request of ours. */
    private void onWsEvent(JsonNode frame, String raw) {
        OmsUserData stream = userData;
        if (stream != null && stream.accept(frame, raw)) {
            return;
        }
        Listener l = listener.get();
        if (frame.isMissingNode() && l != null) {
            l.onMalformedFrame(new MalformedFrame(config.exchange(), "ws-api", raw, "not JSON", Instant.now()));
        }
    }

    /**
     * Frames of the WebSocket API were dropped: the client has failed every pending request as of unknown outcome
     * (the caller asks, as after a lost socket); order events may be lost too, so the user-data side recovers the
     * orders over REST.
     */
    private void onWsOverflow(long dropped) {
        OmsUserData stream = userData;
        if (stream != null) {
            stream.overflowed(dropped);
        }
    }

    /** Stops the clock resync and closes the user-data stream and the WebSocket API client. */
    void close() {
        scheduler.shutdownNow();
        OmsUserData stream = userData;
        if (stream != null) {
            stream.close();
        }
        BinanceWsApiClient client = ws;
        if (client != null) {
            client.close();
        }
    }
}
