package io.exchangebus.connectors.grvt.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.ws.BackoffPolicy;
import io.exchangebus.connectors.core.ws.LoopbackWsServer;
import io.exchangebus.connectors.core.ws.WsSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link GrvtRpc} over a real WebSocket on 127.0.0.1: a compact feed frame goes to its handler as the bytes read off
 * the socket; everything else (a frame of another layout, an answer, a malformed frame) is decoded and read as text
 * as before.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GrvtRpcTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GrvtChannel BOOK = new GrvtChannel("v1.book.d", "BTC_USDT_Perp@100");
    private static final String DELTA = "{\"stream\":\"v1.book.d\",\"selector\":\"BTC_USDT_Perp@100\","
            + "\"sequence_number\":\"3\",\"feed\":{\"event_time\":\"1697788800000000000\","
            + "\"instrument\":\"BTC_USDT_Perp\",\"bids\":[{\"price\":\"65038.01\",\"size\":\"1.5\",\"num_orders\":3}],"
            + "\"asks\":[]},\"prev_sequence_number\":\"2\"}";

    private final List<String> unrouted = new CopyOnWriteArrayList<>();
    private final List<String> asBytes = new CopyOnWriteArrayList<>();
    private final List<String> asText = new CopyOnWriteArrayList<>();
    private final List<String> asTree = new CopyOnWriteArrayList<>();
    private LoopbackWsServer server;
    private GrvtRpc rpc;

    @AfterEach
    void close() throws Exception {
        if (rpc != null) {
            rpc.close();
        }
        if (server != null) {
            server.stopNow();
        }
    }

    @Test
    void shouldHandACompactFeedFrameToItsHandlerAsBytesAndReadAnythingElseAsText() throws Exception {
        server = LoopbackWsServer.startOn(0);
        server.respondWith((connection, text, reply) -> {
            JsonNode request = read(text);
            ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
            answer.set("id", request.get("id"));
            if (request.path("method").asText().equals("subscribe")) {
                answer.putObject("result").put("stream", BOOK.stream()).putArray("subs").add(BOOK.selector());
            } else {
                answer.putObject("result").put("echo", request.path("method").asText());
            }
            reply.accept(answer.toString());
        });
        WsSettings settings = WsSettings.builder("grvt-test", URI.create(server.uri()))
                .connectTimeout(Duration.ofSeconds(2)).pingInterval(Duration.ofMillis(100))
                .silenceTimeout(Duration.ofSeconds(2))
                .backoff(new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(400), 2.0, 0.0)).build();
        rpc = new GrvtRpc(settings, Duration.ofSeconds(5), GrvtRpc.events(event -> { }, unrouted::add),
                Clock.systemUTC());
        assertThat(rpc.start().get(5, TimeUnit.SECONDS).isOk()).isTrue();
        Result<Void> subscribed = rpc.subscribe(BOOK, new GrvtFeedHandler() {
            @Override
            public void onFeed(JsonNode frame, String raw, Instant receivedAt) {
                asTree.add(raw);
            }

            @Override
            public boolean onFeedText(String raw, Instant receivedAt) {
                asText.add(raw);
                return true;
            }

            @Override
            public boolean onFeedBytes(byte[] utf8, Instant receivedAt) {
                asBytes.add(new String(utf8, StandardCharsets.UTF_8));
                return true;
            }
        }).get(5, TimeUnit.SECONDS);
        assertThat(subscribed.isOk()).as("the subscription's answer, read as text").isTrue();

        String spaced = DELTA.replace(",\"feed\"", ", \"feed\"").replace("{\"stream\"", "{ \"stream\"");
        String nonAscii = DELTA.replace("BTC_USDT_Perp@100\"", "BTC_USDT_Perp@100\",\"note\":\"é\"")
                .replace("\"selector\":\"BTC_USDT_Perp@100\"", "\"selector\":\"BTC_USDT_Perp\"");
        server.sendToAll(DELTA);
        server.sendToAll(spaced);
        server.sendToAll("not json");
        JsonNode echo = rpc.request("v1/echo", JSON.createObjectNode()).get(5, TimeUnit.SECONDS).value();
        server.sendToAll(nonAscii);
        await(() -> unrouted.size() == 1 && asTree.size() == 1 && asBytes.size() == 2, "every frame read");

        assertThat(echo.path("echo").asText()).as("an answer is read as text").isEqualTo("v1/echo");
        assertThat(asBytes).containsExactly(DELTA, nonAscii); // a non-ASCII value past the selector: still bytes
        assertThat(asText).as("no frame taken as bytes is made text").isEmpty();
        assertThat(asTree).containsExactly(spaced);
        assertThat(unrouted).containsExactly("not json");
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
