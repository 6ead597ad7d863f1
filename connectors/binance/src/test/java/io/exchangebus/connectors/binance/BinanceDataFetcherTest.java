package io.exchangebus.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.binance.auth.BinanceKeyType;
import io.exchangebus.connectors.binance.auth.BinanceSigner;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceEndpoints;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.mapping.DocFixtures;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.core.role.Page;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionUpdate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DataFetcher's local parts: capabilities and how an allOrders answer becomes a page with its cursor. */
class BinanceDataFetcherTest {

    private static BinanceDataFetcher fetcher(BinanceVenue venue) {
        BinanceConfig config = BinanceConfig.builder(BinanceEndpoints.testnet(venue))
                .signer(BinanceSigner.of(new ApiCredentials("main", "key", Secret.of("secret")), BinanceKeyType.HMAC))
                .build();
        return new BinanceDataFetcher(config, venue == BinanceVenue.SPOT ? DocFixtures.spotRegistry()
                : DocFixtures.usdmRegistry());
    }

    /** {@code n} copies of the fixture's allOrders item with order ids from {@code firstId} and times 1000 ms apart. */
    private static ArrayNode orders(int firstId, int n) {
        JsonNode item = DocFixtures.line("spot_rest_api.docs.jsonl", 65).message().get(0);
        ArrayNode out = DocFixtures.JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            ObjectNode o = item.deepCopy();
            o.put("orderId", firstId + i).put("time", 1_000_000L + 1000L * (firstId + i))
                    .put("clientOrderId", "c" + (firstId + i));
            out.add(o);
        }
        return out;
    }

    @Test
    void shouldGiveTheNextCursorAfterTheHighestOrderIdOfAFullPage() {
        try (BinanceDataFetcher f = fetcher(BinanceVenue.SPOT)) {
            Page<OrderUpdate> page = f.page(orders(10, 5), 5, null, null);

            assertThat(page.items()).extracting(OrderUpdate::getExchangeOrderId)
                    .containsExactly("10", "11", "12", "13", "14");
            assertThat(page.items()).allSatisfy(u -> assertThat(u.getSource()).isEqualTo(EventSource.RECOVERY));
            assertThat(page.nextCursor()).isEqualTo("15");
        }
    }

    @Test
    void shouldEndOnAShortPage() {
        try (BinanceDataFetcher f = fetcher(BinanceVenue.SPOT)) {
            assertThat(f.page(orders(10, 3), 5, null, null).next()).isEmpty();
        }
    }

    @Test
    void shouldLeaveOutOrdersOutsideTheTimeRangeAndEndOncePastIt() {
        try (BinanceDataFetcher f = fetcher(BinanceVenue.SPOT)) {
            Instant from = Instant.ofEpochMilli(1_000_000L + 11_000L);
            Instant to = Instant.ofEpochMilli(1_000_000L + 13_000L);

            Page<OrderUpdate> page = f.page(orders(10, 5), 5, from, to);

            assertThat(page.items()).extracting(OrderUpdate::getExchangeOrderId).containsExactly("11", "12");
            assertThat(page.next()).isEmpty();
        }
    }

    @Test
    void shouldWalkEveryOrderExactlyOnceAcrossPages() {
        try (BinanceDataFetcher f = fetcher(BinanceVenue.USDM)) {
            JsonNode usdmItem = DocFixtures.line("usdm_rest_private.docs.jsonl", 12).message();
            ArrayNode all = DocFixtures.JSON.createArrayNode();
            for (int i = 1; i <= 23; i++) {
                all.add(((ObjectNode) usdmItem.deepCopy()).put("orderId", i * 3L));
            }
            List<String> seen = new java.util.ArrayList<>();
            String cursor = "1";
            while (cursor != null) {
                long from = Long.parseLong(cursor);
                ArrayNode answer = DocFixtures.JSON.createArrayNode();
                all.forEach(o -> {
                    if (o.get("orderId").asLong() >= from && answer.size() < 10) {
                        answer.add(o);
                    }
                });
                Page<OrderUpdate> page = f.page(answer, 10, null, null);
                page.items().forEach(u -> seen.add(u.getExchangeOrderId()));
                cursor = page.nextCursor();
            }
            assertThat(seen).hasSize(23).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldOfferPositionsOnUsdmOnlyAndRefuseThemOnSpotWithoutACall() throws Exception {
        try (BinanceDataFetcher spot = fetcher(BinanceVenue.SPOT); BinanceDataFetcher usdm = fetcher(BinanceVenue.USDM)) {
            assertThat(spot.capabilities().supports(Capability.POSITIONS)).isFalse();
            assertThat(usdm.capabilities().supports(Capability.POSITIONS)).isTrue();
            assertThat(spot.capabilities().supports(Capability.ORDER_HISTORY)).isTrue();

            Result<List<PositionUpdate>> refused = spot.positions().get();

            assertThat(refused.error().code()).isEqualTo("UNSUPPORTED");
        }
    }
}
