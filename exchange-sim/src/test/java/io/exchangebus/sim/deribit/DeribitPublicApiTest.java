package io.exchangebus.sim.deribit;

import static io.exchangebus.sim.deribit.DeribitTestSupport.assertSameShape;
import static io.exchangebus.sim.deribit.DeribitTestSupport.fixture;
import static io.exchangebus.sim.deribit.DeribitTestSupport.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.ManualClock;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeribitPublicApiTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T00:00:00Z"));
    private DeribitSimulator sim;
    private DeribitWsClient client;

    @BeforeEach
    void start() throws Exception {
        sim = quiet().clock(clock).build();
        client = DeribitWsClient.connect(sim.wsUri());
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void shouldListInstrumentsInTheShapeOfTheFixture() throws Exception {
        JsonNode sample = fixture("nautilus_test_data_2.jsonl", "http_get_instruments.json").get("result");
        JsonNode btc = client.result("public/get_instruments", "{\"currency\":\"BTC\"}");

        List<String> names = new ArrayList<>();
        btc.forEach(i -> names.add(i.get("instrument_name").asText()));
        assertThat(names).contains("BTC-PERPETUAL").hasSize(5);
        assertSameShape("perpetual", sample.get(0), btc.get(0), Set.of());
        JsonNode option = btc.get(1);
        assertSameShape("option", sample.get(2), option, Set.of());
        assertThat(option.get("kind").asText()).isEqualTo("option");
        assertThat(option.get("tick_size_steps").get(0).get("tick_size").decimalValue()).isEqualByComparingTo("0.0005");
        assertThat(btc.get(0).get("contract_size").decimalValue()).isEqualByComparingTo("10");
        assertThat(btc.get(0).get("tick_size").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(btc.get(0).get("expiration_timestamp").asLong()).isEqualTo(32503708800000L);

        JsonNode usdc = client.result("public/get_instruments", "{\"currency\":\"USDC\",\"kind\":\"future\"}");
        assertThat(usdc).hasSize(1);
        assertThat(usdc.get(0).get("instrument_name").asText()).isEqualTo("BTC_USDC-PERPETUAL");
        assertThat(usdc.get(0).get("instrument_type").asText()).isEqualTo("linear");
        assertThat(usdc.get(0).get("settlement_currency").asText()).isEqualTo("USDC");
        assertThat(client.result("public/get_instruments", "{\"currency\":\"BTC\",\"expired\":true}")).isEmpty();
        assertThat(client.result("public/get_instruments", "{\"currency\":\"BTC\",\"kind\":\"option\"}")).hasSize(4);
    }

    @Test
    void shouldAnswerTestAndTimeDecoratedWithMicroseconds() throws Exception {
        JsonNode test = client.call("public/test", "{}");
        assertSameShape("test", fixture("nautilus_test_data_2.jsonl", "http_test.json"), test, Set.of("id"));
        assertThat(test.get("usIn").asLong()).isEqualTo(clock.millis() * 1000);
        assertThat(test.has("usOut") && test.has("usDiff")).isTrue();
        assertThat(test.get("testnet").asBoolean()).isTrue();
        assertThat(client.result("public/get_time", "{}").asLong()).isEqualTo(clock.millis());
    }

    @Test
    void shouldServeTheSameMethodsOverHttpGetAndPost() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUri()
                + "/public/get_instruments?currency=BTC&kind=option")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(DeribitWsClient.JSON.readTree(get.body()).get("result")).hasSize(4);

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUri()
                        + "/public/get_order_book")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"public/get_order_book\","
                                + "\"params\":{\"instrument_name\":\"BTC-PERPETUAL\",\"depth\":5}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode book = DeribitWsClient.JSON.readTree(post.body());
        assertThat(book.get("id").asInt()).isEqualTo(5);
        assertThat(book.has("usIn")).isTrue();

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUri()
                + "/private/get_positions?currency=BTC")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(DeribitWsClient.JSON.readTree(refused.body()).get("error").get("code").asInt()).isEqualTo(13009);
    }

    @Test
    void shouldAnswerTheOrderBookInTheShapeOfTheFixture() throws Exception {
        sim.generator("BTC-PERPETUAL").step();
        JsonNode sample = fixture("nautilus_test_data_2.jsonl", "http_get_order_book.json").get("result");
        JsonNode book = client.result("public/get_order_book", "{\"instrument_name\":\"BTC-PERPETUAL\",\"depth\":20}");

        assertSameShape("get_order_book", sample, book, Set.of());
        assertThat(book.get("bids")).hasSize(10);
        assertThat(book.get("bids").get(0).get(0).decimalValue())
                .isLessThan(book.get("asks").get(0).get(0).decimalValue());
        assertThat(book.get("best_bid_price").decimalValue()).isEqualByComparingTo(
                book.get("bids").get(0).get(0).decimalValue());
        assertThat(client.result("public/get_order_book",
                "{\"instrument_name\":\"BTC-PERPETUAL\",\"depth\":1}").get("asks")).hasSize(1);
    }

    @Test
    void shouldAnswerLastTradesBySequenceInTheShapeOfTheFixture() throws Exception {
        for (int i = 0; i < 5; i++) {
            sim.generator("ETH-PERPETUAL").step();
        }
        JsonNode sample = fixture("nautilus_test_data_2.jsonl", "http_get_last_trades.json").get("result");
        JsonNode last = client.result("public/get_last_trades_by_instrument",
                "{\"instrument_name\":\"ETH-PERPETUAL\",\"count\":2}");

        assertSameShape("last trades", sample, last, Set.of());
        assertThat(last.get("trades")).hasSize(2);
        assertThat(last.get("has_more").asBoolean()).isTrue();
        JsonNode first = last.get("trades").get(0);
        assertThat(first.get("trade_id").asText()).startsWith("ETH-");
        long seq = first.get("trade_seq").asLong();
        JsonNode from = client.result("public/get_last_trades_by_instrument",
                "{\"instrument_name\":\"ETH-PERPETUAL\",\"start_seq\":" + seq + ",\"end_seq\":" + seq + "}");
        assertThat(from.get("trades")).hasSize(1);
        assertThat(from.get("trades").get(0)).isEqualTo(first);
    }

    @Test
    void shouldListOnlyTheChannelsActuallySubscribed() throws Exception {
        JsonNode result = client.result("public/subscribe", "{\"channels\":[\"book.BTC-PERPETUAL.100ms\","
                + "\"trades.BTC-PERPETUAL.100ms\",\"nonsense.BTC\",\"user.orders.BTC-PERPETUAL.raw\"]}");

        assertThat(result).extracting(JsonNode::asText)
                .containsExactly("book.BTC-PERPETUAL.100ms", "trades.BTC-PERPETUAL.100ms");
        assertThat(client.result("public/unsubscribe", "{\"channels\":[\"trades.BTC-PERPETUAL.100ms\"]}"))
                .extracting(JsonNode::asText).containsExactly("trades.BTC-PERPETUAL.100ms");
    }

    @Test
    void shouldRefuseRawChannelsToAnUnauthenticatedConnection() throws Exception {
        JsonNode answer = client.call("public/subscribe", "{\"channels\":[\"book.BTC-PERPETUAL.raw\"]}");

        assertThat(answer.get("error").get("code").asInt()).isEqualTo(13778);
        assertThat(answer.get("error").get("message").asText())
                .isEqualTo("raw_subscriptions_not_available_for_unauthorized");
    }

    @Test
    void shouldRefuseAHeartbeatIntervalBelowTenSeconds() throws Exception {
        JsonNode answer = client.call("public/set_heartbeat", "{\"interval\":5}");

        assertThat(answer.get("error").get("code").asInt()).isEqualTo(-32602);
        assertThat(client.result("public/set_heartbeat", "{\"interval\":10}").asText()).isEqualTo("ok");
    }

    @Test
    void shouldPriceOptionsFromTheModelInBtc() {
        String call = sim.options().get(0);
        BigDecimal mark = sim.markPrice(call);

        assertThat(call).matches("BTC-\\d{1,2}[A-Z]{3}\\d{2}-85000-C");
        assertThat(mark).isBetween(new BigDecimal("0.05"), new BigDecimal("0.2"));
        assertThat(mark.scale()).isEqualTo(4);
    }
}
