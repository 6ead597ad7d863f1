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
 * Spot user data over the WebSocket API ({@code userDataStream.subscribe[.signature]}), resubscribed on every new
 * socket; see {@link BinanceUserDataStream}.
 */
final class SpotUserDataSubscription extends UserDataSession {

    private static final String SUBSCRIPTION_KEY = "binance-user-data";
    static final String ID_PREFIX = "uds-";

    /** A subscription request on its way: its id and method. */
    private record SubscribeRequest(String id, String method) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final BinanceWsApiClient wsApi;
    private final boolean ownsWsApi;
    private final WsApiSigning signing;
    private volatile boolean confirmedOnce;
    private volatile String pendingGap;
    /** The subscription request sent last and not answered yet; null when answered. */
    private volatile SubscribeRequest unanswered;

    SpotUserDataSubscription(BinanceConfig config, BinanceWsApiClient wsApi, boolean ownsWsApi, WsApiSigning signing,
                             ConnectionListener listener, BinanceUserDataStream.Handler handler) {
        super(config, listener, handler);
        this.wsApi = wsApi;
        this.ownsWsApi = ownsWsApi;
        this.signing = signing;
    }

    @Override
    CompletableFuture<Result<Void>> start() {
        if (ownsWsApi) {
            wsApi.start().thenAccept(r -> {
                if (!r.isOk()) {
                    started.complete(Result.err(r.error()));
                } else {
                    startDeadline();
                }
            });
        } else {
            startDeadline();
        }
        wsApi.connection().subscribe(SUBSCRIPTION_KEY, this::subscribeFrame);
        return started;
    }

    @Override
    BinanceWsApiClient wsApi() {
        return wsApi;
    }

    /**
     * Spot, once the WebSocket API client is up: the first subscription must be confirmed within the request timeout,
     * or {@link #start()} fails with a TIMEOUT error naming the request that got no answer.
     */
    private void startDeadline() {
        long timeout = config.requestTimeout().toMillis();
        CompletableFuture.delayedExecutor(timeout, TimeUnit.MILLISECONDS).execute(() -> {
            if (closed.get() || started.isDone()) {
                return;
            }
            SubscribeRequest request = unanswered;
            String method = request != null ? request.method() : subscribeMethod(wsApi.sessionLoggedOn());
            LOG.warn("{}: {} got no answer within {} ms; the user data stream did not start", config.exchange(),
                    method, timeout);
            started.complete(Result.err(ExchangeError.timeout(config.exchange(), method + ": no answer within "
                    + timeout + " ms; the user data subscription is not confirmed")));
        });
    }

    /** Called by the connection each time it sends the subscription (first time, and on every new socket). */
    private String subscribeFrame() {
        String id = ID_PREFIX + ids.incrementAndGet();
        boolean loggedOn = wsApi.sessionLoggedOn();
        String method = subscribeMethod(loggedOn);
        ObjectNode request = JSON.createObjectNode().put("id", id).put("method", method);
        if (!loggedOn) {
            request.set("params", JSON.valueToTree(signing.sign(Map.of())));
        }
        SubscribeRequest sent = new SubscribeRequest(id, method);
        unanswered = sent;
        if (started.isDone()) {
            warnIfUnanswered(sent);
        }
        return request.toString();
    }

    /** On a logged-on (Ed25519) session the subscription needs no signature; otherwise it carries one. */
    private static String subscribeMethod(boolean loggedOn) {
        return loggedOn ? "userDataStream.subscribe" : "userDataStream.subscribe.signature";
    }

    /** A resubscription: nobody waits for it, so an answer that does not come in time is logged. */
    private void warnIfUnanswered(SubscribeRequest sent) {
        long timeout = config.requestTimeout().toMillis();
        CompletableFuture.delayedExecutor(timeout, TimeUnit.MILLISECONDS).execute(() -> {
            if (!closed.get() && unanswered == sent) {
                LOG.warn("{}: {} got no answer within {} ms; user data events may be missing until it is answered",
                        config.exchange(), sent.method(), timeout);
            }
        });
    }

    /**
     * A frame of the WebSocket API that is not a response to a pending request. Returns whether it belonged to the user
     * data stream (a subscription answer or an account event); the owner of a shared client handles the others.
     */
    @Override
    boolean accept(JsonNode frame, String raw) {
        if (closed.get()) {
            return true;
        }
        if (frame == null || frame.isMissingNode()) {
            handler.onEvent(MissingNode.getInstance(), raw);
            return true;
        }
        if (frame.path("id").asText("").startsWith(ID_PREFIX)) {
            onSubscribeAnswer(frame);
            return true;
        }
        if (frame.has("subscriptionId") && frame.has("event")) {
            JsonNode event = UserDataMapping.unwrap(frame);
            if ("eventStreamTerminated".equals(event.path("e").asText())) {
                pendingGap = "the exchange terminated the user data subscription";
                LOG.warn("{}: user data subscription terminated by the exchange; subscribing again", config.exchange());
                wsApi.connection().subscribe(SUBSCRIPTION_KEY, this::subscribeFrame);
            }
            handler.onEvent(event, raw);
            return true;
        }
        if (ownsWsApi) {
            handler.onEvent(frame, raw); // not an event we know: the handler reports it as malformed
            return true;
        }
        return false;
    }

    /**
     * Spot: the WebSocket API client dropped {@code dropped} frames (its consumer was too slow); account events may be
     * among them, so a gap is reported now (the stream itself is still live). Called on the client's consumer thread.
     */
    @Override
    void overflowed(long dropped) {
        if (closed.get()) {
            return;
        }
        LOG.warn("{}: {} frames dropped on the user data connection; recovering the account state", config.exchange(),
                dropped);
        handler.onGap(dropped + " user data frames dropped: the handler was too slow");
    }

    private void onSubscribeAnswer(JsonNode frame) {
        SubscribeRequest waiting = unanswered;
        if (waiting != null && waiting.id().equals(frame.path("id").asText())) {
            unanswered = null;
        }
        if (frame.path("status").asInt() == 200) {
            if (confirmedOnce || pendingGap != null) {
                String reason = pendingGap != null ? pendingGap
                        : "user data subscription renewed on a new connection; events in between may be lost";
                pendingGap = null;
                handler.onGap(reason);
            }
            confirmedOnce = true;
            started.complete(Result.ok());
            return;
        }
        JsonNode error = frame.path("error");
        String message = "user data subscription refused: " + error.path("code").asText("?") + " "
                + error.path("msg").asText("");
        LOG.warn("{}: {}", config.exchange(), message);
        if (!confirmedOnce) {
            started.complete(Result.err(new ExchangeError(io.exchangebus.events.ErrorKind.AUTH, config.exchange(),
                    error.path("code").asText(null), message, frame.path("status").asInt(), false, null)));
            return;
        }
        pendingGap = message;
        CompletableFuture.delayedExecutor(RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!closed.get()) {
                wsApi.connection().subscribe(SUBSCRIPTION_KEY, this::subscribeFrame);
            }
        });
    }

    @Override
    void release() {
        if (ownsWsApi) {
            wsApi.close();
        } else {
            wsApi.connection().unsubscribe(SUBSCRIPTION_KEY, JSON.createObjectNode()
                    .put("id", ID_PREFIX + ids.incrementAndGet()).put("method", "userDataStream.unsubscribe")
                    .toString());
        }
    }
}
