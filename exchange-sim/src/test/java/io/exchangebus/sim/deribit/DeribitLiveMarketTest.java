package io.exchangebus.sim.deribit;

import static io.exchangebus.sim.deribit.DeribitTestSupport.login;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.account.ApiKey;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Everything running at once: generators on their threads (every 20 ms), the publisher, a client trading and reading.
 * A lock cycle between generators, engines and the streams would stall it (every call waits at most 5 s). The cycle
 * found by reading (an engine listener asking a generator for its mid while that generator, holding its lock, waits
 * for the engine) is rare enough that this test does not reliably reproduce it; MarketDataGenerator.mid() no longer
 * locks.
 */
class DeribitLiveMarketTest {

    private DeribitSimulator sim;
    private DeribitWsClient client;

    @BeforeEach
    void start() throws Exception {
        sim = DeribitSimulator.builder().seed(3).marketData(true).marketDataInterval(Duration.ofMillis(20))
                .publishInterval(Duration.ofMillis(10)).matchingEngineCredits(1, 100_000, 100_000)
                .nonMatchingEngineCredits(1, 100_000, 100_000).build();
        ApiKey key = sim.createAccount("alice");
        sim.fundDemo("alice");
        client = login(sim, key);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void shouldKeepAnsweringWhileMarketsMoveAndTheAccountTrades() throws Exception {
        String option = sim.options().get(0);
        client.result("private/subscribe", "{\"channels\":[\"book.BTC-PERPETUAL.raw\",\"book.BTC-PERPETUAL.100ms\","
                + "\"trades.any.any.raw\",\"ticker." + option + ".100ms\",\"user.changes.any.any.raw\","
                + "\"user.portfolio.any\",\"user.orders.any.any.100ms\"]}");
        int fills = 0;
        for (int i = 0; i < 40; i++) {
            String side = i % 2 == 0 ? "private/buy" : "private/sell";
            String instrument = i % 4 < 2 ? "BTC-PERPETUAL" : option;
            String amount = instrument.equals(option) ? "0.1" : "10";
            // A market order may meet an empty side while the maker requotes (cancel all, then quote): no fill.
            fills += client.result(side, "{\"instrument_name\":\"" + instrument + "\",\"amount\":" + amount
                    + ",\"type\":\"market\"}").get("trades").size();
            client.result("private/get_account_summary", "{\"currency\":\"BTC\"}");
        }
        JsonNode ticker = client.next("ticker." + option + ".100ms");

        assertThat(ticker.get("params").get("data").get("greeks").has("delta")).isTrue();
        assertThat(client.result("private/get_user_trades_by_currency", "{\"currency\":\"BTC\",\"count\":100}")
                .get("trades").size()).isEqualTo(fills);
        assertThat(fills).isPositive();
        assertThat(client.isOpen()).isTrue();
    }
}
