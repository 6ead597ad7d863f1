package io.exchangebus.connectors.core.http;

import static io.exchangebus.connectors.core.http.FaultServer.hang;
import static io.exchangebus.connectors.core.http.FaultServer.ok;
import static io.exchangebus.connectors.core.http.FaultServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.events.ErrorKind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The transport against a real HTTP server on 127.0.0.1 that injects faults and counts hits. Each test builds its
 * own transport with short timeouts, so that the class runs in a few seconds.
 */
class HttpTransportTest {

    private static final HttpSettings.Timeouts FAST = new HttpSettings.Timeouts(Duration.ofMillis(500),
            Duration.ofMillis(300), Duration.ofSeconds(2));
    private static final HttpSettings.RetryPolicy QUICK_RETRY = new HttpSettings.RetryPolicy(3,
            Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));

    private FaultServer server;
    private final List<HttpTransport> transports = new ArrayList<>();

    @BeforeAll
    static void quietLogs() {
        // Without a logback-test.xml logback logs everything at DEBUG, HttpClient's wire log included.
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
    }

    @BeforeEach
    void startServer() throws Exception {
        server = FaultServer.start();
        // Warm both ends up (class loading, JIT, first connection), so that timings measure the transport.
        try (HttpTransport warm = HttpTransport.builder(settings()).build()) {
            await(warm.send(HttpCall.get("/warm-up")));
        }
        server.resetHits();
    }

    @AfterEach
    void stop() {
        transports.forEach(HttpTransport::close);
        server.close();
    }

    private HttpSettings settings() {
        return HttpSettings.defaults("testex", server.baseUri()).withTimeouts(FAST).withRetry(QUICK_RETRY);
    }

    private HttpTransport transport(HttpSettings settings) {
        return transport(HttpTransport.builder(settings));
    }

    private HttpTransport transport(HttpTransport.Builder builder) {
        HttpTransport t = builder.build();
        transports.add(t);
        return t;
    }

    private static Result<HttpReply> await(CompletableFuture<Result<HttpReply>> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static ExchangeError errorOf(CompletableFuture<Result<HttpReply>> future) throws Exception {
        Result<HttpReply> result = await(future);
        assertThat(result.isOk()).as("expected an error, got %s", result).isFalse();
        return result.error();
    }

    /** An answer given at once, without the network: the future is already complete when send returns. */
    private static ExchangeError refusedAtOnce(CompletableFuture<Result<HttpReply>> future) throws Exception {
        assertThat(future).as("answered without touching the network").isDone();
        return errorOf(future);
    }

    @Test
    void shouldStopAllCallsDuringABanUntilTheHintHasPassed() throws Exception {
        HttpTransport http = transport(settings());
        server.script("/api/depth", status(418, "Retry-After", "2"));

        ExchangeError ban = errorOf(http.send(HttpCall.get("/api/depth")));
        long bannedAt = System.nanoTime();
        assertThat(ban.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(ban.httpStatus()).isEqualTo(418);
        assertThat(ban.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(server.hits()).isEqualTo(1);

        int refused = 0;
        while (System.nanoTime() - bannedAt < TimeUnit.MILLISECONDS.toNanos(1800)) {
            for (HttpCall call : List.of(HttpCall.get("/api/depth"), HttpCall.get("/api/ticker"),
                    HttpCall.post("/api/order"))) {
                ExchangeError stopped = refusedAtOnce(http.send(call));
                assertThat(stopped.code()).isEqualTo(LocalRefusal.BANNED);
                assertThat(stopped.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
                assertThat(stopped.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
                refused++;
            }
            Thread.sleep(50);
        }
        assertThat(refused).isGreaterThan(30);
        assertThat(server.hits()).as("no call reached the exchange during the ban").isEqualTo(1);

        Thread.sleep(Math.max(0, 2050 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - bannedAt)));
        assertThat(await(http.send(HttpCall.get("/api/depth"))).isOk()).isTrue();
        assertThat(await(http.send(HttpCall.post("/api/order"))).isOk()).isTrue();
        assertThat(server.hits()).isEqualTo(3);
    }

    @Test
    void shouldRefuseAllCallsAfterA429UntilRetryAfterHasPassedWithoutAStorm() throws Exception {
        HttpTransport http = transport(settings());
        server.script("/api/klines", status(429, "Retry-After", "1"));

        ExchangeError limited = errorOf(http.send(HttpCall.get("/api/klines")));
        long limitedAt = System.nanoTime();
        assertThat(limited.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(limited.httpStatus()).isEqualTo(429);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(1));

        // A burst of 100 calls, idempotent or not: none is sent, none is retried.
        List<CompletableFuture<Result<HttpReply>>> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(http.send(HttpCall.get("/api/klines")));
            burst.add(http.send(HttpCall.post("/api/order")));
        }
        for (CompletableFuture<Result<HttpReply>> f : burst) {
            assertThat(refusedAtOnce(f).code()).isEqualTo(LocalRefusal.BACKING_OFF);
        }
        Thread.sleep(300);
        assertThat(server.hits()).isEqualTo(1);

        Thread.sleep(Math.max(0, 1050 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - limitedAt)));
        assertThat(await(http.send(HttpCall.get("/api/klines"))).isOk()).isTrue();
        assertThat(server.hits()).isEqualTo(2);
    }

    @Test
    void shouldHonourARetryAfterGivenAsAnHttpDate() throws Exception {
        HttpTransport http = transport(settings());
        // The server stamps its own Date header (whole seconds); the hint is measured from it.
        ZonedDateTime until = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        server.script("/api/x", status(429, "Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(until)));

        ExchangeError limited = errorOf(http.send(HttpCall.get("/api/x")));
        long limitedAt = System.nanoTime();
        assertThat(limited.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(refusedAtOnce(http.send(HttpCall.get("/api/x"))).code()).isEqualTo(LocalRefusal.BACKING_OFF);

        Thread.sleep(Math.max(0, limited.retryAfter().toMillis() + 50
                - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - limitedAt)));
        assertThat(await(http.send(HttpCall.get("/api/x"))).isOk()).isTrue();
        assertThat(server.hits()).isEqualTo(2);
    }

    @Test
    void shouldRetryAnIdempotentGetOn5xxWithBackoffThenSucceed() throws Exception {
        HttpTransport http = transport(settings());
        server.script("/api/account", status(503), status(502));

        Result<HttpReply> result = await(http.send(HttpCall.get("/api/account")));

        assertThat(result.isOk()).isTrue();
        List<FaultServer.Hit> hits = server.hitList();
        assertThat(hits).hasSize(3);
        // Backoff 100 ms then 200 ms, each with +/-50 % jitter.
        assertThat(hits.get(1).atNanos() - hits.get(0).atNanos()).isGreaterThan(ms(45));
        assertThat(hits.get(2).atNanos() - hits.get(1).atNanos()).isGreaterThan(ms(95));
    }

    @Test
    void shouldGiveUpAfterMaxAttemptsWithTheLastError() throws Exception {
        HttpTransport http = transport(settings());
        server.always("/api/account", status(500));

        ExchangeError error = errorOf(http.send(HttpCall.get("/api/account")));

        assertThat(error.kind()).isEqualTo(ErrorKind.EXCHANGE_INTERNAL);
        assertThat(error.retryable()).isTrue();
        assertThat(server.hits()).isEqualTo(QUICK_RETRY.maxAttempts());
    }

    @Test
    void shouldRetryAnIdempotentGetAfterATimeoutThenSucceed() throws Exception {
        HttpTransport http = transport(settings());
        server.script("/api/openOrders", hang());

        long start = System.nanoTime();
        Result<HttpReply> result = await(http.send(HttpCall.get("/api/openOrders")));

        assertThat(result.isOk()).isTrue();
        assertThat(server.hits()).isEqualTo(2);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(ms(300));
    }

    @Test
    void shouldNeverRetryAPostEvenOn5xxOrTimeout() throws Exception {
        HttpTransport http = transport(settings());
        server.always("/api/order", status(503));
        server.script("/api/order/slow", hang());

        ExchangeError internal = errorOf(http.send(HttpCall.post("/api/order")));
        ExchangeError timeout = errorOf(http.send(HttpCall.post("/api/order/slow")));
        Thread.sleep(400); // longer than any backoff: a retry would have come by now

        assertThat(internal.kind()).isEqualTo(ErrorKind.EXCHANGE_INTERNAL);
        assertThat(timeout.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(server.hits("/api/order")).isEqualTo(1);
        assertThat(server.hits("/api/order/slow")).isEqualTo(1);
    }

    @Test
    void shouldNotRetryOn4xx() throws Exception {
        HttpTransport http = transport(settings());
        server.script("/api/a", status(400)).script("/api/b", status(404)).script("/api/c", status(401));

        assertThat(errorOf(http.send(HttpCall.get("/api/a"))).kind()).isEqualTo(ErrorKind.UNKNOWN);
        assertThat(errorOf(http.send(HttpCall.get("/api/b"))).kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(errorOf(http.send(HttpCall.get("/api/c"))).kind()).isEqualTo(ErrorKind.AUTH);
        Thread.sleep(300);

        assertThat(server.hits()).isEqualTo(3);
    }

    @Test
    void shouldOpenTheCircuitAfterRepeatedFailuresThenFailFastThenHalfOpen() throws Exception {
        HttpTransport http = transport(settings()
                .withRetry(new HttpSettings.RetryPolicy(1, Duration.ofMillis(10), 1.0, Duration.ofMillis(10)))
                .withBreaker(new HttpSettings.BreakerPolicy(50f, 4, 4, Duration.ofMillis(500), 2)));
        server.always("/api/x", status(500));

        for (int i = 0; i < 4; i++) {
            assertThat(errorOf(http.send(HttpCall.get("/api/x"))).kind()).isEqualTo(ErrorKind.EXCHANGE_INTERNAL);
        }
        assertThat(http.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

        long start = System.nanoTime();
        ExchangeError fast = refusedAtOnce(http.send(HttpCall.get("/api/x")));
        assertThat(System.nanoTime() - start).isLessThan(ms(50));
        assertThat(fast.code()).isEqualTo(LocalRefusal.CIRCUIT_OPEN);
        assertThat(fast.message()).contains("circuit open");
        assertThat(server.hits()).isEqualTo(4);

        Thread.sleep(550);
        server.always("/api/x", null);
        assertThat(await(http.send(HttpCall.get("/api/x"))).isOk()).isTrue();
        assertThat(http.circuitState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(await(http.send(HttpCall.get("/api/x"))).isOk()).isTrue();
        assertThat(http.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(server.hits()).isEqualTo(6);
    }

    @Test
    void shouldNotCountRateLimitsOr4xxAsCircuitFailures() throws Exception {
        HttpTransport http = transport(settings()
                .withBreaker(new HttpSettings.BreakerPolicy(50f, 4, 4, Duration.ofSeconds(5), 1)));
        server.always("/api/x", status(400));

        for (int i = 0; i < 6; i++) {
            errorOf(http.send(HttpCall.get("/api/x")));
        }

        assertThat(http.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void shouldHoldBackCallsWhoseTotalWeightExceedsTheBudgetUntilTheNextWindow() throws Exception {
        long created = System.nanoTime();
        HttpTransport http = transport(settings().withWeights(
                new HttpSettings.WeightBudget(10, Duration.ofSeconds(2), Duration.ofSeconds(3))));

        List<CompletableFuture<Result<HttpReply>>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(http.send(HttpCall.get("/api/heavy").withWeight(4)));
        }
        // Charged in full to the window it will be sent in: the second window has 10 - 4 left, not 8.
        assertThat(http.availableWeight()).as("the held call's weight is reserved ahead").isEqualTo(-4);
        for (CompletableFuture<Result<HttpReply>> call : calls) {
            assertThat(await(call).isOk()).isTrue();
        }
        assertThat(http.availableWeight()).isEqualTo(6);

        List<Long> sinceCreated = server.hitList().stream().map(h -> h.atNanos() - created).sorted().toList();
        assertThat(sinceCreated).hasSize(3);
        // The budget's first window started after `created` and lasts 2 s: 8 of 10 fit in it, 4 more do not.
        assertThat(sinceCreated.get(1)).as("first two calls sent in the first window").isLessThan(ms(2000));
        assertThat(sinceCreated.get(2)).as("third call held for the second window").isGreaterThanOrEqualTo(ms(2000));
    }

    @Test
    void shouldRefuseACallThatCannotFitTheBudgetWithinTheLongestWait() throws Exception {
        HttpTransport http = transport(settings().withWeights(
                new HttpSettings.WeightBudget(10, Duration.ofMinutes(1), Duration.ofMillis(500))));

        assertThat(await(http.send(HttpCall.get("/api/heavy").withWeight(10))).isOk()).isTrue();
        ExchangeError refused = refusedAtOnce(http.send(HttpCall.get("/api/light")));
        ExchangeError never = refusedAtOnce(http.send(HttpCall.get("/api/huge").withWeight(11)));

        assertThat(refused.code()).isEqualTo(LocalRefusal.WEIGHT_BUDGET);
        assertThat(refused.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(never.code()).isEqualTo(LocalRefusal.WEIGHT_OVER_BUDGET);
        assertThat(never.retryable()).isFalse();
        assertThat(server.hits()).isEqualTo(1);
    }

    @Test
    void shouldCountTheWeightTheExchangeReportsAsUsed() throws Exception {
        server.script("/api/x", ok("X-Test-Used-Weight", "9"));
        HttpTransport http = transport(HttpTransport.builder(settings().withWeights(
                        new HttpSettings.WeightBudget(10, Duration.ofMinutes(1), Duration.ZERO)))
                .usedWeight(reply -> reply.header("x-test-used-weight")
                        .map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty())));

        assertThat(await(http.send(HttpCall.get("/api/x"))).isOk()).isTrue();

        assertThat(http.availableWeight()).as("10 budget - 9 used elsewhere and by us").isEqualTo(1);
        assertThat(refusedAtOnce(http.send(HttpCall.get("/api/x").withWeight(2))).code())
                .isEqualTo(LocalRefusal.WEIGHT_BUDGET);
        assertThat(await(http.send(HttpCall.get("/api/x"))).isOk()).isTrue();
        assertThat(server.hits()).isEqualTo(2);
    }

    @Test
    void shouldAnswerTimeoutInBoundedTimeWhenTheServerNeverAnswers() throws Exception {
        server.always("/api/order", hang());
        HttpTransport responseTimeout = transport(settings());
        HttpTransport attemptDeadline = transport(settings().withTimeouts(new HttpSettings.Timeouts(
                Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMillis(400))));

        long start = System.nanoTime();
        ExchangeError silent = errorOf(responseTimeout.send(HttpCall.post("/api/order")));
        long first = System.nanoTime() - start;
        start = System.nanoTime();
        ExchangeError late = errorOf(attemptDeadline.send(HttpCall.post("/api/order")));
        long second = System.nanoTime() - start;

        assertThat(silent.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(first).isBetween(ms(290), ms(1000));
        assertThat(late.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(late.message()).contains("within 400 ms");
        assertThat(second).isBetween(ms(390), ms(1000));
    }

    @Test
    void shouldAnswerNetworkWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpTransport http = transport(HttpSettings.defaults("testex", URI.create("http://127.0.0.1:" + port))
                .withTimeouts(FAST));

        ExchangeError error = errorOf(http.send(HttpCall.post("/api/order")));

        assertThat(error.kind()).isEqualTo(ErrorKind.NETWORK);
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void shouldSignEachAttemptJustBeforeItIsSentAndNeverLogTheSecrets() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(HttpTransport.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.DEBUG);
        try {
            AtomicInteger signatures = new AtomicInteger();
            HttpTransport http = transport(HttpTransport.builder(settings()).signer(call -> call
                    .withParam("signature", "sig" + signatures.incrementAndGet())
                    .withHeader("X-API-KEY", "key-secret")));
            server.script("/api/account", status(503), status(429, "Retry-After", "1"));

            errorOf(http.send(HttpCall.get("/api/account").withParam("timestamp", "1").withSigning()));

            assertThat(server.hitList()).extracting(FaultServer.Hit::query)
                    .containsExactly("timestamp=1&signature=sig1", "timestamp=1&signature=sig2");
            assertThat(server.hitList().get(0).headers().get("X-api-key")).containsExactly("key-secret");
            assertThat(logs.list).isNotEmpty();
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(m -> m.contains("sig1") || m.contains("sig2") || m.contains("secret")
                            || m.contains("timestamp="));
        } finally {
            logger.detachAppender(logs);
            logger.setLevel(null);
        }
    }

    @Test
    void shouldAnswerClosedToCallsHeldOrInFlightWhenTheTransportCloses() throws Exception {
        server.always("/api/slow", hang());
        HttpTransport http = HttpTransport.builder(settings().withWeights(
                new HttpSettings.WeightBudget(10, Duration.ofMinutes(1), Duration.ofMinutes(2)))).build();
        assertThat(await(http.send(HttpCall.get("/api/x").withWeight(9))).isOk()).isTrue();
        CompletableFuture<Result<HttpReply>> held = http.send(HttpCall.get("/api/x").withWeight(5));
        CompletableFuture<Result<HttpReply>> inFlight = http.send(HttpCall.post("/api/slow"));
        Thread.sleep(100);
        assertThat(held).isNotDone();
        assertThat(inFlight).isNotDone();

        long start = System.nanoTime();
        http.close();

        assertThat(System.nanoTime() - start).isLessThan(ms(1000));
        assertThat(refusedAtOnce(held).code()).isEqualTo(LocalRefusal.CLOSED);
        assertThat(refusedAtOnce(inFlight).code()).isEqualTo(LocalRefusal.CLOSED);
        assertThat(refusedAtOnce(http.send(HttpCall.get("/api/x"))).code()).isEqualTo(LocalRefusal.CLOSED);
        assertThat(server.hits("/api/x")).isEqualTo(1);
    }

    @Test
    void shouldLeaveAnotherTransportsCallsAnsweredWhenOneOfTheSameClientCloses() throws Exception {
        server.always("/api/slow", new FaultServer.Reply(200, Map.of(), "{\"done\":true}", Duration.ofMillis(150)));
        HttpTransport closing = HttpTransport.builder(settings()).build();
        HttpTransport staying = transport(settings());
        CompletableFuture<Result<HttpReply>> cut = closing.send(HttpCall.get("/api/slow"));
        CompletableFuture<Result<HttpReply>> kept = staying.send(HttpCall.get("/api/slow"));
        Thread.sleep(50); // both requests at the server, answered after 150 ms (the response timeout is 300)
        assertThat(cut).isNotDone();
        assertThat(kept).isNotDone();

        closing.close();

        assertThat(refusedAtOnce(cut).code()).isEqualTo(LocalRefusal.CLOSED);
        Result<HttpReply> answer = await(kept);
        assertThat(answer.isOk()).as("%s", answer).isTrue();
        assertThat(answer.value().body()).isEqualTo("{\"done\":true}");
        assertThat(await(staying.send(HttpCall.get("/api/x"))).isOk()).isTrue();
    }

    @Test
    void shouldStopSpendingWhenTheExchangeReportsTheWholeBudgetUsed() throws Exception {
        server.script("/api/x", ok("X-Test-Used-Weight", "12"));
        HttpTransport http = transport(HttpTransport.builder(settings().withWeights(
                        new HttpSettings.WeightBudget(10, Duration.ofMinutes(1), Duration.ZERO)))
                .usedWeight(reply -> reply.header("x-test-used-weight")
                        .map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty())));

        assertThat(await(http.send(HttpCall.get("/api/x"))).isOk()).isTrue();

        assertThat(http.availableWeight()).isZero();
        assertThat(refusedAtOnce(http.send(HttpCall.get("/api/x"))).code()).isEqualTo(LocalRefusal.WEIGHT_BUDGET);
        assertThat(server.hits()).isEqualTo(1);
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
