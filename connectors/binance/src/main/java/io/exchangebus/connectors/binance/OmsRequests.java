package io.exchangebus.connectors.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.ws.BinanceWsApiClient;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.events.ErrorKind;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OMS's way out: signed WebSocket API requests and signed REST calls, each behind the REST transport's ban gate
 * and retried once after a clock resync on {@code -1021} (timestamp outside recvWindow: Binance did not process it).
 */
final class OmsRequests {
    private static final Logger LOG = LoggerFactory.getLogger(OmsRequests.class);

    private final String exchange;
    private final BinanceRestClient rest;
    private final Supplier<BinanceWsApiClient> ws;
    private final BooleanSupplier closed;

    OmsRequests(String exchange, BinanceRestClient rest, Supplier<BinanceWsApiClient> ws, BooleanSupplier closed) {
        this.exchange = exchange;
        this.rest = rest;
        this.ws = ws;
        this.closed = closed;
    }

    /**
     * A signed WebSocket API request; on {@code -1021} the clock is resynced and the request, freshly stamped and
     * signed, is sent once more (Binance did not process the first).
     */
    CompletableFuture<Result<JsonNode>> signed(String method, Supplier<Map<String, Object>> params) {
        BinanceWsApiClient client = ws.get();
        if (client == null || closed.getAsBoolean()) {
            return done(Result.err(ExchangeError.network(exchange, "not connected; " + method + " not sent")));
        }
        Optional<ExchangeError> stopped = rest.transport().banGate().refusal();
        if (stopped.isPresent()) {
            return done(Result.err(stopped.get()));
        }
        return client.signedRequest(method, params.get()).thenApply(this::noteRateLimit).thenCompose(r -> {
            if (r.isOk() || !"-1021".equals(r.error().code())) {
                return done(r);
            }
            LOG.warn("{}: {} refused with -1021; resyncing the clock and retrying once", exchange, method);
            return rest.clock().sync(3).thenCompose(s -> client.signedRequest(method, params.get()))
                    .thenApply(this::noteRateLimit);
        });
    }

    /**
     * A WebSocket API 418 (IP banned) or 429 with Binance's {@code retryAfter} closes the same gate as the REST
     * transport's: the exchange limits the IP, so nothing is sent over either until the hint has passed.
     */
    private Result<JsonNode> noteRateLimit(Result<JsonNode> r) {
        if (!r.isOk() && r.error().kind() == ErrorKind.RATE_LIMITED && r.error().retryAfter() != null
                && (r.error().httpStatus() == 418 || r.error().httpStatus() == 429)) {
            rest.transport().banGate().close(r.error().retryAfter(), r.error().httpStatus() == 418,
                    r.error().httpStatus());
        }
        return r;
    }

    /** A signed REST call with the same once-only -1021 resync and retry. */
    CompletableFuture<Result<JsonNode>> restWithResync(HttpCall call) {
        return rest.call(call).thenCompose(r -> {
            if (r.isOk() || !"-1021".equals(r.error().code())) {
                return done(r);
            }
            return rest.clock().sync(3).thenCompose(s -> rest.call(call));
        });
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
