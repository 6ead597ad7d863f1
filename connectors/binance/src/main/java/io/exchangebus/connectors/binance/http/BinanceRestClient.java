package io.exchangebus.connectors.binance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.binance.auth.BinanceRequestSigner;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.connectors.core.http.HttpReply;
import io.exchangebus.connectors.core.http.HttpTransport;
import io.exchangebus.connectors.core.http.RequestSigner;
import io.exchangebus.connectors.core.http.ServerClock;
import io.exchangebus.connectors.core.http.UsedWeightReader;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.events.ErrorKind;
import java.io.IOException;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * The raw REST client of one Binance family: calls go through the core {@link HttpTransport} (timeouts, retry of
 * idempotent calls, breaker, weight budget fed by {@code X-MBX-USED-WEIGHT-1M}, 429/418 pauses) with Binance's error
 * table and, when the config has a key, Binance's request signing against the {@link #clock() server clock}.
 * Answers are parsed JSON; what a body means is for {@code mapping}.
 *
 * <p>Thread-safe. Paths are relative to the family's REST base, e.g. {@code /api/v3/depth}.
 */
public final class BinanceRestClient implements AutoCloseable {

    private static final ObjectMapper JSON = ExactNumbers.exactMapper();
    private static final String USED_WEIGHT = "X-MBX-USED-WEIGHT-1M";

    private final BinanceConfig config;
    private final ServerClock clock;
    private final HttpTransport transport;

    public BinanceRestClient(BinanceConfig config) {
        this.config = config;
        this.clock = new ServerClock(config.exchange(), this::serverTime, config.localClock());
        RequestSigner signer = config.signer()
                .<RequestSigner>map(s -> new BinanceRequestSigner(s, clock, config.recvWindow()))
                .orElse(RequestSigner.NONE);
        this.transport = HttpTransport.builder(config.http())
                .classifier(BinanceErrors.INSTANCE)
                .usedWeight(BinanceRestClient::usedWeight)
                .signer(signer)
                .build();
    }

    /** The exchange's clock as we estimate it; {@link ServerClock#sync(int)} it before the first signed call. */
    public ServerClock clock() {
        return clock;
    }

    public BinanceConfig config() {
        return config;
    }

    public HttpTransport transport() {
        return transport;
    }

    /**
     * Sends {@code call} and parses the answer. A call marked {@link HttpCall#withSigning()} is signed; a call that
     * needs only the key header ({@code USER_STREAM}, e.g. listenKey) is built with {@link #withApiKey(HttpCall)}.
     */
    public CompletableFuture<Result<JsonNode>> call(HttpCall call) {
        return transport.send(call).thenApply(answer -> answer.flatMap(this::parse));
    }

    /** {@code call} with the {@code X-MBX-APIKEY} header and no signature. */
    public HttpCall withApiKey(HttpCall call) {
        return call.withHeader("X-MBX-APIKEY", config.requireSigner().apiKey());
    }

    /** {@code GET <prefix>/time}: the exchange's time, the server clock's source. */
    public CompletableFuture<Result<Instant>> serverTime() {
        return call(HttpCall.get(config.venue().restPrefix() + "/time"))
                .thenApply(r -> r.flatMap(body -> body.path("serverTime").canConvertToLong()
                        ? Result.ok(Instant.ofEpochMilli(body.get("serverTime").asLong()))
                        : Result.err(malformed("no serverTime in the time answer"))));
    }

    private Result<JsonNode> parse(HttpReply reply) {
        try {
            return Result.ok(JSON.readTree(reply.body()));
        } catch (IOException e) {
            return Result.err(malformed("answer is not JSON (HTTP " + reply.status() + ")"));
        }
    }

    private ExchangeError malformed(String message) {
        return new ExchangeError(ErrorKind.UNKNOWN, config.exchange(), null, message, 0, false, null);
    }

    private static OptionalInt usedWeight(HttpReply reply) {
        return reply.header(USED_WEIGHT).map(v -> {
            try {
                return OptionalInt.of(Integer.parseInt(v.strip()));
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }).orElse(OptionalInt.empty());
    }

    @Override
    public void close() {
        transport.close();
    }
}
