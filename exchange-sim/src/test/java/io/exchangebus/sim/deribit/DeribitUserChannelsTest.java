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

/** user.* channels, field by field against the samples, and only to the account's own sessions. */
class DeribitUserChannelsTest {

    private static final String NOTIFICATIONS = "ws_notifications.gocryptotrader.jsonl";
    /** Set by Deribit only when it turned a market order into a limit one. */
    private static final Set<String> OPTIONAL = Set.of("original_order_type");

    private DeribitSimulator sim;
    private DeribitWsClient client;
    private DeribitWsClient stranger;

    @BeforeEach
    void start() throws Exception {
        sim = quiet().matchingEngineCredits(1, 1000, 1000).build();
        ApiKey key = sim.createAccount("alice");
        ApiKey other = sim.createAccount("bob");
        sim.fundDemo("alice");
        sim.generator("BTC-PERPETUAL").step();
        client = login(sim, key);
        stranger = login(sim, other);
    }

    @AfterEach
    void stop() {
        client.close();
        stranger.close();
        sim.close();
    }

    @Test
    void shouldNotifyOrdersRawAsOneObjectAndBatchedAsAnArray() throws Exception {
        String channels = "[\"user.orders.BTC-PERPETUAL.raw\",\"user.orders.BTC-PERPETUAL.100ms\","
                + "\"user.orders.future.BTC.raw\",\"user.orders.any.any.raw\"]";
        assertThat(client.result("private/subscribe", "{\"channels\":" + channels + "}")).hasSize(4);
        stranger.result("private/subscribe", "{\"channels\":[\"user.orders.any.any.raw\"]}");
        BigDecimal price = sim.simulator().book("BTC-PERPETUAL").bids().get(0).price().subtract(BigDecimal.TEN);

        String id = client.result("private/buy", DeribitOrdersTest.limit("BTC-PERPETUAL", "40", price, "n"))
                .get("order").get("order_id").asText();
        JsonNode raw = client.next("user.orders.BTC-PERPETUAL.raw");
        JsonNode byCurrency = client.next("user.orders.future.BTC.raw");
        client.next("user.orders.any.any.raw");
        sim.publishNow();
        JsonNode batched = client.next("user.orders.BTC-PERPETUAL.100ms");

        assertSameShape("raw", fixture(NOTIFICATIONS, "User Orders Raw Instrument"), raw, OPTIONAL);
        assertThat(raw.get("params").get("data").get("order_id").asText()).isEqualTo(id);
        assertThat(byCurrency.get("params").get("data").isObject()).isTrue();
        assertSameShape("100ms", fixture(NOTIFICATIONS, "User Orders By Instrument WithInterval"), batched, OPTIONAL);
        assertThat(batched.get("params").get("data").get(0).get("order_id").asText()).isEqualTo(id);
        assertThat(stranger.notifications).isEmpty();
    }

    @Test
    void shouldNotifyUserTradesAndChangesOnAFill() throws Exception {
        client.result("private/subscribe", "{\"channels\":[\"user.trades.BTC-PERPETUAL.raw\","
                + "\"user.changes.BTC-PERPETUAL.raw\",\"user.trades.future.BTC.100ms\"]}");

        client.result("private/buy", "{\"instrument_name\":\"BTC-PERPETUAL\",\"amount\":20,\"type\":\"market\"}");
        JsonNode trades = client.next("user.trades.BTC-PERPETUAL.raw");
        JsonNode changes = client.next(n -> n.path("params").path("channel").asText()
                .equals("user.changes.BTC-PERPETUAL.raw") && n.get("params").get("data").get("trades").size() > 0);
        sim.publishNow();
        JsonNode batched = client.next("user.trades.future.BTC.100ms");

        assertSameShape("user trades", fixture(NOTIFICATIONS, "User Trades"), trades, Set.of());
        assertSameShape("user changes", fixture(NOTIFICATIONS, "Change Updates"), changes, OPTIONAL);
        assertSameShape("user trades 100ms", fixture(NOTIFICATIONS, "User Trades With Currency"), batched, Set.of());
        assertThat(changes.get("params").get("data").get("positions").get(0).get("size").decimalValue())
                .isEqualByComparingTo("20");
    }

    @Test
    void shouldPublishThePortfolioWhenItChanges() throws Exception {
        client.result("private/subscribe", "{\"channels\":[\"user.portfolio.btc\"]}");
        sim.publishNow();
        JsonNode first = client.next("user.portfolio.btc");
        client.result("private/buy", "{\"instrument_name\":\"BTC-PERPETUAL\",\"amount\":20,\"type\":\"market\"}");
        sim.publishNow();
        JsonNode second = client.next("user.portfolio.btc");

        assertSameShape("portfolio", fixture(NOTIFICATIONS, "User Portfolio"), first, Set.of());
        assertThat(first.get("params").get("data").get("currency").asText()).isEqualTo("BTC");
        assertThat(second.get("params").get("data").get("balance").decimalValue())
                .isLessThan(first.get("params").get("data").get("balance").decimalValue());
    }

    @Test
    void shouldNotSubscribeUserChannelsPublicly() throws Exception {
        assertThat(client.result("public/subscribe", "{\"channels\":[\"user.orders.any.any.raw\"]}")).isEmpty();
    }
}
