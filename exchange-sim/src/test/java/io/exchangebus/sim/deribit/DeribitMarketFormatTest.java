package io.exchangebus.sim.deribit;

import static io.exchangebus.sim.deribit.DeribitTestSupport.assertSameShape;
import static io.exchangebus.sim.deribit.DeribitTestSupport.fixture;
import static io.exchangebus.sim.deribit.DeribitTestSupport.login;
import static io.exchangebus.sim.deribit.DeribitTestSupport.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.account.ApiKey;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each kind of public frame, field by field (names and JSON types) against the samples in shared/fixtures/deribit. */
class DeribitMarketFormatTest {

    private static final String NOTIFICATIONS = "ws_notifications.gocryptotrader.jsonl";
    private static final String NAUTILUS = "nautilus_test_data.jsonl";
    private static final String NAUTILUS_2 = "nautilus_test_data_2.jsonl";

    private DeribitSimulator sim;
    private DeribitWsClient client;

    @BeforeEach
    void start() throws Exception {
        sim = quiet().build();
        ApiKey key = sim.createAccount("alice");
        for (int i = 0; i < 5; i++) {
            sim.generator("BTC-PERPETUAL").step();
        }
        client = login(sim, key);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void shouldSendBookSnapshotAndChangeAsTheSamples() throws Exception {
        client.result("public/subscribe", "{\"channels\":[\"book.BTC-PERPETUAL.raw\"]}");
        JsonNode snapshot = client.next("book.BTC-PERPETUAL.raw");
        sim.generator("BTC-PERPETUAL").step();
        JsonNode change = client.next("book.BTC-PERPETUAL.raw");

        assertSameShape("snapshot", fixture(NOTIFICATIONS, "Orderbook"), snapshot, Set.of("channel"));
        assertThat(snapshot.get("params").get("data").has("prev_change_id")).isFalse();
        assertSameShape("change", fixture(NAUTILUS, "ws_book_delta.json"), change, Set.of("channel"));
        assertThat(change.get("params").get("data").get("type").asText()).isEqualTo("change");
    }

    @Test
    void shouldSendTradesAsTheSamples() throws Exception {
        client.result("public/subscribe", "{\"channels\":[\"trades.BTC-PERPETUAL.100ms\",\"trades.BTC-PERPETUAL.raw\"]}");
        sim.generator("BTC-PERPETUAL").step();
        JsonNode raw = client.next("trades.BTC-PERPETUAL.raw");
        sim.publishNow();
        JsonNode batched = client.next("trades.BTC-PERPETUAL.100ms");

        assertSameShape("raw trades", fixture(NOTIFICATIONS, "Instrument Trades"), raw, Set.of("channel"));
        assertSameShape("100ms trades", fixture(NAUTILUS_2, "ws_trades.json"), batched, Set.of("channel"));
        assertSameShape("agg2 capture", fixture("ws_trades_capture.gocryptotrader.jsonl", "wsAllTrades.json#L1"),
                batched, Set.of("channel"));
        JsonNode trade = raw.get("params").get("data").get(0);
        assertThat(trade.get("trade_id").isTextual()).isTrue();
        assertThat(trade.get("amount").decimalValue().remainder(BigDecimal.TEN)).isEqualByComparingTo("0");
        assertThat(trade.get("contracts").decimalValue().multiply(BigDecimal.TEN))
                .isEqualByComparingTo(trade.get("amount").decimalValue());
    }

    @Test
    void shouldSendPerpetualTickersAsTheSamples() throws Exception {
        client.result("public/subscribe", "{\"channels\":[\"ticker.BTC-PERPETUAL.100ms\"]}");
        sim.publishNow();
        JsonNode ticker = client.next("ticker.BTC-PERPETUAL.100ms");

        assertSameShape("ticker", fixture(NAUTILUS_2, "ws_ticker.json"), ticker, Set.of("channel"));
        assertSameShape("raw ticker", fixture(NOTIFICATIONS, "Instruments Ticker").get("params").get("data"),
                ticker.get("params").get("data"), Set.of());
    }

    @Test
    void shouldSendOptionTickersWithIvsAndGreeksAsTheSample() throws Exception {
        String option = sim.options().get(0);
        sim.generator(option).step();
        client.result("public/subscribe", "{\"channels\":[\"ticker." + option + ".100ms\"]}");
        sim.publishNow();
        JsonNode data = client.next("ticker." + option + ".100ms").get("params").get("data");

        assertSameShape("option ticker", fixture("xchange_test_resources.jsonl", "example-ticker.json"), data,
                Set.of("last_price", "stats"));
        assertThat(data.get("greeks").get("delta").decimalValue()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
        assertThat(data.get("mark_iv").decimalValue()).isEqualByComparingTo("60");
        assertThat(data.get("bid_iv").decimalValue()).isPositive();
        assertThat(data.get("ask_iv").decimalValue()).isGreaterThan(data.get("bid_iv").decimalValue());
        assertThat(data.get("underlying_price").decimalValue()).isEqualByComparingTo(sim.indexPrice("BTC"));
    }
}
