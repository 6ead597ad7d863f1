package io.exchangebus.connectors.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ServerClockTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultServer server;
    private HttpTransport http;

    @BeforeAll
    static void quietLogs() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** How an exchange would supply its time: a GET of its time endpoint, parsed. */
    private static ServerClock.TimeSource timeEndpoint(HttpTransport http) {
        return () -> http.send(HttpCall.get("/time")).thenApply(r -> r.map(reply -> {
            try {
                return Instant.ofEpochMilli(JSON.readTree(reply.body()).get("serverTime").asLong());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    @ParameterizedTest(name = "server clock skewed by {0} ms")
    @ValueSource(longs = {7_000, -4_000, 0})
    void shouldEstimateTheOffsetToASkewedServerWithinAFewMillis(long skewMillis) throws Exception {
        server = FaultServer.start();
        server.skewClock(Duration.ofMillis(skewMillis));
        http = HttpTransport.builder(HttpSettings.defaults("testex", server.baseUri())).build();
        ServerClock clock = new ServerClock("testex", timeEndpoint(http));

        Result<ServerClock.Estimate> estimate = clock.sync(8).get(10, TimeUnit.SECONDS);

        assertThat(estimate.isOk()).isTrue();
        // A midpoint estimate is off by at most half the round trip of the sample it keeps, plus 1 ms lost to the
        // server's whole milliseconds; on loopback that round trip is well under a millisecond unless the machine
        // is loaded, so the bound is taken from the measurement rather than assumed.
        long bound = estimate.value().roundTrip().toMillis() / 2 + 2;
        assertThat(clock.offset().toMillis()).isCloseTo(skewMillis, org.assertj.core.data.Offset.offset(bound));
        assertThat(clock.nowMillis() - System.currentTimeMillis())
                .isCloseTo(skewMillis, org.assertj.core.data.Offset.offset(bound + 3));
        assertThat(estimate.value().roundTrip()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void shouldKeepTheSampleWithTheShortestRoundTrip() throws Exception {
        AtomicLong nanos = new AtomicLong();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Clock local = new Clock() {
            @Override
            public Instant instant() {
                return t0.plusNanos(nanos.get());
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        // The server is 1000 ms ahead. A slow sample (200 ms round trip) read the server's clock late in its trip,
        // so its midpoint guess is 80 ms off; a fast one (4 ms) is right.
        Deque<long[]> samples = new ArrayDeque<>();
        samples.add(new long[] {200, 180});
        samples.add(new long[] {4, 2});
        samples.add(new long[] {50, 45});
        ServerClock.TimeSource source = () -> {
            long[] s = samples.poll();
            Instant serverTime = local.instant().plusMillis(s[1]).plusMillis(1000);
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(s[0]));
            return CompletableFuture.completedFuture(Result.ok(serverTime));
        };
        ServerClock clock = new ServerClock("testex", source, local, nanos::get);

        ServerClock.Estimate best = clock.sync(3).get().value();

        assertThat(best.roundTrip()).isEqualTo(Duration.ofMillis(4));
        assertThat(clock.offset()).isEqualTo(Duration.ofMillis(1000));
        assertThat(clock.now()).isEqualTo(local.instant().plusMillis(1000));
    }

    @Test
    void shouldKeepTheLastEstimateWhenNoSampleSucceeds() throws Exception {
        AtomicLong nanos = new AtomicLong();
        // A fixed local clock: the expected offset is exactly 3 s, whatever the machine's load.
        Clock local = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), java.time.ZoneOffset.UTC);
        Deque<Result<Instant>> answers = new ArrayDeque<>();
        answers.add(Result.ok(local.instant().plusSeconds(3)));
        answers.add(Result.err(ExchangeError.network("testex", "down")));
        answers.add(Result.err(ExchangeError.timeout("testex", "slow")));
        ServerClock clock = new ServerClock("testex", () -> CompletableFuture.completedFuture(answers.poll()),
                local, nanos::get);
        clock.sync(1).get();
        Duration before = clock.offset();

        Result<ServerClock.Estimate> failed = clock.sync(2).get();

        assertThat(failed.isOk()).isFalse();
        assertThat(failed.error().message()).isEqualTo("down");
        assertThat(before).isEqualTo(Duration.ofSeconds(3));
        assertThat(clock.offset()).isEqualTo(before);
    }
}
