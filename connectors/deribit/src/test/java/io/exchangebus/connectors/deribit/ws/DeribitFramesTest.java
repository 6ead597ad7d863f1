package io.exchangebus.connectors.deribit.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DeribitFramesTest {

    @Test
    void shouldFindTheChannelOfTheUsualLayoutByAScan() {
        assertThat(DeribitFrames.subscriptionChannel("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":"
                + "{\"channel\":\"book.BTC-PERPETUAL.raw\",\"data\":{\"channel\":\"x\"}}}"))
                .isEqualTo("book.BTC-PERPETUAL.raw");
        assertThat(DeribitFrames.subscriptionChannel("{\"method\":\"subscription\",\"params\":{\"channel\":"
                + "\"trades.BTC-PERPETUAL.100ms\",\"data\":[]},\"jsonrpc\":\"2.0\"}"))
                .isEqualTo("trades.BTC-PERPETUAL.100ms");
    }

    @Test
    void shouldLeaveAnyOtherLayoutToTheTree() {
        assertThat(DeribitFrames.subscriptionChannel("{ \"method\" : \"subscription\", \"params\" : { \"channel\" : "
                + "\"book.BTC-PERPETUAL.raw\" } }")).isNull();
        assertThat(DeribitFrames.subscriptionChannel("{\"params\":{\"data\":{},\"channel\":\"a\"},"
                + "\"method\":\"subscription\"}")).isNull();
        assertThat(DeribitFrames.subscriptionChannel("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":"
                + "{\"channel\":\"book.\\u0042TC\",\"data\":{}}}")).isNull();
        assertThat(DeribitFrames.subscriptionChannel("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":[\"book.X.raw\"]}"))
                .isNull();
        assertThat(DeribitFrames.subscriptionChannel("{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":"
                + "{\"type\":\"test_request\"}}")).isNull();
        assertThat(DeribitFrames.subscriptionChannel("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":"
                + "{\"channel\":\"")).isNull();
    }

    private static final String BOOK = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":"
            + "{\"channel\":\"book.BTC-PERPETUAL.raw\",\"data\":{\"change_id\":1}}}";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldFindTheSameChannelInTheBytesAsInTheTextAndNoneThatIsNotAscii() {
        List<String> frames = List.of(BOOK,
                "{\"method\":\"subscription\",\"params\":{\"channel\":\"trades.BTC-PERPETUAL.100ms\",\"data\":[]}}",
                "{ \"method\" : \"subscription\", \"params\" : { \"channel\" : \"book.BTC-PERPETUAL.raw\" } }",
                "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"book.\\u0042TC\",\"data\":{}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":[\"book.X.raw\"]}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"");
        for (String frame : frames) {
            assertThat(DeribitFrames.subscriptionChannel(utf8(frame))).as(frame)
                    .isEqualTo(DeribitFrames.subscriptionChannel(frame));
        }
        String nonAscii = BOOK.replace("BTC-PERPETUAL", "BTC-PERPÉTUAL");
        assertThat(DeribitFrames.subscriptionChannel(nonAscii)).isEqualTo("book.BTC-PERPÉTUAL.raw");
        assertThat(DeribitFrames.subscriptionChannel(utf8(nonAscii))).as("left to the text").isNull();
    }

    @Test
    void shouldHandANotificationsBytesToAHandlerThatReadsThemAndDeclineEverythingElse() {
        List<String> asBytes = new CopyOnWriteArrayList<>();
        List<String> asText = new CopyOnWriteArrayList<>();
        List<String> unrouted = new CopyOnWriteArrayList<>();
        DeribitFrames frames = new DeribitFrames(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Set.of(),
                new DeribitRpc.Listener() {
                    @Override
                    public void onConnectionEvent(io.exchangebus.connectors.core.connection.ConnectionEvent event) {
                    }

                    @Override
                    public void onUnrouted(String raw, String reason) {
                        unrouted.add(reason);
                    }
                }, new DeribitExactAnswers(Duration.ofSeconds(1)));
        frames.route("book.BTC-PERPETUAL.raw", new DeribitNotificationHandler.RawFirst() {
            @Override
            public void onRawNotification(String channel, byte[] utf8, Instant receivedAt) {
                asBytes.add(channel + " " + new String(utf8, StandardCharsets.UTF_8));
            }

            @Override
            public void onRawNotification(String channel, String raw, Instant receivedAt) {
                asText.add(channel);
            }

            @Override
            public void onNotification(String channel, JsonNode data, String raw, Instant receivedAt) {
                asText.add(channel);
            }
        });
        frames.route("trades.BTC-PERPETUAL.raw", (channel, data, raw, receivedAt) -> asText.add(channel));

        assertThat(frames.onRawFirst(utf8(BOOK))).isTrue();
        assertThat(frames.onRawFirst(utf8(BOOK.replace("book.", "trades.")))).as("a handler of trees").isFalse();
        assertThat(frames.onRawFirst(utf8("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":[\"book.BTC-PERPETUAL.raw\"]}")))
                .as("an answer").isFalse();
        assertThat(frames.onRawFirst(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":"
                + "{\"type\":\"test_request\"}}"))).as("a heartbeat").isFalse();
        assertThat(frames.onRawFirst(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":"
                + "{\"channel\":\"book.ETH-PERPETUAL.raw\",\"data\":{}}}"))).as("a channel not routed").isFalse();

        assertThat(asBytes).containsExactly("book.BTC-PERPETUAL.raw " + BOOK);
        assertThat(asText).isEmpty();
        assertThat(unrouted).isEmpty();
    }
}
