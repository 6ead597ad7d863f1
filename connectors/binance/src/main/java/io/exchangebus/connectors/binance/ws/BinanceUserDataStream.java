package io.exchangebus.connectors.binance.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.auth.WsApiSigning;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.UserDataTransport;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.mapping.UserDataMapping;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.http.ServerClock;
import io.exchangebus.connectors.core.ws.WsSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One account's private user-data stream, for both families. Events reach the {@link Handler} unwrapped (see
 * {@link UserDataMapping#unwrap}); whenever events may have been missed the handler is told of a <em>gap</em>, once the
 * stream is live again, so that the state it recovers over REST or the WebSocket API is not overtaken by events lost
 * in between.
 *
 * <ul>
 * <li><b>Spot</b> ({@link SpotUserDataSubscription}) — over the WebSocket API ({@code web-socket-api.md}, "User Data
 * Stream requests"): {@code userDataStream.subscribe} on a session logged on with an Ed25519 key,
 * {@code userDataStream.subscribe.signature} otherwise. The subscription is resent on every new socket; each
 * confirmation after the first is a gap (the events between the loss and the new subscription are gone), and so is
 * {@code eventStreamTerminated}. The WebSocket API client is this stream's own ({@link #spot}) or shared
 * ({@link #spotShared}): the owner of a shared client hands every frame that is not a response to its requests to
 * {@link #accept(JsonNode, String)}. Each subscription request waits for its answer at most the config's
 * {@link BinanceConfig#requestTimeout() request timeout}: the first one fails {@link #start()} with a retryable TIMEOUT
 * error naming the method; a later one, resent on a new socket, is logged as unanswered (its answer, if it comes late,
 * still confirms it).
 * <li><b>USD-M</b> ({@link UsdmListenKeyStream}) — with a listenKey ("User Data Streams"): {@code POST
 * /fapi/v1/listenKey}, the raw stream {@code <streams>/ws/<listenKey>}, a keep-alive {@code PUT} every
 * {@code keepAlive} (30 min by default; the key expires 60 min after the last one) and {@code DELETE} on close. On
 * {@code listenKeyExpired}, a keep-alive refused with -1125, or a dropped stream, a key is asked for again (Binance
 * returns the same one while it lives), a new connection opened, and a gap reported once it is CONNECTED.
 * </ul>
 *
 * <p>Which one a family uses is {@link io.exchangebus.connectors.binance.config.BinanceVenue#userDataTransport()}.
 * The listenKey is a bearer secret for the stream: it is never logged (only {@link #mask(String) masked}), and the
 * connection logs host and port only.
 */
public final class BinanceUserDataStream implements AutoCloseable {

    /** Receives the account's events and the gaps in them. */
    public interface Handler {
        /**
         * One event, unwrapped ({@code {"e":…}}), with the frame as received; a missing node when the frame could not be
         * read as JSON. Called on the connection's consumer thread.
         */
        void onEvent(JsonNode event, String raw);

        /**
         * Events may have been missed before now ({@code reason} says why); the stream is live again. The owner
         * recovers the state it keeps (balances, positions, orders). Must not block.
         */
        void onGap(String reason);
    }

    /** Binance's documented default: keep-alive every 30 minutes, the key expiring 60 minutes after the last. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(30);

    private final UserDataSession session;

    private BinanceUserDataStream(UserDataSession session) {
        this.session = session;
    }

    /**
     * The family's stream on connections of its own: spot on a WebSocket API client made from {@code settings}, USD-M
     * on listenKey streams configured by {@code settings}. Their URI is the family's
     * {@link UserDataTransport#uri transport URI}.
     */
    public static BinanceUserDataStream owned(BinanceConfig config, BinanceRestClient rest, WsSettings settings,
                                              Duration keepAlive, ConnectionListener listener, Handler handler) {
        return config.venue().userDataTransport() == UserDataTransport.WS_API_SUBSCRIPTION
                ? spot(config, rest.clock(), settings, listener, handler)
                : usdm(config, rest, settings, keepAlive, listener, handler);
    }

    /**
     * The family's stream for an owner of a WebSocket API client: spot shares {@code client}, USD-M opens listenKey
     * streams configured by {@code settings}.
     */
    public static BinanceUserDataStream shared(BinanceConfig config, BinanceRestClient rest, BinanceWsApiClient client,
                                               WsSettings settings, Duration keepAlive, ConnectionListener listener,
                                               Handler handler) {
        return config.venue().userDataTransport() == UserDataTransport.WS_API_SUBSCRIPTION
                ? spotShared(config, rest.clock(), client, handler)
                : usdm(config, rest, settings, keepAlive, listener, handler);
    }

    /**
     * A spot stream on a WebSocket API client of its own, made from {@code settings} (whose URI is the family's
     * WebSocket API); its connection states go to {@code listener}.
     */
    public static BinanceUserDataStream spot(BinanceConfig config, ServerClock clock, WsSettings settings,
                                             ConnectionListener listener, Handler handler) {
        requireTransport(config, UserDataTransport.WS_API_SUBSCRIPTION);
        SpotUserDataSubscription[] self = new SpotUserDataSubscription[1];
        BinanceWsApiClient client = new BinanceWsApiClient(config, clock, settings, listener,
                (frame, raw) -> self[0].accept(frame, raw), dropped -> self[0].overflowed(dropped));
        self[0] = new SpotUserDataSubscription(config, client, true,
                new WsApiSigning(config.requireSigner(), clock, config.recvWindow()), listener, handler);
        return new BinanceUserDataStream(self[0]);
    }

    /**
     * A spot stream on a WebSocket API client someone else owns (an OMS sharing its connection). The owner starts and
     * closes the client and passes every frame its {@link BinanceWsApiClient.EventHandler} receives to
     * {@link #accept(JsonNode, String)}, and every overflow of the client to {@link #overflowed(long)}.
     */
    public static BinanceUserDataStream spotShared(BinanceConfig config, ServerClock clock, BinanceWsApiClient client,
                                                   Handler handler) {
        requireTransport(config, UserDataTransport.WS_API_SUBSCRIPTION);
        return new BinanceUserDataStream(new SpotUserDataSubscription(config, client, false,
                new WsApiSigning(config.requireSigner(), clock, config.recvWindow()), null, handler));
    }

    /**
     * A USD-M stream with a listenKey asked for over {@code rest}; {@code settings} are the stream connection's (their
     * URI is replaced by each key's raw stream), {@code keepAlive} the interval of the keep-alive PUT.
     */
    public static BinanceUserDataStream usdm(BinanceConfig config, BinanceRestClient rest, WsSettings settings,
                                             Duration keepAlive, ConnectionListener listener, Handler handler) {
        requireTransport(config, UserDataTransport.LISTEN_KEY);
        if (keepAlive.isZero() || keepAlive.isNegative() || keepAlive.compareTo(Duration.ofMinutes(60)) >= 0) {
            throw new IllegalArgumentException("keepAlive must be in (0, 60 min), was " + keepAlive);
        }
        return new BinanceUserDataStream(new UsdmListenKeyStream(config, Objects.requireNonNull(rest, "rest"),
                Objects.requireNonNull(settings, "settings"), keepAlive, listener, handler));
    }

    private static void requireTransport(BinanceConfig config, UserDataTransport transport) {
        if (config.venue().userDataTransport() != transport) {
            throw new IllegalArgumentException("a " + transport + " user data stream needs a config of a family "
                    + "with it, not " + config.venue());
        }
    }

    /** Starts; completes when the first subscription is confirmed (spot) or the first stream is CONNECTED (USD-M). */
    public CompletableFuture<Result<Void>> start() {
        return session.start();
    }

    /** The WebSocket API client the spot stream runs on (its own or the shared one); null for USD-M. */
    public BinanceWsApiClient wsApi() {
        return session.wsApi();
    }

    /**
     * A frame of the WebSocket API that is not a response to a pending request. Returns whether it belonged to the user
     * data stream (a subscription answer or an account event); the owner of a shared client handles the others. Always
     * false on USD-M, whose events come on its listenKey stream.
     */
    public boolean accept(JsonNode frame, String raw) {
        return session.accept(frame, raw);
    }

    /**
     * Spot: the WebSocket API client dropped {@code dropped} frames (its consumer was too slow); account events may be
     * among them, so a gap is reported now (the stream itself is still live). Called on the client's consumer thread.
     * Nothing on USD-M, whose stream reports its own overflows.
     */
    public void overflowed(long dropped) {
        session.overflowed(dropped);
    }

    /** A listenKey as it may appear in logs: its first four characters. */
    public static String mask(String key) {
        return key == null ? "null" : key.substring(0, Math.min(4, key.length())) + "…(" + key.length() + ")";
    }

    /** Closes the stream: unsubscribes (spot, shared client) or closes the key's stream and DELETEs the key (USD-M). */
    @Override
    public void close() {
        session.close();
    }
}
