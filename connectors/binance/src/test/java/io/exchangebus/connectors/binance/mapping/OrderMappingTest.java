package io.exchangebus.connectors.binance.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OrderMappingTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final Set<String> OUR_TYPES = Set.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS",
            "STOP_LOSS_LIMIT", "STOP", "STOP_MARKET");

    /** An order object found in a fixture line, with the family it belongs to. */
    record Found(DocFixtures.Line line, String path, JsonNode order, BinanceVenue venue) {
        @Override
        public String toString() {
            return line + " " + path;
        }
    }

    static Stream<Found> everyOrderObjectInTheFixtures() {
        List<Found> found = new ArrayList<>();
        for (String file : List.of("spot_ws_api.docs.jsonl", "spot_rest_api.docs.jsonl",
                "rest_mock_recordings.gocryptotrader.jsonl", "xchange_test_resources.jsonl")) {
            DocFixtures.lines(file).forEach(l -> walk(l, "", l.message(), BinanceVenue.SPOT, found));
        }
        for (String file : List.of("usdm_rest_private.docs.jsonl", "usdm_user_data_and_ws_api.docs.jsonl")) {
            DocFixtures.lines(file).forEach(l -> walk(l, "", l.message(), BinanceVenue.USDM, found));
        }
        return found.stream();
    }

    private static void walk(DocFixtures.Line line, String path, JsonNode node, BinanceVenue venue, List<Found> out) {
        if (node == null) {
            return;
        }
        if (node.isObject() && node.has("orderId") && node.has("origQty") && node.has("status")) {
            out.add(new Found(line, path, node, venue));
            return;
        }
        if (node.isContainerNode()) {
            var fields = node.fields();
            int i = 0;
            for (JsonNode child : node) {
                String name = node.isArray() ? "[" + i++ + "]" : "." + fields.next().getKey();
                walk(line, path + name, child, venue, out);
            }
        }
    }

    @Test
    void shouldFindTheOrderObjectsOfEveryFixtureFile() {
        assertThat(everyOrderObjectInTheFixtures().map(f -> f.line().file()).distinct())
                .hasSize(6);
        assertThat(everyOrderObjectInTheFixtures()).hasSizeGreaterThan(60);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOrderObjectInTheFixtures")
    void shouldMapEveryFixtureOrderFieldByFieldOrRefuseWhatHasNoEquivalent(Found f) {
        JsonNode o = f.order();
        MappingContext ctx = DocFixtures.context(f.venue(), EventSource.STREAM);
        String type = o.path("type").asText();
        boolean knownSymbol = ctx.instrumentIds().apply(o.path("symbol").asText()).isPresent();
        if (!OUR_TYPES.contains(type) || !knownSymbol) {
            assertThatThrownBy(() -> OrderMapping.toUpdate(ctx, o, RECEIVED))
                    .isInstanceOf(UnmappableMessageException.class)
                    .hasMessageContaining(knownSymbol ? type : o.path("symbol").asText());
            return;
        }

        OrderUpdate u = OrderMapping.toUpdate(ctx, o, RECEIVED);

        assertThat(u.getExchange()).isEqualTo(f.venue().exchange());
        assertThat(u.getAccount()).isEqualTo("main");
        assertThat(u.getSymbol()).isEqualTo(o.get("symbol").asText());
        assertThat(u.getInstrumentId()).isEqualTo(ctx.instrumentId(u.getSymbol()));
        assertThat(u.getExchangeOrderId()).isEqualTo(o.get("orderId").asText());
        assertThat(u.getClientOrderId()).isEqualTo(o.has("origClientOrderId") ? o.get("origClientOrderId").asText()
                : o.get("clientOrderId").asText());
        assertThat(u.getSide()).isEqualTo(Side.valueOf(o.get("side").asText()));
        assertThat(u.getQuantity()).isEqualByComparingTo(o.get("origQty").asText());
        assertThat(u.getFilledQuantity()).isEqualByComparingTo(o.get("executedQty").asText());
        assertThat(u.getStatus()).isEqualTo(expectedStatus(o.get("status").asText()));
        BigDecimal price = new BigDecimal(o.get("price").asText());
        if (type.equals("MARKET") || type.equals("STOP_LOSS") || type.equals("STOP_MARKET") || price.signum() == 0) {
            assertThat(u.getPrice()).isNull();
        } else {
            assertThat(u.getPrice()).isEqualByComparingTo(price);
        }
        if (o.has("stopPrice") && new BigDecimal(o.get("stopPrice").asText()).signum() > 0) {
            assertThat(u.getStopPrice()).isEqualByComparingTo(o.get("stopPrice").asText());
        } else {
            assertThat(u.getStopPrice()).isNull();
        }
        assertThat(u.getOrderType()).isEqualTo(expectedType(type, o.path("timeInForce").asText()));
        BigDecimal filled = new BigDecimal(o.get("executedQty").asText());
        if (filled.signum() == 0) {
            assertThat(u.getAveragePrice()).isNull();
        } else {
            BigDecimal quote = new BigDecimal(o.has("cummulativeQuoteQty") ? o.get("cummulativeQuoteQty").asText()
                    : o.get("cumQuote").asText());
            assertThat(u.getAveragePrice()).isEqualByComparingTo(quote.divide(filled, 18, RoundingMode.HALF_EVEN));
            assertThat(u.getAveragePrice().scale()).isLessThanOrEqualTo(18);
        }
        assertThat(u.getReceiveTime()).isEqualTo(RECEIVED);
        assertThat(u.getSource()).isEqualTo(EventSource.STREAM);
        assertThat(u.getLastFill()).isNull();
    }

    private static OrderStatus expectedStatus(String binance) {
        return switch (binance) {
            case "NEW", "PENDING_NEW" -> OrderStatus.NEW;
            case "EXPIRED_IN_MATCH" -> OrderStatus.EXPIRED;
            default -> OrderStatus.valueOf(binance);
        };
    }

    private static OrderType expectedType(String binance, String tif) {
        return switch (binance) {
            case "LIMIT" -> "GTX".equals(tif) ? OrderType.LIMIT_MAKER : OrderType.LIMIT;
            case "STOP_LOSS_LIMIT", "STOP" -> OrderType.STOP_LIMIT;
            case "STOP_LOSS", "STOP_MARKET" -> OrderType.STOP_MARKET;
            default -> OrderType.valueOf(binance);
        };
    }

    @Test
    void shouldMapASpotFilledPlaceAnswerWithItsExactAveragePriceAndTimes() {
        JsonNode result = DocFixtures.line("spot_ws_api.docs.jsonl", 87).message().get("result");

        OrderUpdate u = OrderMapping.toUpdate(DocFixtures.context(BinanceVenue.SPOT, EventSource.STREAM), result,
                RECEIVED);

        assertThat(u.getInstrumentId()).isEqualTo("BTC-USDT");
        assertThat(u.getClientOrderId()).isEqualTo("4d96324ff9d44481926157ec08158a40");
        assertThat(u.getExchangeOrderId()).isEqualTo("12569099453");
        assertThat(u.getSide()).isEqualTo(Side.SELL);
        assertThat(u.getOrderType()).isEqualTo(OrderType.LIMIT);
        assertThat(u.getTimeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(u.getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.getPrice()).isEqualByComparingTo("23416.1");
        assertThat(u.getQuantity()).isEqualByComparingTo("0.00847");
        assertThat(u.getFilledQuantity()).isEqualByComparingTo("0.00847");
        // cummulativeQuoteQty / executedQty = 198.335215 / 0.00847, which does not terminate: half-even at 18 places
        assertThat(u.getAveragePrice()).isEqualTo(new BigDecimal("23416.200118063754427391"));
        assertThat(u.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1660801715793L));
    }

    @Test
    void shouldTakeTheOriginalClientOrderIdOfASpotCancelAnswer() {
        JsonNode result = DocFixtures.line("spot_ws_api.docs.jsonl", 92).message().get("result");

        OrderUpdate u = OrderMapping.toUpdate(DocFixtures.context(BinanceVenue.SPOT, EventSource.STREAM), result,
                RECEIVED);

        assertThat(u.getClientOrderId()).isEqualTo("4d96324ff9d44481926157");
        assertThat(u.getStatus()).isEqualTo(OrderStatus.CANCELED);
        assertThat(u.getFilledQuantity()).isEqualByComparingTo("0.00001");
        assertThat(u.getAveragePrice()).isEqualByComparingTo("23416.1");
        assertThat(u.getStopPrice()).isNull();
    }

    @Test
    void shouldUseUsdmAvgPriceAndMapExpiredInMatchToExpired() {
        MappingContext ctx = DocFixtures.context(BinanceVenue.USDM, EventSource.RECOVERY);
        OrderUpdate partial = OrderMapping.toUpdate(ctx, DocFixtures.line("usdm_rest_private.docs.jsonl", 12)
                .message(), RECEIVED);
        OrderUpdate stp = OrderMapping.toUpdate(ctx, DocFixtures.line("usdm_rest_private.docs.jsonl", 11)
                .message(), RECEIVED);

        assertThat(partial.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
        assertThat(partial.getStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(partial.getAveragePrice()).isEqualByComparingTo("20002");
        assertThat(partial.getSource()).isEqualTo(EventSource.RECOVERY);
        assertThat(stp.getStatus()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(stp.getAveragePrice()).isNull();
    }

    @Test
    void shouldRoundANonTerminatingAveragePriceAtTheEighteenthDecimal() {
        JsonNode market = DocFixtures.line("xchange_test_resources.jsonl", 7).message();

        OrderUpdate u = OrderMapping.toUpdate(DocFixtures.context(BinanceVenue.SPOT, EventSource.RECOVERY), market,
                RECEIVED);

        assertThat(u.getOrderType()).isEqualTo(OrderType.MARKET);
        assertThat(u.getPrice()).isNull();
        assertThat(u.getAveragePrice()).isEqualTo(new BigDecimal("0.00198847")
                .divide(new BigDecimal("0.107"), 18, RoundingMode.HALF_EVEN).stripTrailingZeros());
    }

    @Test
    void shouldRefuseAnUnknownStatusRatherThanDefaultIt() {
        JsonNode o = DocFixtures.line("spot_ws_api.docs.jsonl", 86).message().get("result").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) o).put("status", "TRIGGERED");

        assertThatThrownBy(() -> OrderMapping.toUpdate(DocFixtures.context(BinanceVenue.SPOT, EventSource.STREAM), o,
                RECEIVED)).isInstanceOf(UnmappableMessageException.class).hasMessageContaining("TRIGGERED");
    }

    @Test
    void shouldRefuseAUsdmTrailingStopAsHavingNoEquivalent() {
        JsonNode o = DocFixtures.line("usdm_user_data_and_ws_api.docs.jsonl", 15).message().get("result");

        assertThatThrownBy(() -> OrderMapping.toUpdate(DocFixtures.context(BinanceVenue.USDM, EventSource.STREAM), o,
                RECEIVED)).isInstanceOf(UnmappableMessageException.class)
                .hasMessageContaining("TRAILING_STOP_MARKET");
    }

    private static PlaceOrder order(OrderType type, TimeInForce tif, String price, String stop, boolean reduceOnly) {
        return PlaceOrder.newBuilder().setClientOrderId("cid-1").setSymbol("BTCUSDT").setInstrumentId("BTC-USDT")
                .setSide(Side.BUY).setOrderType(type).setTimeInForce(tif)
                .setQuantity(new BigDecimal("0.010000000000000000"))
                .setPrice(price == null ? null : new BigDecimal(price))
                .setStopPrice(stop == null ? null : new BigDecimal(stop))
                .setReduceOnly(reduceOnly).setGoodTillTime(null).build();
    }

    @Test
    void shouldSendASpotLimitOrderWithPlainDecimalsAndOurClientOrderId() {
        Map<String, Object> p = OrderMapping.placeParams(BinanceVenue.SPOT,
                order(OrderType.LIMIT, null, "52000.000000000000000000", null, false));

        assertThat(p).containsExactly(Map.entry("symbol", "BTCUSDT"), Map.entry("side", "BUY"),
                Map.entry("type", "LIMIT"), Map.entry("timeInForce", "GTC"), Map.entry("quantity", "0.01"),
                Map.entry("price", "52000"), Map.entry("newClientOrderId", "cid-1"),
                Map.entry("newOrderRespType", "RESULT"));
    }

    @Test
    void shouldMapEveryOrderTypeToEachFamilysBinanceType() {
        record Case(OrderType type, String price, String stop, String spotType, String spotTif, String usdmType,
                    String usdmTif) {
        }
        List<Case> cases = List.of(
                new Case(OrderType.LIMIT, "100", null, "LIMIT", "GTC", "LIMIT", "GTC"),
                new Case(OrderType.MARKET, null, null, "MARKET", null, "MARKET", null),
                new Case(OrderType.LIMIT_MAKER, "100", null, "LIMIT_MAKER", null, "LIMIT", "GTX"),
                new Case(OrderType.IMMEDIATE_OR_CANCEL, "100", null, "LIMIT", "IOC", "LIMIT", "IOC"),
                new Case(OrderType.FILL_OR_KILL, "100", null, "LIMIT", "FOK", "LIMIT", "FOK"),
                new Case(OrderType.STOP_LIMIT, "100", "99", "STOP_LOSS_LIMIT", "GTC", "STOP", "GTC"),
                new Case(OrderType.STOP_MARKET, null, "99", "STOP_LOSS", null, "STOP_MARKET", null));
        for (Case c : cases) {
            PlaceOrder o = order(c.type(), null, c.price(), c.stop(), false);
            Map<String, Object> spot = OrderMapping.placeParams(BinanceVenue.SPOT, o);
            Map<String, Object> usdm = OrderMapping.placeParams(BinanceVenue.USDM, o);
            assertThat(spot.get("type")).as("spot %s", c.type()).isEqualTo(c.spotType());
            assertThat(spot.get("timeInForce")).as("spot %s tif", c.type()).isEqualTo(c.spotTif());
            assertThat(usdm.get("type")).as("usdm %s", c.type()).isEqualTo(c.usdmType());
            assertThat(usdm.get("timeInForce")).as("usdm %s tif", c.type()).isEqualTo(c.usdmTif());
            assertThat(spot.get("stopPrice")).isEqualTo(c.stop());
            assertThat(usdm.get("price")).isEqualTo(c.price());
        }
    }

    @Test
    void shouldSendReduceOnlyOnUsdmAndRefuseItOnSpot() {
        PlaceOrder o = order(OrderType.LIMIT, TimeInForce.GTC, "100", null, true);

        assertThat(OrderMapping.placeParams(BinanceVenue.USDM, o)).containsEntry("reduceOnly", "true");
        assertThatThrownBy(() -> OrderMapping.placeParams(BinanceVenue.SPOT, o))
                .hasMessageStartingWith("REDUCE_ONLY");
    }

    @Test
    void shouldSendUsdmGtdWithGoodTillDateInMillisAndRefuseGtdOnSpot() {
        PlaceOrder o = order(OrderType.LIMIT, TimeInForce.GTD, "100", null, false);
        o.setGoodTillTime(Instant.ofEpochMilli(1_800_000_000_123L));

        assertThat(OrderMapping.placeParams(BinanceVenue.USDM, o)).containsEntry("timeInForce", "GTD")
                .containsEntry("goodTillDate", 1_800_000_000_123L);
        assertThatThrownBy(() -> OrderMapping.placeParams(BinanceVenue.SPOT, o)).hasMessageStartingWith("TIME_IN_FORCE");
    }

    @Test
    void shouldRefuseATimeInForceThatContradictsTheType() {
        assertThatThrownBy(() -> OrderMapping.placeParams(BinanceVenue.SPOT,
                order(OrderType.IMMEDIATE_OR_CANCEL, TimeInForce.FOK, "100", null, false)))
                .hasMessageStartingWith("TIME_IN_FORCE");
        assertThatThrownBy(() -> OrderMapping.placeParams(BinanceVenue.USDM,
                order(OrderType.MARKET, TimeInForce.GTC, null, null, false))).hasMessageStartingWith("TIME_IN_FORCE");
    }

    @Test
    void shouldNameACancelledOrderByExchangeIdFirstThenByClientOrderId() {
        CancelOrder byBoth = CancelOrder.newBuilder().setSymbol("BTCUSDT").setInstrumentId("BTC-USDT")
                .setClientOrderId("cid-1").setExchangeOrderId("12569099453").build();
        CancelOrder byOurs = CancelOrder.newBuilder().setSymbol("BTCUSDT").setInstrumentId("BTC-USDT")
                .setClientOrderId("cid-1").setExchangeOrderId(null).build();

        assertThat(OrderMapping.cancelParams(byBoth)).containsExactly(Map.entry("symbol", "BTCUSDT"),
                Map.entry("orderId", 12569099453L));
        assertThat(OrderMapping.cancelParams(byOurs)).containsExactly(Map.entry("symbol", "BTCUSDT"),
                Map.entry("origClientOrderId", "cid-1"));
    }

    @Test
    void shouldReplaceOnSpotWithStopOnFailureAndTheUnfilledQuantity() {
        OrderUpdate current = OrderMapping.toUpdate(DocFixtures.context(BinanceVenue.SPOT, EventSource.RECOVERY),
                DocFixtures.line("spot_ws_api.docs.jsonl", 133).message().get("result").get(0), RECEIVED);

        Map<String, Object> p = OrderMapping.cancelReplaceParams(current, "cid-2", new BigDecimal("23500.00"), null);

        assertThat(p).containsEntry("cancelReplaceMode", "STOP_ON_FAILURE")
                .containsEntry("cancelOrigClientOrderId", current.getClientOrderId())
                .containsEntry("newClientOrderId", "cid-2").containsEntry("type", "LIMIT")
                .containsEntry("timeInForce", "GTC").containsEntry("side", "SELL")
                .containsEntry("price", "23500").containsEntry("quantity", "0.00127");
    }

    @Test
    void shouldModifyOnUsdmByOrderIdKeepingWhatIsNotChanged() {
        OrderUpdate current = OrderMapping.toUpdate(DocFixtures.context(BinanceVenue.USDM, EventSource.RECOVERY),
                DocFixtures.line("usdm_user_data_and_ws_api.docs.jsonl", 2).message().get("result"), RECEIVED);

        Map<String, Object> p = OrderMapping.modifyParams(current, null, new BigDecimal("0.2"));

        assertThat(p).containsExactly(Map.entry("symbol", "BTCUSDT"),
                Map.entry("orderId", Long.parseLong(current.getExchangeOrderId())),
                Map.entry("side", current.getSide().name()), Map.entry("quantity", "0.2"),
                Map.entry("price", OrderMapping.plain(current.getPrice())));
    }
}
