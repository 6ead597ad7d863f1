package io.exchangebus.sim.grvt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.ManualClock;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.Side;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** v1.book.d sequence rules (snapshot 0, deltas chained by prev_sequence_number, gap, gateway restart), v1.book.s, trades. */
class GrvtBookStreamTest {

    private static final String BTC = "BTC_USDT_Perp";
    private GrvtSimulator sim;
    private GrvtWsClient md;

    @BeforeEach
    void start() throws Exception {
        sim = GrvtTestSupport.start(GrvtTestSupport.builder(new ManualClock(GrvtTestSupport.START)));
        sim.generator(BTC).step();
        md = GrvtWsClient.connect(sim.marketDataWsUri(), Map.of());
    }

    @AfterEach
    void stop() {
        md.close();
        sim.close();
    }

    private void bid(String price, String size) {
        sim.simulator().place(BTC, OrderRequest.limit("sim-market-maker", Side.BUY, price, size));
    }

    @Test
    void shouldStartWithAFullBookAtSequenceZeroThenChainDeltasByPrevSequenceNumber() throws Exception {
        JsonNode result = md.subscribe("v1.book.d", BTC + "@100");
        assertThat(result.get("subs").get(0).asText()).isEqualTo(BTC + "@100");
        assertThat(result.get("num_snapshots").get(0).asInt()).isEqualTo(1);
        assertThat(result.get("first_sequence_number").get(0).asLong()).isZero();
        JsonNode snapshot = md.next("v1.book.d");
        assertThat(snapshot.get("sequence_number").asText()).isEqualTo("0");
        assertThat(snapshot.get("feed").get("bids").size()).isEqualTo(sim.simulator().book(BTC).bids().size());

        bid("50000.0", "0.5");
        JsonNode first = md.next("v1.book.d");
        assertThat(first.get("sequence_number").asText()).isEqualTo("1");
        assertThat(first.get("prev_sequence_number").asText()).isEqualTo("0");
        assertThat(first.get("feed").get("bids").get(0).get("price").asText()).isEqualTo("50000.0");
        assertThat(first.get("feed").get("bids").get(0).get("size").asText()).isEqualTo("0.5");

        sim.simulator().cancelAll(BTC, "sim-market-maker");
        JsonNode removal = md.next("v1.book.d");
        assertThat(removal.get("sequence_number").asText()).isEqualTo("2");
        assertThat(removal.get("prev_sequence_number").asText()).isEqualTo("1");
        assertThat(removal.get("feed").get("bids").findValuesAsText("size")).containsOnly("0.0");
    }

    @Test
    void shouldLeaveAGapInTheSequenceWhenTheFaultSkipsADelta() throws Exception {
        md.subscribe("v1.book.d", BTC + "@100");
        md.next("v1.book.d");
        sim.faults().skipSequence(1);
        bid("50000.0", "0.5");
        bid("49999.0", "0.5");
        JsonNode after = md.next("v1.book.d");
        assertThat(after.get("sequence_number").asText()).isEqualTo("2");
        assertThat(after.get("prev_sequence_number").asText()).isEqualTo("1");
    }

    @Test
    void shouldResetSequenceNumbersWithANewSnapshotWhenTheGatewayRestarts() throws Exception {
        md.subscribe("v1.book.d", BTC + "@100");
        md.next("v1.book.d");
        bid("50000.0", "0.5");
        assertThat(md.next("v1.book.d").get("sequence_number").asText()).isEqualTo("1");
        bid("49999.0", "0.5");
        assertThat(md.next("v1.book.d").get("sequence_number").asText()).isEqualTo("2");

        sim.restartGateway();
        JsonNode restarted = md.next("v1.book.d");
        assertThat(restarted.get("sequence_number").asText()).isEqualTo("0");
        assertThat(restarted.get("feed").get("bids").findValuesAsText("price")).contains("50000.0", "49999.0");
        bid("49998.0", "0.5");
        JsonNode next = md.next("v1.book.d");
        assertThat(next.get("sequence_number").asText()).isEqualTo("1");
        assertThat(next.get("prev_sequence_number").asText()).isEqualTo("0");
    }

    @Test
    void shouldSendOnlySnapshotsOfTheAskedDepthOnBookS() throws Exception {
        for (int i = 0; i < 15; i++) {
            bid(String.valueOf(50000 - i) + ".0", "0.1");
        }
        md.subscribe("v1.book.s", BTC + "@500-10");
        JsonNode first = md.next("v1.book.s");
        assertThat(first.get("selector").asText()).isEqualTo(BTC + "@500-10");
        assertThat(first.get("sequence_number").asText()).isEqualTo("0");
        assertThat(first.get("feed").get("bids").size()).isEqualTo(10);
        sim.publishNow();
        assertThat(md.next("v1.book.s").get("sequence_number").asText()).isEqualTo("0");
        assertThat(md.call("subscribe", "{\"stream\":\"v1.book.s\",\"selectors\":[\"BTC_USDT_Perp@500-7\"]}")
                .get("error").get("code").asInt()).isEqualTo(1003);
        assertThat(md.call("subscribe", "{\"stream\":\"v1.book.d\",\"selectors\":[\"DOGE_USDT_Perp@100\"]}")
                .get("error").get("code").asInt()).isEqualTo(3000);
    }

    @Test
    void shouldPublishTradesAndTickers() throws Exception {
        md.subscribe("v1.trade", BTC + "@50");
        md.subscribe("v1.ticker.s", BTC + "@500");
        assertThat(md.next("v1.ticker.s").get("feed").get("instrument").asText()).isEqualTo(BTC);
        bid("70000.0", "0.01"); // crosses the generator's asks
        JsonNode trade = md.next("v1.trade");
        assertThat(trade.get("feed").get("is_taker_buyer").asBoolean()).isTrue();
        assertThat(trade.get("sequence_number").asText()).isEqualTo("1");
    }

    @Test
    void shouldDropTheSocketWhenTheFaultSaysSo() throws Exception {
        sim.faults().dropConnections();
        assertThat(md.closeCode.get(5, TimeUnit.SECONDS)).isNotNull();
    }
}
