package io.exchangebus.connectors.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.ws.BackoffPolicy;
import io.exchangebus.connectors.core.ws.LoopbackWsServer;
import io.exchangebus.connectors.core.ws.WsSettings;
import io.exchangebus.events.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JSON-RPC client against a real WebSocket server on 127.0.0.1 ({@link LoopbackWsServer}), answering with the
 * documented Deribit and GRVT payloads in {@code src/test/resources/rpc} (only their {@code id} set to the request's).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JsonRpcClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generous: waits end as soon as their condition holds, and a loaded 2-core machine can be slow. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);
    private static final BackoffPolicy FAST_BACKOFF =
            new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(400), 2.0, 0.0);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    /** The server {@link #server()} started last: the one {@link #started} clients connect to. */
    private LoopbackWsServer lastServer;
    private final List<String> unrouted = new CopyOnWriteArrayList<>();
    private final List<Long> overflows = new CopyOnWriteArrayList<>();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void shouldGiveEachCallerTheAnswerToItsOwnRequestWhenAnswersComeOutOfOrder() throws Exception {
        LoopbackWsServer server = server();
        List<JsonNode> held = new CopyOnWriteArrayList<>();
        List<Consumer<String>> replies = new CopyOnWriteArrayList<>();
        server.respondWith((connection, text, reply) -> {
            held.add(read(text));
            replies.add(reply);
            if (held.size() == 3) {
                for (int i = 2; i >= 0; i--) { // last asked, first answered
                    replies.get(i).accept(answer(held.get(i), held.get(i).path("params").path("n")));
                }
            }
        });
        JsonRpcClient client = started(builder(server));

        List<CompletableFuture<Result<JsonNode>>> answers = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            answers.add(client.request("public/echo", Map.of("n", n)));
        }

        for (int n = 1; n <= 3; n++) {
            assertThat(answers.get(n - 1).get(5, TimeUnit.SECONDS).value().asInt()).isEqualTo(n);
        }
        assertThat(held).extracting(f -> f.path("jsonrpc").asText()).containsOnly("2.0");
        assertThat(held).extracting(f -> f.path("id").isIntegralNumber()).containsOnly(true);
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void shouldFailAnUnansweredRequestWithATimeoutAndForgetIt() throws Exception {
        LoopbackWsServer server = server();
        JsonRpcClient client = started(builder(server));

        Result<JsonNode> result = client.request("private/buy", Map.of("instrument_name", "BTC-PERPETUAL"))
                .get(5, TimeUnit.SECONDS);

        assertThat(result.error().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(result.error().retryable()).isTrue();
        assertThat(result.error().message()).isEqualTo("private/buy: no answer within 300 ms; its outcome is unknown");
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void shouldFailEveryPendingRequestWithNetworkWhenTheServerDropsTheSocket() throws Exception {
        LoopbackWsServer server = server();
        JsonRpcClient client = started(builder(server).requestTimeout(Duration.ofSeconds(20)));
        CompletableFuture<Result<JsonNode>> buy = client.request("private/buy", Map.of());
        CompletableFuture<Result<JsonNode>> cancel = client.request("private/cancel", Map.of());
        await(() -> server.receivedOn(1).size() == 2, "both requests at the server");

        server.dropAll();

        ExchangeError buyError = buy.get(5, TimeUnit.SECONDS).error();
        ExchangeError cancelError = cancel.get(5, TimeUnit.SECONDS).error();
        assertThat(List.of(buyError.kind(), cancelError.kind())).containsOnly(ErrorKind.NETWORK);
        assertThat(buyError.message()).isEqualTo(
                "private/buy: connection lost before the answer; its outcome is unknown");
        assertThat(cancelError.message()).startsWith("private/cancel: connection lost");
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void shouldTurnAnErrorObjectIntoAnExchangeErrorThroughTheConnectorsClassifier() throws Exception {
        LoopbackWsServer server = server();
        String error = fixture("deribit_ws_error.json");
        server.respondWith((connection, text, reply) -> reply.accept(withIdOf(read(text), error)));
        List<String> classifiedMethods = new CopyOnWriteArrayList<>();
        JsonRpcErrorClassifier deribit = (method, e) -> {
            classifiedMethods.add(method);
            return e.path("code").asInt() == 10028
                    ? ExchangeError.rateLimited("deribit", "10028", method + ": " + e.path("message").asText(), 0, null)
                    : JsonRpcErrorClassifier.keepingCode("deribit").classify(method, e);
        };
        JsonRpcClient classified = started(builder(server).errors(deribit));
        JsonRpcClient byDefault = started(builder(server));

        ExchangeError mapped = classified.request("private/buy", Map.of()).get(5, TimeUnit.SECONDS).error();
        ExchangeError kept = byDefault.request("private/buy", Map.of()).get(5, TimeUnit.SECONDS).error();

        assertThat(mapped.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(mapped.code()).isEqualTo("10028");
        assertThat(mapped.retryable()).isTrue();
        assertThat(classifiedMethods).containsExactly("private/buy");
        assertThat(kept.kind()).isEqualTo(ErrorKind.UNKNOWN);
        assertThat(kept.code()).isEqualTo("10028");
        assertThat(kept.message()).isEqualTo("private/buy: too_many_requests");
    }

    @Test
    void shouldRouteNotificationsByChannelAndSendUnroutedOnesToTheFallback() throws Exception {
        LoopbackWsServer server = server();
        List<String> book = new CopyOnWriteArrayList<>();
        JsonRpcClient client = started(builder(server));
        client.route("book.BTC-PERPETUAL.100ms",
                (channel, frame) -> book.add(channel + " " + frame.path("params").path("data").path("change_id")));
        String priceIndex = fixture("deribit_ws_price_index.json");

        server.sendToAll(fixture("deribit_ws_book_100ms.json"));
        server.sendToAll(priceIndex);
        server.sendToAll("not json");
        await(() -> unrouted.size() == 2, "two frames at the fallback");

        assertThat(book).containsExactly("book.BTC-PERPETUAL.100ms 297217");
        assertThat(unrouted).containsExactly(priceIndex, "not json");
    }

    @Test
    void shouldGiveTheRawFirstHookEachFrameBeforeReadingItAndReadOnlyThoseItDeclines() throws Exception {
        LoopbackWsServer server = server();
        List<String> taken = new CopyOnWriteArrayList<>();
        List<String> routed = new CopyOnWriteArrayList<>();
        String book = fixture("deribit_ws_book_100ms.json");
        String priceIndex = fixture("deribit_ws_price_index.json");
        JsonRpcClient client = started(builder(server).rawFirst(raw -> raw.equals(book) && taken.add(raw)));
        client.route("book.BTC-PERPETUAL.100ms", (channel, frame) -> routed.add(channel));

        server.sendToAll(book);
        server.sendToAll(priceIndex);
        await(() -> unrouted.size() == 1, "the declined frame at the fallback");

        assertThat(taken).containsExactly(book);
        assertThat(routed).as("a frame the hook took is not routed again").isEmpty();
        assertThat(unrouted).containsExactly(priceIndex);
    }

    @Test
    void shouldGiveTheRawBytesHookEachFrameAsBytesAndReadThoseItDeclinesAsText() throws Exception {
        LoopbackWsServer server = server();
        List<String> takenAsBytes = new CopyOnWriteArrayList<>();
        List<String> offeredAsText = new CopyOnWriteArrayList<>();
        List<String> routed = new CopyOnWriteArrayList<>();
        String book = fixture("deribit_ws_book_100ms.json");
        String priceIndex = fixture("deribit_ws_price_index.json");
        JsonRpcClient client = started(builder(server)
                .rawBytesFirst(utf8 -> {
                    String text = new String(utf8, StandardCharsets.UTF_8);
                    return text.equals(book) && takenAsBytes.add(text);
                })
                .rawFirst(raw -> {
                    offeredAsText.add(raw);
                    return false;
                }));
        client.route("book.BTC-PERPETUAL.100ms", (channel, frame) -> routed.add(channel));
        client.route("deribit_price_index.btc_usd", (channel, frame) -> routed.add(channel));

        server.sendToAll(book);
        server.sendToAll(priceIndex);
        server.sendToAll("not json");
        CompletableFuture<Result<JsonNode>> echo = client.request("public/echo", Map.of());
        await(() -> !server.receivedOn(1).isEmpty(), "the request at the server");
        JsonNode request = read(server.receivedOn(1).get(0));
        server.sendToAll(answer(request, JSON.getNodeFactory().textNode("pong")));

        assertThat(echo.get(5, TimeUnit.SECONDS).value().asText()).as("an answer declined as bytes is matched as text")
                .isEqualTo("pong");
        await(() -> unrouted.size() == 1, "the malformed frame at the fallback, as text");
        assertThat(takenAsBytes).containsExactly(book);
        assertThat(offeredAsText).as("only the frames the bytes hook declined are made text")
                .startsWith(priceIndex, "not json").hasSize(3);
        assertThat(routed).as("a frame taken as bytes is not routed again").containsExactly("deribit_price_index.btc_usd");
        assertThat(unrouted).containsExactly("not json");
    }

    @Test
    void shouldRouteByAChannelExtractorOfTheConnectorsOwnShape() throws Exception {
        LoopbackWsServer server = server();
        List<String> seen = new CopyOnWriteArrayList<>();
        ChannelExtractor grvt = frame -> frame.hasNonNull("stream") && frame.has("feed")
                ? frame.path("stream").asText() + "/" + frame.path("selector").asText() : null;
        JsonRpcClient client = started(builder(server).channels(grvt));
        client.route("v1.mini.s/BTC_USDT_Perp", (channel, frame) -> seen.add(frame.path("feed").path("mark_price")
                .asText()));

        server.sendToAll(fixture("grvt_ws_feed_mini_snap.json"));
        server.sendToAll(fixture("deribit_ws_book_100ms.json"));
        await(() -> seen.size() == 1 && unrouted.size() == 1, "one routed, one to the fallback");

        assertThat(seen).containsExactly("65038.01");
        assertThat(read(unrouted.get(0)).path("method").asText()).isEqualTo("subscription");
    }

    @Test
    void shouldReportTheChannelsMissingFromTheSubscribeAnswerAndResendOnlyTheConfirmedOnes() throws Exception {
        LoopbackWsServer server = server();
        String confirmed = fixture("deribit_ws_subscribe_response.json"); // trades and book, not ticker
        server.respondWith((connection, text, reply) -> reply.accept(withIdOf(read(text), confirmed)));
        JsonRpcClient client = started(builder(server).subscriptions(SubscriptionProtocol.channelList(
                "public/subscribe")));

        Result<List<String>> result = client.subscribe(List.of("trades.BTC-PERPETUAL.100ms",
                "book.BTC-PERPETUAL.100ms", "ticker.BTC-PERPETUAL.100ms"), (c, f) -> { }).get(5, TimeUnit.SECONDS);

        assertThat(result.isOk()).isFalse();
        assertThat(result.error().code()).isEqualTo("SUBSCRIPTION_INCOMPLETE");
        assertThat(result.error().message()).isEqualTo(
                "public/subscribe: not subscribed by the server: [ticker.BTC-PERPETUAL.100ms] (2 of 3 channels are)");
        JsonNode sent = read(server.receivedOn(1).get(0));
        assertThat(sent.path("method").asText()).isEqualTo("public/subscribe");
        assertThat(sent.path("params").path("channels")).hasSize(3);

        server.dropAll(); // the refused channel is forgotten: only the confirmed ones are resent
        await(() -> server.receivedOn(2).size() == 1, "the resubscription on the second socket");
        assertThat(read(server.receivedOn(2).get(0)).path("params").path("channels")).extracting(JsonNode::asText)
                .containsExactly("trades.BTC-PERPETUAL.100ms", "book.BTC-PERPETUAL.100ms");
    }

    @Test
    void shouldAuthenticateThenResubscribeTheConfirmedChannelsAfterTheServerDropsTheSocket() throws Exception {
        LoopbackWsServer server = server();
        String confirmed = fixture("deribit_ws_subscribe_response.json");
        String ok = fixture("deribit_public_test_response.json");
        server.respondWith((connection, text, reply) -> {
            JsonNode request = read(text);
            reply.accept(withIdOf(request, request.path("method").asText().equals("public/subscribe") ? confirmed
                    : ok));
        });
        List<Result<List<String>>> resubscribed = new CopyOnWriteArrayList<>();
        List<String> trades = new CopyOnWriteArrayList<>();
        JsonRpcClient client = started(builder(server)
                .subscriptions(SubscriptionProtocol.channelList("public/subscribe"))
                .onResubscribed(resubscribed::add)
                .openHook(onNewSocket -> onNewSocket.request("public/auth", JSON.createObjectNode()
                        .put("grant_type", "client_signature"))));
        List<String> channels = List.of("trades.BTC-PERPETUAL.100ms", "book.BTC-PERPETUAL.100ms");
        assertThat(client.subscribe(channels, (c, f) -> trades.add(c)).get(5, TimeUnit.SECONDS).value())
                .isEqualTo(channels);

        server.dropAll();
        await(() -> resubscribed.size() == 1, "the answer to the resubscription");

        assertThat(resubscribed.get(0).value()).isEqualTo(channels);
        // Found by what was sent, not by the connection's number: on a loaded machine a connect attempt can time
        // out after the server counted it.
        List<LoopbackWsServer.Received> subscribes = server.received().stream()
                .filter(r -> read(r.text()).path("method").asText().equals("public/subscribe")).toList();
        assertThat(subscribes).hasSize(2);
        int resentOn = subscribes.get(1).connection();
        assertThat(resentOn).isGreaterThan(subscribes.get(0).connection());
        List<JsonNode> second = server.receivedOn(resentOn).stream().map(JsonRpcClientTest::read).toList();
        assertThat(second).extracting(f -> f.path("method").asText())
                .containsExactly("public/auth", "public/subscribe");
        assertThat(second.get(1).path("params").path("channels")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(channels);
        long firstId = read(subscribes.get(0).text()).path("id").asLong();
        assertThat(second.get(1).path("id").asLong()).as("a fresh id for the resend").isGreaterThan(firstId);
        assertThat(states).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED,
                ConnectionState.CONNECTED);
    }

    @Test
    void shouldFailALoginLostWithItsSocketOnAReconnectAtOnceRatherThanAtItsTimeout() throws Exception {
        LoopbackWsServer server = server();
        String ok = fixture("deribit_public_test_response.json");
        server.respondWith((connection, text, reply) -> {
            if (connection == 2) {
                server.dropAll(); // the second socket dies while its login waits: no DISCONNECTED is reported
            } else {
                reply.accept(withIdOf(read(text), ok));
            }
        });
        List<Result<JsonNode>> logins = new CopyOnWriteArrayList<>();
        started(builder(server).requestTimeout(Duration.ofSeconds(20))
                .openHook(onNewSocket -> onNewSocket.request("public/auth", JSON.createObjectNode())
                        .thenApply(r -> {
                            logins.add(r);
                            return r;
                        })));

        long began = System.nanoTime();
        server.dropAll();
        await(() -> logins.size() == 3, "the logins of three sockets");
        await(() -> states.stream().filter(ConnectionState.CONNECTED::equals).count() == 2, "connected again");

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        assertThat(logins.get(1).error().kind()).isEqualTo(ErrorKind.NETWORK);
        assertThat(logins.get(1).error().message()).startsWith("public/auth: connection lost");
        assertThat(List.of(logins.get(0).isOk(), logins.get(2).isOk())).containsOnly(true);
        assertThat(states).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED,
                ConnectionState.DISCONNECTED, ConnectionState.RECONNECTING, ConnectionState.RECONNECTING,
                ConnectionState.CONNECTED);
    }

    @Test
    void shouldAnswerTheServersTestRequestThroughTheHeartbeatHook() throws Exception {
        LoopbackWsServer server = server();
        String ok = fixture("deribit_public_test_response.json");
        server.respondWith((connection, text, reply) -> reply.accept(withIdOf(read(text), ok)));
        List<Result<JsonNode>> answered = new CopyOnWriteArrayList<>();
        ServerRequestHook heartbeat = (frame, client) -> {
            if (!"heartbeat".equals(frame.path("method").asText())) {
                return false;
            }
            if ("test_request".equals(frame.path("params").path("type").asText())) {
                client.request("public/test", JSON.createObjectNode()).thenAccept(answered::add);
            }
            return true;
        };
        started(builder(server).serverRequests(heartbeat));

        server.sendToAll(fixture("deribit_ws_test_request.json"));
        await(() -> answered.size() == 1, "public/test answered");

        assertThat(read(server.receivedOn(1).get(0)).path("method").asText()).isEqualTo("public/test");
        assertThat(answered.get(0).value().path("version").asText()).isEqualTo("1.2.26");
        assertThat(unrouted).isEmpty();
    }

    @Test
    void shouldSendALateAnswerToTheFallbackRatherThanLoseIt() throws Exception {
        LoopbackWsServer server = server();
        String ok = fixture("deribit_public_test_response.json");
        List<Consumer<String>> replies = new CopyOnWriteArrayList<>();
        List<JsonNode> requests = new CopyOnWriteArrayList<>();
        server.respondWith((connection, text, reply) -> {
            requests.add(read(text));
            replies.add(reply);
        });
        JsonRpcClient client = started(builder(server));
        assertThat(client.request("public/test", Map.of()).get(5, TimeUnit.SECONDS).error().kind())
                .isEqualTo(ErrorKind.TIMEOUT);

        replies.get(0).accept(withIdOf(requests.get(0), ok));
        await(() -> unrouted.size() == 1, "the late answer at the fallback");

        assertThat(read(unrouted.get(0)).path("result").path("version").asText()).isEqualTo("1.2.26");
    }

    @Test
    void shouldPassFramesDroppedByAFullQueueToTheDeclaredOverflowHandler() throws Exception {
        LoopbackWsServer server = server();
        List<String> book = new CopyOnWriteArrayList<>();
        List<FramesDropped> told = new CopyOnWriteArrayList<>();
        CountDownLatch allRead = new CountDownLatch(1);
        JsonRpcClient client = started(JsonRpcClient.builder("deribit", WsSettings.builder("rpc-overflow",
                        URI.create(server.uri())).handOffCapacity(1).build())
                .fallback(unrouted::add).onOverflow(overflows::add).listener(new ConnectionListener() {
                    @Override
                    public void onConnectionEvent(ConnectionEvent event) {
                    }

                    @Override
                    public void onFramesDropped(FramesDropped event) {
                        told.add(event);
                    }
                }));
        client.route("book.BTC-PERPETUAL.100ms", (channel, frame) -> {
            book.add(channel);
            await(allRead); // the handler holds the first frame: one more fits the queue, the rest are dropped
        });
        String frame = fixture("deribit_ws_book_100ms.json");

        for (int i = 0; i < 50; i++) {
            server.sendToAll(frame);
        }
        await(() -> client.connection().stats().framesReceived() == 50, "every frame read by the client");
        allRead.countDown();
        server.sendToAll(frame); // a drop is reported before the next frame delivered at the latest
        await(() -> book.size() + client.connection().stats().framesDropped() == 51, "every frame delivered or dropped");

        long dropped = client.connection().stats().framesDropped();
        assertThat(dropped).as("one held by the handler, at most one queued").isGreaterThanOrEqualTo(48);
        // in one report or two: the consumer may take the first frame before or after some were dropped
        assertThat(overflows.stream().mapToLong(Long::longValue).sum()).isEqualTo(dropped);
        await(() -> told.stream().mapToLong(FramesDropped::dropped).sum() == dropped,
                "the drops forwarded to the client's listener");
        assertThat(told).allSatisfy(d -> assertThat(d.connection()).isEqualTo("rpc-overflow"));
        assertThat(unrouted).isEmpty();
    }

    // ---- helpers ----

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private LoopbackWsServer server() throws Exception {
        LoopbackWsServer server = LoopbackWsServer.startOn(0);
        lastServer = server;
        toClose.add(server::stopNow);
        return server;
    }

    private JsonRpcClient.Builder builder(LoopbackWsServer server) {
        WsSettings settings = WsSettings.builder("rpc-test", URI.create(server.uri()))
                .connectTimeout(Duration.ofSeconds(2)).pingInterval(Duration.ofMillis(100))
                .silenceTimeout(Duration.ofSeconds(2)).backoff(FAST_BACKOFF).build();
        return JsonRpcClient.builder("deribit", settings).requestTimeout(REQUEST_TIMEOUT)
                .fallback(unrouted::add).onOverflow(overflows::add).listener(e -> states.add(e.state()));
    }

    private JsonRpcClient started(JsonRpcClient.Builder builder) throws Exception {
        int opened = lastServer.opens();
        JsonRpcClient client = builder.build();
        toClose.add(0, client);
        assertThat(client.start().get(5, TimeUnit.SECONDS).isOk()).isTrue();
        // The client is open once it has read the server's handshake answer, which the server writes before it
        // registers the connection: a frame sent to all before then would reach no one.
        await(() -> lastServer.opens() > opened, "the server registered the connection");
        return client;
    }

    /** The fixture with its {@code id} replaced by the request's. */
    private static String withIdOf(JsonNode request, String fixture) {
        ObjectNode answer = (ObjectNode) read(fixture);
        answer.set("id", request.get("id"));
        return answer.toString();
    }

    private static String answer(JsonNode request, JsonNode result) {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", request.get("id"));
        answer.set("result", result);
        return answer.toString();
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fixture(String name) {
        try (InputStream in = JsonRpcClientTest.class.getResourceAsStream("/rpc/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
