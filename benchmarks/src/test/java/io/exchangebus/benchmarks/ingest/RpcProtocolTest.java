package io.exchangebus.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the recorder reads of each book frame and what the replay answers, on frames as the exchange simulators send
 * them (taken from a recording) and requests as ingest's subscribers send them.
 */
class RpcProtocolTest {
    private static final RpcProtocol DERIBIT = RpcProtocol.of(Venue.DERIBIT);
    private static final RpcProtocol GRVT = RpcProtocol.of(Venue.GRVT);

    @Test
    void shouldReadDeribitSnapshotAndChangeIds() throws IOException {
        assertThat(DERIBIT.ids(json("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
                + "\"book.BTC-PERPETUAL.100ms\",\"data\":{\"type\":\"snapshot\",\"timestamp\":1796636377211,"
                + "\"instrument_name\":\"BTC-PERPETUAL\",\"change_id\":105,\"bids\":[],\"asks\":[]}}}")))
                .isEqualTo(new RecordingClient.FrameIds("BTC-PERPETUAL", 105, 105));
        assertThat(DERIBIT.ids(json("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
                + "\"book.BTC-PERPETUAL.100ms\",\"data\":{\"type\":\"change\",\"timestamp\":1796636377248,"
                + "\"instrument_name\":\"BTC-PERPETUAL\",\"prev_change_id\":105,\"change_id\":126,"
                + "\"bids\":[[\"new\",90000.5,20]],\"asks\":[]}}}")))
                .isEqualTo(new RecordingClient.FrameIds("BTC-PERPETUAL", 106, 126));
        assertThat(DERIBIT.ids(json("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"version\":\"1.2.26\"}}"))).isNull();
    }

    @Test
    void shouldAnswerDeribitSubscribeWithItsChannelsAndNameTheBooks() throws IOException {
        RpcProtocol.Answer answer = DERIBIT.answer(json(DERIBIT.subscribe(7, "ETH-PERPETUAL")));

        assertThat(json(answer.text()).path("id").asLong()).isEqualTo(7);
        assertThat(json(answer.text()).path("result").get(0).asText()).isEqualTo("book.ETH-PERPETUAL.100ms");
        assertThat(answer.subscribedBooks()).containsExactly("ETH-PERPETUAL");
        assertThat(json(DERIBIT.answer(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"public/set_heartbeat\","
                + "\"params\":{\"interval\":10}}")).text()).path("result").asText()).isEqualTo("ok");
        assertThat(DERIBIT.answer(json("{\"id\":2,\"method\":\"public/unsubscribe\",\"params\":{\"channels\":"
                + "[\"book.ETH-PERPETUAL.100ms\"]}}")).subscribedBooks()).isEmpty();
    }

    @Test
    void shouldReadGrvtFullBookAndDeltaSequences() throws IOException {
        assertThat(GRVT.ids(json("{\"stream\":\"v1.book.d\",\"selector\":\"BTC_USDT_Perp@100\",\"sequence_number\""
                + ":\"0\",\"feed\":{\"event_time\":\"1796636437156211114\",\"instrument\":\"BTC_USDT_Perp\","
                + "\"bids\":[],\"asks\":[]},\"prev_sequence_number\":\"0\"}")))
                .isEqualTo(new RecordingClient.FrameIds("BTC_USDT_Perp", 0, 0));
        assertThat(GRVT.ids(json("{\"stream\":\"v1.book.d\",\"selector\":\"BTC_USDT_Perp@100\",\"sequence_number\""
                + ":\"2\",\"feed\":{\"event_time\":\"1796636437178513967\",\"instrument\":\"BTC_USDT_Perp\","
                + "\"bids\":[],\"asks\":[{\"price\":\"60000.3\",\"size\":\"0.002\",\"num_orders\":1}]},"
                + "\"prev_sequence_number\":\"1\"}")))
                .isEqualTo(new RecordingClient.FrameIds("BTC_USDT_Perp", 2, 2));
    }

    @Test
    void shouldAnswerGrvtSubscribeWithTheSelectorInSubsAndNameTheBook() throws IOException {
        RpcProtocol.Answer answer = GRVT.answer(json(GRVT.subscribe(4, "ETH_USDT_Perp")));
        JsonNode text = json(answer.text());

        assertThat(text.path("id").asLong()).isEqualTo(4);
        assertThat(text.path("result").path("subs").get(0).asText()).isEqualTo("ETH_USDT_Perp@100");
        assertThat(text.path("result").path("first_sequence_number").get(0).asLong()).isZero();
        assertThat(answer.subscribedBooks()).isEqualTo(List.of("ETH_USDT_Perp"));
        assertThat(GRVT.ids(text)).as("an answer is no book frame").isNull();
        assertThat(GRVT.answer(json(GRVT.barrier(5))).subscribedBooks()).isEmpty();
    }

    private static JsonNode json(String text) throws IOException {
        return RecordingClient.JSON.readTree(text);
    }
}
