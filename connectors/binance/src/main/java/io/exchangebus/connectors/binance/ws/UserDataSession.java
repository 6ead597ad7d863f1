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
 * What the two families' user-data streams share: the owner's handler and listener, the start future and the closed
 * flag. {@link BinanceUserDataStream} is the public face; the families differ in how the stream is kept (spot:
 * {@link SpotUserDataSubscription}, USD-M: {@link UsdmListenKeyStream}).
 */
abstract class UserDataSession {

    /** Logs under the public class's name, as before the split. */
    static final Logger LOG = LoggerFactory.getLogger(BinanceUserDataStream.class);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    final BinanceConfig config;
    final BinanceUserDataStream.Handler handler;
    final ConnectionListener listener;
    final CompletableFuture<Result<Void>> started = new CompletableFuture<>();
    final AtomicBoolean closed = new AtomicBoolean();

    UserDataSession(BinanceConfig config, ConnectionListener listener, BinanceUserDataStream.Handler handler) {
        this.config = Objects.requireNonNull(config, "config");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.listener = listener == null ? e -> { } : listener;
    }

    /** Starts; the future completes when the stream is first live. */
    abstract CompletableFuture<Result<Void>> start();

    /** A frame of a shared WebSocket API client; true if it was this stream's. */
    abstract boolean accept(JsonNode frame, String raw);

    /** The shared WebSocket API client dropped frames. */
    abstract void overflowed(long dropped);

    /** The WebSocket API client the stream runs on; null when it has none. */
    abstract BinanceWsApiClient wsApi();

    /** Closes once: fails a pending start, then releases the family's resources. */
    final void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        started.complete(Result.err(ExchangeError.network(config.exchange(), "closed")));
        release();
    }

    abstract void release();
}
