package io.exchangebus.sim.deribit;

import static io.exchangebus.sim.deribit.DeribitTestSupport.login;
import static io.exchangebus.sim.deribit.DeribitTestSupport.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.account.ApiKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A consumer that follows Deribit's rule (a change continues the book iff prev_change_id = last change_id). */
class DeribitBookStreamTest {

    private DeribitSimulator sim;
    private DeribitWsClient client;

    @BeforeEach
    void start() throws Exception {
        sim = quiet().build();
        ApiKey key = sim.createAccount("alice");
        sim.generator("BTC-PERPETUAL").step();
        client = login(sim, key);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void shouldRebuildTheRawBookFromSnapshotAndChanges() throws Exception {
        String channel = "book.BTC-PERPETUAL.raw";
        client.result("public/subscribe", "{\"channels\":[\"" + channel + "\"]}");
        LocalBook book = LocalBook.from(client.next(channel).get("params").get("data"));
        for (int i = 0; i < 30; i++) {
            sim.generator("BTC-PERPETUAL").step();
        }
        JsonNode truth = orderBook();

        assertThat(drain(channel, book)).isEmpty();
        assertThat(book.changeId).isEqualTo(truth.get("change_id").asLong());
        assertThat(book.bids()).isEqualTo(levels(truth.get("bids")));
        assertThat(book.asks()).isEqualTo(levels(truth.get("asks")));
    }

    @Test
    void shouldRebuildThe100msBookFromSnapshotAndChanges() throws Exception {
        String channel = "book.BTC-PERPETUAL.100ms";
        client.result("public/subscribe", "{\"channels\":[\"" + channel + "\"]}");
        JsonNode snapshot = client.next(channel).get("params").get("data");
        assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
        assertThat(snapshot.has("prev_change_id")).isFalse();
        LocalBook book = LocalBook.from(snapshot);
        for (int i = 0; i < 10; i++) {
            sim.generator("BTC-PERPETUAL").step();
            sim.generator("BTC-PERPETUAL").step();
            sim.publishNow();
        }
        JsonNode truth = orderBook();

        assertThat(drain(channel, book)).isEmpty();
        assertThat(book.bids()).isEqualTo(levels(truth.get("bids")));
        assertThat(book.asks()).isEqualTo(levels(truth.get("asks")));
    }

    @Test
    void shouldShowAGapAsAPrevChangeIdMismatchWhenAChangeIsSkipped() throws Exception {
        String channel = "book.BTC-PERPETUAL.raw";
        client.result("public/subscribe", "{\"channels\":[\"" + channel + "\"]}");
        LocalBook book = LocalBook.from(client.next(channel).get("params").get("data"));
        sim.generator("BTC-PERPETUAL").step();
        sim.faults().skipSequence(1);
        sim.generator("BTC-PERPETUAL").step();
        sim.generator("BTC-PERPETUAL").step();
        orderBook();

        List<String> gaps = drain(channel, book);
        assertThat(gaps).hasSize(1);
    }

    @Test
    void shouldSendGroupedTopNSnapshotsWithoutTypeOrPrevChangeId() throws Exception {
        String channel = "book.BTC-PERPETUAL.none.10.100ms";
        client.result("public/subscribe", "{\"channels\":[\"" + channel + "\"]}");
        JsonNode first = client.next(channel).get("params").get("data");
        sim.generator("BTC-PERPETUAL").step();
        sim.publishNow();
        JsonNode second = client.next(channel).get("params").get("data");

        DeribitTestSupport.assertSameShape("grouped", DeribitTestSupport.fixture("nautilus_test_data_2.jsonl",
                "ws_book_grouped_snapshot.json").get("params").get("data"), second, java.util.Set.of());
        assertThat(second.has("type") || second.has("prev_change_id")).isFalse();
        assertThat(second.get("bids")).hasSize(10);
        assertThat(second.get("change_id").asLong()).isGreaterThan(first.get("change_id").asLong());
    }

    private JsonNode orderBook() throws Exception {
        return client.result("public/get_order_book", "{\"instrument_name\":\"BTC-PERPETUAL\",\"depth\":1000}");
    }

    /** Applies every queued change; returns the gaps found (a gap resets nothing: the test only counts). */
    private List<String> drain(String channel, LocalBook book) {
        List<String> gaps = new ArrayList<>();
        JsonNode n;
        while ((n = client.notifications.poll()) != null) {
            if (!channel.equals(n.path("params").path("channel").asText())) {
                continue;
            }
            JsonNode data = n.get("params").get("data");
            assertThat(data.get("type").asText()).isEqualTo("change");
            if (data.get("prev_change_id").asLong() != book.changeId) {
                gaps.add(book.changeId + " -> " + data.get("prev_change_id").asLong());
            }
            book.apply(data);
        }
        return gaps;
    }

    private static List<List<BigDecimal>> levels(JsonNode levels) {
        List<List<BigDecimal>> out = new ArrayList<>();
        levels.forEach(l -> out.add(List.of(l.get(0).decimalValue().stripTrailingZeros(),
                l.get(1).decimalValue().stripTrailingZeros())));
        return out;
    }

    /** The consumer's book. */
    static final class LocalBook {
        final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        long changeId;

        static LocalBook from(JsonNode snapshot) {
            LocalBook book = new LocalBook();
            book.apply(snapshot);
            return book;
        }

        void apply(JsonNode data) {
            side(data.get("bids"), bids);
            side(data.get("asks"), asks);
            changeId = data.get("change_id").asLong();
        }

        private static void side(JsonNode levels, TreeMap<BigDecimal, BigDecimal> side) {
            for (JsonNode l : levels) {
                BigDecimal price = l.get(1).decimalValue().stripTrailingZeros();
                switch (l.get(0).asText()) {
                    case "new", "change" -> side.put(price, l.get(2).decimalValue().stripTrailingZeros());
                    case "delete" -> side.remove(price);
                    default -> throw new AssertionError("unknown action " + l);
                }
            }
        }

        List<List<BigDecimal>> bids() {
            return bids.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList();
        }

        List<List<BigDecimal>> asks() {
            return asks.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList();
        }
    }
}
