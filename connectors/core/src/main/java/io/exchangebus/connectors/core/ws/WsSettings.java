package io.exchangebus.connectors.core.ws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link WsConnection} connects, checks and recovers. Build with {@link #builder(String, URI)}; every setting
 * has a default and is checked at build time with a message naming it. A zero interval switches a timer off.
 *
 * @param name the connection's name in events, logs and thread names, e.g. "binance-spot-md-1"
 * @param uri the endpoint, ws:// or wss://; only host and port are ever logged (a path may carry a listen key)
 * @param handshakeHeaders headers for each handshake, asked anew per attempt (a login cookie may change);
 *        never logged
 * @param connectTimeout from the start of an attempt to CONNECTED: TCP, handshake and the open hook
 * @param pingInterval between protocol pings (RFC 6455 ping frames) while connected; zero: none
 * @param appHeartbeat an application-level heartbeat text (e.g. a JSON-RPC "public/test"), asked anew each time;
 *        null: none
 * @param appHeartbeatInterval between application heartbeats; zero: none
 * @param silenceTimeout the watchdog's bound: a connection from which nothing (no frame, no pong) was read for
 *        this long is dropped and reconnected. Detected within silenceTimeout plus one watchdog tick
 *        ({@link #watchdogTick()}). Must exceed the ping and heartbeat intervals
 * @param backoff delays between reconnect attempts
 * @param healthyPeriod how long a connection must stay CONNECTED for the next failure to start the backoff afresh
 * @param handOffCapacity frames the hand-off queue between socket and handler holds
 * @param overflowPolicy what happens to a frame that finds the queue full
 */
public record WsSettings(String name, URI uri, Supplier<Map<String, String>> handshakeHeaders,
                         Duration connectTimeout, Duration pingInterval, Supplier<String> appHeartbeat,
                         Duration appHeartbeatInterval, Duration silenceTimeout, BackoffPolicy backoff,
                         Duration healthyPeriod, int handOffCapacity, OverflowPolicy overflowPolicy) {

    public WsSettings {
        requireText(name, "name");
        Objects.requireNonNull(uri, "uri");
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("uri must be ws:// or wss://, was scheme " + uri.getScheme());
        }
        Objects.requireNonNull(handshakeHeaders, "handshakeHeaders");
        requirePositive(connectTimeout, "connectTimeout");
        requireNotNegative(pingInterval, "pingInterval");
        requireNotNegative(appHeartbeatInterval, "appHeartbeatInterval");
        if ((appHeartbeat == null) != appHeartbeatInterval.isZero()) {
            throw new IllegalArgumentException("appHeartbeat and appHeartbeatInterval must be set together");
        }
        requirePositive(silenceTimeout, "silenceTimeout");
        if (!pingInterval.isZero() && silenceTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("silenceTimeout (" + silenceTimeout
                    + ") must exceed pingInterval (" + pingInterval + "), or a quiet healthy stream is cut");
        }
        if (!appHeartbeatInterval.isZero() && silenceTimeout.compareTo(appHeartbeatInterval) <= 0) {
            throw new IllegalArgumentException("silenceTimeout (" + silenceTimeout
                    + ") must exceed appHeartbeatInterval (" + appHeartbeatInterval + ")");
        }
        Objects.requireNonNull(backoff, "backoff");
        requireNotNegative(healthyPeriod, "healthyPeriod");
        if (handOffCapacity < 1) {
            throw new IllegalArgumentException("handOffCapacity must be at least 1, was " + handOffCapacity);
        }
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
    }

    /** The watchdog checks every quarter of the silence timeout (at least every 10 ms). */
    public Duration watchdogTick() {
        return Duration.ofNanos(Math.max(Duration.ofMillis(10).toNanos(), silenceTimeout.toNanos() / 4));
    }

    public static Builder builder(String name, URI uri) {
        return new Builder(name, uri);
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
    }

    private static void requirePositive(Duration d, String key) {
        Objects.requireNonNull(d, key);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, was " + d);
        }
    }

    private static void requireNotNegative(Duration d, String key) {
        Objects.requireNonNull(d, key);
        if (d.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, was " + d);
        }
    }

    /** Defaults: connect 10 s, ping 15 s, no app heartbeat, silence 30 s, backoff 0.5 s..30 s x2 20 % jitter,
     *  healthy 60 s, queue 8192, {@link OverflowPolicy#DROP_AND_SIGNAL}. */
    public static final class Builder {
        private final String name;
        private final URI uri;
        private Supplier<Map<String, String>> handshakeHeaders = Map::of;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration pingInterval = Duration.ofSeconds(15);
        private Supplier<String> appHeartbeat;
        private Duration appHeartbeatInterval = Duration.ZERO;
        private Duration silenceTimeout = Duration.ofSeconds(30);
        private BackoffPolicy backoff = BackoffPolicy.defaults();
        private Duration healthyPeriod = Duration.ofSeconds(60);
        private int handOffCapacity = 8192;
        private OverflowPolicy overflowPolicy = OverflowPolicy.DROP_AND_SIGNAL;

        private Builder(String name, URI uri) {
            this.name = name;
            this.uri = uri;
        }

        public Builder handshakeHeaders(Supplier<Map<String, String>> headers) {
            this.handshakeHeaders = headers;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder pingInterval(Duration d) {
            this.pingInterval = d;
            return this;
        }

        public Builder appHeartbeat(Supplier<String> message, Duration interval) {
            this.appHeartbeat = message;
            this.appHeartbeatInterval = interval;
            return this;
        }

        public Builder silenceTimeout(Duration d) {
            this.silenceTimeout = d;
            return this;
        }

        public Builder backoff(BackoffPolicy policy) {
            this.backoff = policy;
            return this;
        }

        public Builder healthyPeriod(Duration d) {
            this.healthyPeriod = d;
            return this;
        }

        public Builder handOffCapacity(int frames) {
            this.handOffCapacity = frames;
            return this;
        }

        public Builder overflowPolicy(OverflowPolicy policy) {
            this.overflowPolicy = policy;
            return this;
        }

        public WsSettings build() {
            return new WsSettings(name, uri, handshakeHeaders, connectTimeout, pingInterval, appHeartbeat,
                    appHeartbeatInterval, silenceTimeout, backoff, healthyPeriod, handOffCapacity, overflowPolicy);
        }
    }
}
