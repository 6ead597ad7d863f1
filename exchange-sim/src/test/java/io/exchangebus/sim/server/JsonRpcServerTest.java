package io.exchangebus.sim.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.exchangebus.sim.ManualClock;
import io.exchangebus.sim.auth.AccessTokens;
import io.exchangebus.sim.auth.Checked;
import io.exchangebus.sim.auth.CookieSession;
import io.exchangebus.sim.auth.CookieSessions;
import io.exchangebus.sim.auth.Refusal;
import io.exchangebus.sim.auth.TokenGrant;
import io.exchangebus.sim.fault.FaultInjector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON-RPC base over a real loopback WebSocket, with a made-up venue in Deribit's manner: token login with
 * connection or session scope, a venue error code for refused private calls, usIn/usOut decoration, heartbeats that
 * must be answered with public/test, and channel notifications.
 */
class JsonRpcServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int UNAUTHORIZED = 13009;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final FaultInjector faults = new FaultInjector();
    private final AccessTokens tokens =
            new AccessTokens(clock, Duration.ofSeconds(900), Duration.ofDays(1), new Random(5));
    private final CookieSessions cookies = new CookieSessions("gravity", clock, Duration.ofHours(24), new Random(6));
    private final ToyRpcVenue server = new ToyRpcVenue(faults, clock, tokens, cookies);
    private final List<TestWsClient> clients = new ArrayList<>();

    /** A made-up exchange on the JSON-RPC base. */
    static final class ToyRpcVenue extends JsonRpcServer {
        private final AccessTokens tokens;
        private final CookieSessions cookies;

        ToyRpcVenue(FaultInjector faults, Clock clock, AccessTokens tokens, CookieSessions cookies) {
            super(faults, clock);
            this.tokens = tokens;
            this.cookies = cookies;
            method("public/auth", this::auth);
            method("public/test", (req, s) -> JsonRpcReply.ok(JSON.createObjectNode().put("version", "1.2.26")));
            method("public/set_heartbeat", (req, s) -> {
                Duration interval = Duration.ofMillis(req.params().path("interval_ms").asLong());
                startHeartbeats(s, new HeartbeatPolicy(interval, interval,
                        notification("heartbeat", JSON.createObjectNode().put("type", "test_request")),
                        Set.of("public/test"), 4000, "heartbeat not answered"));
                return JsonRpcReply.ok(TextNode.valueOf("ok"));
            });
            method("public/subscribe", (req, s) -> {
                req.params().path("channels").forEach(c -> s.subscribe(c.asText()));
                ObjectNode snapshot = JSON.createObjectNode().put("type", "snapshot");
                return JsonRpcReply.ok(req.params().path("channels")).thenRun(() -> req.params().path("channels")
                        .forEach(c -> push(s, c.asText(), snapshot)));
            });
            method("public/boom", (req, s) -> {
                throw new IllegalStateException("a bug");
            });
            privateMethod("private/whoami",
                    (req, s) -> JsonRpcReply.ok(JSON.createObjectNode().put("account", req.account())));
            startAndWait();
        }

        private JsonRpcReply auth(JsonRpcRequest req, JsonRpcSession session) {
            ObjectNode p = req.params();
            TokenGrant grant;
            if (p.path("grant_type").asText().equals("refresh_token")) {
                Checked<TokenGrant> refreshed = tokens.refresh(p.path("refresh_token").asText());
                if (refreshed instanceof Checked.Refused<TokenGrant> r) {
                    return JsonRpcReply.error(refuse(req, r.reason()));
                }
                grant = ((Checked.Valid<TokenGrant>) refreshed).session();
            } else if (p.path("client_id").asText().equals("alice-key")
                    && p.path("client_secret").asText().equals("s3cret")) {
                String scope = p.path("scope").asText("connection");
                grant = tokens.issue("alice", scope,
                        scope.startsWith("session:") ? scope : "connection:" + session.connectionId());
            } else {
                return JsonRpcReply.error(13004, "invalid_credentials");
            }
            session.authenticate(grant.account(), grant.expiresAt());
            return JsonRpcReply.ok(JSON.createObjectNode().put("access_token", grant.accessToken())
                    .put("refresh_token", grant.refreshToken()).put("expires_in", grant.expiresInSeconds())
                    .put("scope", grant.scope()).put("token_type", "bearer"));
        }

        @Override
        protected Checked<String> authorize(JsonRpcRequest request, JsonRpcSession session) {
            JsonNode token = request.params().get("access_token");
            if (token == null) {
                return super.authorize(request, session);
            }
            Checked<TokenGrant> grant = tokens.check(token.asText());
            return grant instanceof Checked.Valid<TokenGrant> v ? new Checked.Valid<>(v.session().account())
                    : new Checked.Refused<>(((Checked.Refused<TokenGrant>) grant).reason());
        }

        @Override
        protected JsonRpcError refuse(JsonRpcRequest request, Refusal reason) {
            return new JsonRpcError(UNAUTHORIZED, "unauthorized",
                    JSON.createObjectNode().put("reason", reason.name().toLowerCase()));
        }

        @Override
        protected void decorate(ObjectNode response, JsonRpcRequest request, JsonRpcSession session) {
            long usOut = micros(clock().instant());
            if (request != null) {
                long usIn = micros(request.receivedAt());
                response.put("usIn", usIn).put("usOut", usOut).put("usDiff", usOut - usIn);
            }
            response.put("testnet", true);
        }

        @Override
        protected int maxFrameChars() {
            return 32 * 1024;
        }

        /** GRVT's manner: a connection whose handshake carries a valid login cookie is authenticated by it. */
        @Override
        protected void onSessionOpened(JsonRpcSession session) {
            if (cookies.check(session.handshakeHeader("Cookie").orElse(null))
                    instanceof Checked.Valid<CookieSession> valid) {
                session.authenticate(valid.session().account(), valid.session().expiresAt());
            }
        }

        @Override
        protected void onSessionClosed(JsonRpcSession session) {
            tokens.revokeScope("connection:" + session.connectionId());
        }

        private void push(JsonRpcSession session, String channel, JsonNode data) {
            ObjectNode params = JSON.createObjectNode().put("channel", channel);
            params.set("data", data);
            push(session.connection(), notification("subscription", params));
        }

        void notifyChannel(String channel, JsonNode data) {
            ObjectNode params = JSON.createObjectNode().put("channel", channel);
            params.set("data", data);
            publish(channel, notification("subscription", params));
        }

        private static long micros(Instant t) {
            return ChronoUnit.MICROS.between(Instant.EPOCH, t);
        }
    }

    @AfterEach
    void close() {
        clients.forEach(TestWsClient::close);
        server.close();
    }

    private TestWsClient connect() throws InterruptedException {
        TestWsClient client = TestWsClient.connect(server.uri("/ws/api/v2"));
        clients.add(client);
        return client;
    }

    private static JsonNode call(TestWsClient client, Object id, String method, String params) throws Exception {
        String idJson = id instanceof String s ? "\"" + s + "\"" : String.valueOf(id);
        client.send("{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"" + method + "\",\"params\":" + params
                + "}");
        return JSON.readTree(client.next());
    }

    private static JsonNode send(TestWsClient client, String raw) throws Exception {
        client.send(raw);
        return JSON.readTree(client.next());
    }

    @Test
    void shouldEchoTheIdAsSentAndDecorateTheResponse() throws Exception {
        TestWsClient client = connect();

        JsonNode byNumber = call(client, 42, "public/test", "{}");
        JsonNode byText = call(client, "req-7", "public/test", "{}");
        JsonNode noId = send(client, "{\"jsonrpc\":\"2.0\",\"method\":\"public/test\"}");

        assertThat(byNumber.get("id").isInt()).isTrue();
        assertThat(byNumber.get("id").asInt()).isEqualTo(42);
        assertThat(byNumber.path("result").path("version").asText()).isEqualTo("1.2.26");
        assertThat(byNumber.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(byNumber.path("usIn").asLong()).isEqualTo(1772366400000000L);
        assertThat(byNumber.path("usDiff").asLong()).isZero();
        assertThat(byNumber.path("testnet").asBoolean()).isTrue();
        assertThat(byText.get("id").asText()).isEqualTo("req-7");
        assertThat(noId.has("id")).isFalse();
        assertThat(noId.has("result")).isTrue();
    }

    @Test
    void shouldAnswerFramingErrorsWithStandardCodes() throws Exception {
        TestWsClient client = connect();

        JsonNode notJson = send(client, "{not json");
        JsonNode batch = send(client, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"public/test\"}]");
        JsonNode unknown = call(client, 3, "public/nope", "{}");
        JsonNode positional = call(client, 4, "public/test", "[1,2]");
        JsonNode bug = call(client, 5, "public/boom", "{}");
        JsonNode tooLarge = call(client, 6, "public/test", "{\"pad\":\"" + "x".repeat(33 * 1024) + "\"}");

        assertThat(notJson.get("id").isNull()).isTrue();
        assertThat(notJson.path("error").path("code").asInt()).isEqualTo(-32700);
        assertThat(batch.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(unknown.path("id").asInt()).isEqualTo(3);
        assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(unknown.path("usIn").isNumber()).isTrue();
        assertThat(positional.path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(bug.path("error").path("code").asInt()).isEqualTo(-32603);
        assertThat(tooLarge.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(tooLarge.path("error").path("message").asText()).isEqualTo("request entity too large");
        assertThat(call(client, 7, "public/test", "{}").path("result").isObject()).as("still served").isTrue();
    }

    @Test
    void shouldRefusePrivateCallsWithTheVenueCodeUntilAuthenticatedAndAfterExpiry() throws Exception {
        TestWsClient client = connect();

        JsonNode before = call(client, 1, "private/whoami", "{}");
        JsonNode badLogin = call(client, 2, "public/auth", "{\"client_id\":\"alice-key\",\"client_secret\":\"x\"}");
        JsonNode auth = call(client, 3, "public/auth",
                "{\"grant_type\":\"client_credentials\",\"client_id\":\"alice-key\",\"client_secret\":\"s3cret\"}");
        JsonNode during = call(client, 4, "private/whoami", "{}");
        clock.advance(Duration.ofSeconds(900));
        JsonNode after = call(client, 5, "private/whoami", "{}");
        JsonNode refreshed = call(client, 6, "public/auth", "{\"grant_type\":\"refresh_token\",\"refresh_token\":\""
                + auth.path("result").path("refresh_token").asText() + "\"}");
        JsonNode again = call(client, 7, "private/whoami", "{}");

        assertThat(before.path("error").path("code").asInt()).isEqualTo(UNAUTHORIZED);
        assertThat(before.path("error").path("data").path("reason").asText()).isEqualTo("unknown");
        assertThat(badLogin.path("error").path("code").asInt()).isEqualTo(13004);
        assertThat(auth.path("result").path("expires_in").asLong()).isEqualTo(900);
        assertThat(during.path("result").path("account").asText()).isEqualTo("alice");
        assertThat(after.path("error").path("code").asInt()).isEqualTo(UNAUTHORIZED);
        assertThat(after.path("error").path("data").path("reason").asText()).isEqualTo("expired");
        assertThat(refreshed.path("result").path("access_token").asText())
                .isNotEqualTo(auth.path("result").path("access_token").asText());
        assertThat(again.path("result").path("account").asText()).isEqualTo("alice");
    }

    @Test
    void shouldRefuseAConnectionScopedTokenOnAnotherConnectionOnceItsConnectionClosed() throws Exception {
        TestWsClient first = connect();
        String token = call(first, 1, "public/auth", "{\"client_id\":\"alice-key\",\"client_secret\":\"s3cret\"}")
                .path("result").path("access_token").asText();
        String sessionToken = call(first, 2, "public/auth",
                "{\"client_id\":\"alice-key\",\"client_secret\":\"s3cret\",\"scope\":\"session:exec\"}")
                .path("result").path("access_token").asText();
        TestWsClient second = connect();
        assertThat(call(second, 1, "private/whoami", "{\"access_token\":\"" + token + "\"}")
                .path("result").path("account").asText()).isEqualTo("alice");

        first.closeBlocking();
        awaitSessions(1);

        JsonNode reused = call(second, 2, "private/whoami", "{\"access_token\":\"" + token + "\"}");
        assertThat(reused.path("error").path("code").asInt()).isEqualTo(UNAUTHORIZED);
        assertThat(reused.path("error").path("data").path("reason").asText()).isEqualTo("revoked");
        assertThat(call(second, 3, "private/whoami", "{\"access_token\":\"" + sessionToken + "\"}")
                .path("result").path("account").asText()).as("session scope survives").isEqualTo("alice");
    }

    @Test
    void shouldAuthenticateAConnectionFromItsHandshakeCookieUntilTheCookieExpires() throws Exception {
        CookieSession login = cookies.issue("sub-1");
        TestWsClient withCookie = new TestWsClient(server.uri("/ws/full"));
        withCookie.addHeader("Cookie", "gravity=" + login.value());
        assertThat(withCookie.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
        clients.add(withCookie);
        TestWsClient without = connect();

        assertThat(call(withCookie, 1, "private/whoami", "{}").path("result").path("account").asText())
                .isEqualTo("sub-1");
        assertThat(call(without, 1, "private/whoami", "{}").path("error").path("code").asInt())
                .isEqualTo(UNAUTHORIZED);
        clock.advance(Duration.ofHours(24));
        assertThat(call(withCookie, 2, "private/whoami", "{}").path("error").path("data").path("reason").asText())
                .isEqualTo("expired");
    }

    @Test
    void shouldPushNotificationsOnlyToSubscribedConnections() throws Exception {
        TestWsClient subscribed = connect();
        TestWsClient other = connect();
        JsonNode ack = call(subscribed, 1, "public/subscribe", "{\"channels\":[\"book.BTC-PERPETUAL.raw\"]}");
        JsonNode snapshot = JSON.readTree(subscribed.next());
        call(other, 1, "public/subscribe", "{\"channels\":[\"trades.BTC-PERPETUAL.raw\"]}");
        other.next();

        server.notifyChannel("book.BTC-PERPETUAL.raw", JSON.createObjectNode().put("change_id", 1));

        JsonNode pushed = JSON.readTree(subscribed.next());
        assertThat(ack.path("result")).hasSize(1);
        assertThat(snapshot.path("params").path("data").path("type").asText()).isEqualTo("snapshot");
        assertThat(pushed.has("id")).isFalse();
        assertThat(pushed.path("method").asText()).isEqualTo("subscription");
        assertThat(pushed.path("params").path("channel").asText()).isEqualTo("book.BTC-PERPETUAL.raw");
        assertThat(pushed.path("params").path("data").path("change_id").asInt()).isEqualTo(1);
        assertThat(other.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void shouldSendASubscriptionsFirstSnapshotAfterItsAcknowledgementEvenWhenAnswersAreDelayed() throws Exception {
        TestWsClient client = connect();
        faults.delayResponses(Duration.ofMillis(200));

        client.send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"public/subscribe\","
                + "\"params\":{\"channels\":[\"book.BTC-PERPETUAL.raw\"]}}");

        assertThat(JSON.readTree(client.next()).path("id").asInt()).isEqualTo(9);
        assertThat(JSON.readTree(client.next()).path("params").path("data").path("type").asText())
                .isEqualTo("snapshot");
    }

    @Test
    void shouldCloseAConnectionThatLeavesATestRequestUnanswered() throws Exception {
        TestWsClient answering = connect();
        TestWsClient silent = connect();
        call(answering, 1, "public/set_heartbeat", "{\"interval_ms\":150}");
        call(silent, 1, "public/set_heartbeat", "{\"interval_ms\":150}");

        JsonNode testRequest = JSON.readTree(silent.next());
        int answered = 0;
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        while (System.nanoTime() < until) {
            String frame = answering.messages.poll(50, TimeUnit.MILLISECONDS);
            if (frame != null && JSON.readTree(frame).path("method").asText().equals("heartbeat")) {
                answering.send("{\"jsonrpc\":\"2.0\",\"id\":" + (100 + answered) + ",\"method\":\"public/test\"}");
                answered++;
            }
        }

        assertThat(testRequest.path("method").asText()).isEqualTo("heartbeat");
        assertThat(testRequest.path("params").path("type").asText()).isEqualTo("test_request");
        assertThat(silent.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(4000);
        assertThat(answered).isGreaterThanOrEqualTo(3);
        assertThat(answering.isOpen()).isTrue();
    }

    @Test
    void shouldSendNoTestRequestsWhileHeartbeatsAreStoppedByAFault() throws Exception {
        TestWsClient client = connect();
        faults.stopHeartbeats();
        call(client, 1, "public/set_heartbeat", "{\"interval_ms\":100}");

        assertThat(client.messages.poll(600, TimeUnit.MILLISECONDS)).isNull();
        assertThat(client.isOpen()).isTrue();
        assertThat(server.sessions()).singleElement()
                .satisfies(s -> assertThat(s.testRequestsSent()).isZero());
    }

    private void awaitSessions(int count) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.sessions().size() != count && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(server.sessions()).hasSize(count);
    }
}
