package io.exchangebus.connectors.deribit.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.limit.LimitRefusal;
import io.exchangebus.connectors.core.ws.BackoffPolicy;
import io.exchangebus.connectors.deribit.auth.DeribitAuth;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.auth.DeribitLogin;
import io.exchangebus.events.ErrorKind;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DeribitRpc} against {@link FakeDeribit} over real loopback sockets. */
class DeribitRpcTest {

    private static final ApiCredentials KEY = new ApiCredentials("alice", "alice-key", Secret.of("s3cret"));

    private final Clock clock = Clock.systemUTC();
    private final FakeDeribit server = new FakeDeribit(clock);
    private final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> unrouted = new CopyOnWriteArrayList<>();
    private DeribitRpc rpc;

    @AfterEach
    void close() {
        if (rpc != null) {
            rpc.close();
        }
        server.close();
    }

    private DeribitRpc open(DeribitGrantType grant) {
        return open(grant, Optional.empty());
    }

    private DeribitRpc open(DeribitGrantType grant, Optional<String> cancelOnDisconnect) {
        DeribitLogin login = new DeribitLogin(KEY, grant, Optional.of(DeribitAuth.sessionScope("exbus-test")), clock);
        DeribitRpcSettings settings = DeribitRpcSettings.publicOnly("test", server.wsUri()).withLogin(login)
                .withCancelOnDisconnect(cancelOnDisconnect)
                .withWsTuning(b -> b.backoff(new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 2.0,
                        0.1)));
        rpc = new DeribitRpc(settings, new DeribitLimits(clock), clock, new DeribitRpc.Listener() {
            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                events.add(event);
            }

            @Override
            public void onUnrouted(String raw, String reason) {
                unrouted.add(reason);
            }
        });
        assertThat(rpc.start().join().isOk()).isTrue();
        return rpc;
    }

    @Test
    void shouldLogInWithTheSessionScopeSetTheHeartbeatAndAnswerTestRequests() {
        open(DeribitGrantType.CLIENT_SIGNATURE);

        JsonNode auth = server.authRequests.get(0);
        assertThat(auth.get("grant_type").asText()).isEqualTo("client_signature");
        assertThat(auth.get("scope").asText()).isEqualTo("session:exbus-test");
        assertThat(auth.get("signature").asText()).hasSize(64);
        assertThat(server.methods).containsSubsequence("public/auth", "public/set_heartbeat");
        await("three test requests answered", () -> rpc.testRequestsAnswered() >= 3
                && server.count("public/test") >= 3);
        assertThat(rpc.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(rpc.auth().credential().join().value().accessToken()).isEqualTo("at-1");
    }

    @Test
    void shouldEnableCancelOnDisconnectAfterTheLoginOnEverySocket() {
        open(DeribitGrantType.CLIENT_SIGNATURE, Optional.of("account"));
        server.faults.dropConnections();

        await("a second socket", () -> events.stream().filter(e -> e.state() == ConnectionState.CONNECTED)
                .count() == 2);
        assertThat(server.methods.stream().filter(m -> m.startsWith("private/enable_cancel")).toList())
                .containsExactly("private/enable_cancel_on_disconnect:account",
                        "private/enable_cancel_on_disconnect:account");
        assertThat(server.methods).containsSubsequence("public/auth", "public/set_heartbeat",
                "private/enable_cancel_on_disconnect:account", "public/auth");
    }

    @Test
    void shouldRouteNotificationsWithExactNumbersAndCheckTheAnsweredChannels() {
        open(DeribitGrantType.CLIENT_CREDENTIALS);
        List<JsonNode> got = new CopyOnWriteArrayList<>();
        server.refusedChannels.add("book.ETH-PERPETUAL.raw");

        Result<List<String>> ok = rpc.subscribe(List.of("book.BTC-PERPETUAL.raw"),
                (channel, data, raw, at) -> got.add(data)).join();
        Result<List<String>> partial = rpc.subscribe(List.of("ticker.BTC-PERPETUAL.100ms", "book.ETH-PERPETUAL.raw"),
                (channel, data, raw, at) -> got.add(data)).join();
        server.notify("book.BTC-PERPETUAL.raw", "{\"price\":0.12345678901234567891}");

        assertThat(server.count("private/subscribe")).isEqualTo(2);
        assertThat(ok.value()).containsExactly("book.BTC-PERPETUAL.raw");
        assertThat(partial.error().code()).isEqualTo("SUBSCRIPTION_INCOMPLETE");
        assertThat(partial.error().message()).contains("book.ETH-PERPETUAL.raw");
        await("the notification", () -> got.size() == 1);
        assertThat(got.get(0).get("price").decimalValue()).isEqualTo(new BigDecimal("0.12345678901234567891"));
    }

    @Test
    void shouldLogInAgainAndResubscribeOnANewSocket() {
        open(DeribitGrantType.CLIENT_SIGNATURE);
        rpc.subscribe(List.of("trades.BTC-PERPETUAL.100ms"), (c, d, r, t) -> { }).join();

        server.faults.dropConnections();

        await("a second login and subscription", () -> server.authRequests.size() == 2
                && server.count("private/subscribe") == 2);
        await("connected again", () -> events.stream().filter(e -> e.state() == ConnectionState.CONNECTED)
                .count() == 2);
        assertThat(events).extracting(ConnectionEvent::state).contains(ConnectionState.DISCONNECTED);
        assertThat(server.authRequests.get(1).get("grant_type").asText()).isEqualTo("client_signature");
    }

    @Test
    void shouldReadAnswersWithExactNumbersAndClassifyTheirErrors() {
        open(DeribitGrantType.CLIENT_SIGNATURE);

        Result<JsonNode> price = rpc.request("public/get_index_price", JsonNodeFactory.instance.objectNode()).join();
        Result<JsonNode> refused = rpc.request("public/get_error", JsonNodeFactory.instance.objectNode()).join();

        assertThat(price.value().get("index_price").decimalValue())
                .isEqualTo(new BigDecimal("0.12345678901234567891"));
        assertThat(refused.error().kind()).isEqualTo(ErrorKind.INSUFFICIENT_FUNDS);
        assertThat(refused.error().code()).isEqualTo("10009");
        assertThat(unrouted).isEmpty();
    }

    @Test
    void shouldRenewTheTokenWithTheRefreshTokenAheadOfExpiry() {
        server.expiresInSeconds = 2;
        open(DeribitGrantType.CLIENT_CREDENTIALS);

        await("a refresh at 80 % of 2 s", () -> server.authRequests.size() >= 2);

        JsonNode refresh = server.authRequests.get(1);
        assertThat(refresh.get("grant_type").asText()).isEqualTo("refresh_token");
        assertThat(refresh.get("refresh_token").asText()).isEqualTo("rt-1");
        assertThat(refresh.get("scope").asText()).isEqualTo("session:exbus-test");
        await("the new token in use", () -> rpc.auth().credential().join().value().accessToken().equals("at-2"));
    }

    @Test
    void shouldWaitForTheCreditsAndStartANewSessionAfterTooManyRequests() {
        open(DeribitGrantType.CLIENT_SIGNATURE);
        rpc.subscribe(List.of("ticker.BTC-PERPETUAL.100ms"), (c, d, r, t) -> { }).join();
        server.tooManyRequests.set(true);

        Result<JsonNode> refused = rpc.request("public/get_time", JsonNodeFactory.instance.objectNode()).join();
        Result<JsonNode> meanwhile = rpc.request("public/get_time", JsonNodeFactory.instance.objectNode()).join();

        assertThat(refused.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(refused.error().code()).isEqualTo("10028");
        assertThat(refused.error().retryAfterHint()).isPresent();
        assertThat(meanwhile.error().code()).isIn(LimitRefusal.SESSION_ENDED, null);
        await("a new session with its subscription", () -> rpc.sessionsStarted() == 2
                && rpc.state() == ConnectionState.CONNECTED && server.count("private/subscribe") >= 2);
        assertThat(rpc.request("public/get_time", JsonNodeFactory.instance.objectNode()).join().isOk()).isTrue();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
