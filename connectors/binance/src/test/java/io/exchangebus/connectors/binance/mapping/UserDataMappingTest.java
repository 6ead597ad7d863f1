package io.exchangebus.connectors.binance.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.AccountChange;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.BalanceDelta;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.Balances;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.Mapped;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.NotMapped;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.OrderEvent;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.StreamEnded;
import io.exchangebus.connectors.core.testing.Fixtures;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.Fill;
import io.exchangebus.events.Liquidity;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserDataMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.ofEpochSecond(1_700_000_000L, 123_456_000L);
    private static final Map<String, String> IDS = Map.of("ETHBTC", "ETH-BTC", "BNBBTC", "BNB-BTC",
            "BTCUSDT", "BTC-USDT-PERP", "ETHUSDT", "ETH-USDT-PERP");
    private static final MappingContext SPOT = new MappingContext("binance-spot", "acc1",
            s -> Optional.ofNullable(IDS.get(s)), EventSource.STREAM);
    private static final MappingContext USDM = new MappingContext("binance-usdm", "acc1",
            s -> Optional.ofNullable(IDS.get(s)), EventSource.STREAM);

    record Fixture(String section, JsonNode message) {
    }

    private static List<Fixture> fixtures(String file) throws IOException {
        List<Fixture> out = new ArrayList<>();
        for (String line : Files.readAllLines(Fixtures.path("binance/" + file))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = JSON.readTree(line);
            JsonNode message = entry.path("message");
            if (message.isNull() || message.isMissingNode()) {
                // The docs' ACCOUNT_UPDATE example has // comments and a full-width comma: clean it as the docs mean.
                String raw = entry.path("raw").asText().replaceAll("(?m)//.*$", "").replace('\uFF0C', ',');
                try {
                    message = JSON.readTree(raw);
                } catch (IOException e) {
                    continue;
                }
            }
            out.add(new Fixture(entry.path("section").asText(), message));
        }
        return out;
    }

    private static JsonNode event(String file, String type) throws IOException {
        return fixtures(file).stream().map(f -> UserDataMapping.unwrap(f.message()))
                .filter(e -> type.equals(e.path("e").asText())).findFirst().orElseThrow();
    }

    private static Mapped map(JsonNode event, MappingContext context) {
        return UserDataMapping.map(event, context, RECEIVED);
    }

    private static BigDecimal d(String text) {
        return new BigDecimal(text).setScale(18);
    }

    @Test
    void shouldMapEverySpotUserDataFixtureLineOrRefuseItWithAReason() throws IOException {
        List<Fixture> lines = fixtures("spot_user_data_stream.docs.jsonl");
        assertThat(lines).hasSize(6);
        for (Fixture line : lines) {
            JsonNode event = UserDataMapping.unwrap(line.message());
            assertThat(event.path("e").isTextual()).as(line.section()).isTrue();
            Mapped mapped = map(event, SPOT);
            if (mapped instanceof NotMapped notMapped) {
                assertThat(notMapped.reason()).as(line.section()).isNotBlank();
            }
        }
    }

    @Test
    void shouldMapANewSpotExecutionReportFieldByField() throws IOException {
        OrderUpdate u = ((OrderEvent) map(event("spot_user_data_stream.docs.jsonl", "executionReport"), SPOT))
                .update();

        assertThat(u.getExchange()).isEqualTo("binance-spot");
        assertThat(u.getAccount()).isEqualTo("acc1");
        assertThat(u.getSymbol()).isEqualTo("ETHBTC");
        assertThat(u.getInstrumentId()).isEqualTo("ETH-BTC");
        assertThat(u.getClientOrderId()).isEqualTo("mUvoqJxFIILMdfAW5iGSOW");
        assertThat(u.getExchangeOrderId()).isEqualTo("4293153");
        assertThat(u.getSide()).isEqualTo(Side.BUY);
        assertThat(u.getOrderType()).isEqualTo(OrderType.LIMIT);
        assertThat(u.getTimeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(u.getPrice()).isEqualTo(d("0.10264410"));
        assertThat(u.getStopPrice()).isNull();
        assertThat(u.getQuantity()).isEqualTo(d("1.00000000"));
        assertThat(u.getFilledQuantity()).isEqualTo(d("0"));
        assertThat(u.getAveragePrice()).isNull();
        assertThat(u.getLastFill()).isNull();
        assertThat(u.getReason()).isNull();
        assertThat(u.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1499405658657L));
        assertThat(u.getReceiveTime()).isEqualTo(RECEIVED);
        assertThat(u.getSource()).isEqualTo(EventSource.STREAM);
    }

    @Test
    void shouldMapASpotTradeWithItsFillFeeLiquidityAndExactAveragePrice() throws IOException {
        ObjectNode e = (ObjectNode) event("spot_user_data_stream.docs.jsonl", "executionReport").deepCopy();
        e.put("x", "TRADE").put("X", "PARTIALLY_FILLED").put("l", "0.30000000").put("z", "0.70000000")
                .put("L", "0.10264400").put("n", "0.00000031").put("N", "BNB").put("t", 77L).put("m", true)
                .put("Z", "0.07185086");

        OrderUpdate u = ((OrderEvent) map(e, SPOT)).update();

        assertThat(u.getStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(u.getFilledQuantity()).isEqualTo(d("0.7"));
        // 0.07185086 / 0.7 = 0.1026440857142857142857…: 18 places, half-even
        assertThat(u.getAveragePrice()).isEqualTo(new BigDecimal("0.102644085714285714"));
        Fill f = u.getLastFill();
        assertThat(f.getTradeId()).isEqualTo("77");
        assertThat(f.getPrice()).isEqualTo(d("0.102644"));
        assertThat(f.getQuantity()).isEqualTo(d("0.3"));
        assertThat(f.getFee()).isEqualTo(d("0.00000031"));
        assertThat(f.getFeeAsset()).isEqualTo("BNB");
        assertThat(f.getLiquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(f.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1499405658657L));
    }

    @Test
    void shouldComputeAnExactAveragePriceWhenTheQuotientTerminates() {
        assertThat(SpotUserDataMapping.average(new BigDecimal("150.5"), new BigDecimal("2"))).isEqualTo(d("75.25"));
        assertThat(SpotUserDataMapping.average(BigDecimal.ONE, BigDecimal.ZERO)).isNull();
    }

    @Test
    void shouldReportTheOriginalClientOrderIdOfACanceledOrder() throws IOException {
        ObjectNode e = (ObjectNode) event("spot_user_data_stream.docs.jsonl", "executionReport").deepCopy();
        e.put("x", "CANCELED").put("X", "CANCELED").put("c", "cancelRequest1").put("C", "mUvoqJxFIILMdfAW5iGSOW");

        OrderUpdate u = ((OrderEvent) map(e, SPOT)).update();

        assertThat(u.getClientOrderId()).isEqualTo("mUvoqJxFIILMdfAW5iGSOW");
        assertThat(u.getStatus()).isEqualTo(OrderStatus.CANCELED);
    }

    @Test
    void shouldMapTheGoCryptoTraderSpotExecutionReportAndAccountPositionInTheCombinedStreamForm() throws IOException {
        List<Mapped> mapped = new ArrayList<>();
        for (String line : Files.readAllLines(Fixtures.path("binance/ws_messages.gocryptotrader.jsonl"))) {
            JsonNode event = UserDataMapping.unwrap(JSON.readTree(line).path("message"));
            String type = event.path("e").asText();
            if (List.of("executionReport", "outboundAccountPosition", "balanceUpdate", "listStatus").contains(type)) {
                mapped.add(map(event, SPOT));
            }
        }
        assertThat(mapped).hasSize(4);
        assertThat(mapped).filteredOn(m -> m instanceof OrderEvent).singleElement()
                .satisfies(m -> assertThat(((OrderEvent) m).update().getQuantity()).isEqualTo(d("0.000284")));
        Balances balances = (Balances) mapped.stream().filter(m -> m instanceof Balances).findFirst().orElseThrow();
        assertThat(balances.balances().get(0).getAsset()).isEqualTo("BTC");
        assertThat(balances.balances().get(0).getFree()).isEqualTo(d("0.00225109"));
        assertThat(balances.balances().get(0).getLocked()).isEqualTo(d("0.00123"));
        assertThat(balances.balances().get(0).getTotal()).isEqualTo(d("0.00348109"));
    }

    @Test
    void shouldMapAnAccountPositionToAbsoluteBalances() throws IOException {
        Balances b = (Balances) map(event("spot_user_data_stream.docs.jsonl", "outboundAccountPosition"), SPOT);

        assertThat(b.lastAccountUpdateMicros()).isEqualTo(1564034571073_000L);
        BalanceUpdate eth = b.balances().get(0);
        assertThat(eth.getAsset()).isEqualTo("ETH");
        assertThat(eth.getFree()).isEqualTo(d("10000"));
        assertThat(eth.getLocked()).isEqualTo(d("0"));
        assertThat(eth.getTotal()).isEqualTo(d("10000"));
        assertThat(eth.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1564034571105L));
        assertThat(eth.getSource()).isEqualTo(EventSource.STREAM);
        assertThat(eth.getAccount()).isEqualTo("acc1");
    }

    @Test
    void shouldMapABalanceUpdateToADeltaNotToAnAbsoluteBalance() throws IOException {
        BalanceDelta delta = (BalanceDelta) map(event("spot_user_data_stream.docs.jsonl", "balanceUpdate"), SPOT);

        assertThat(delta.asset()).isEqualTo("BTC");
        assertThat(delta.delta()).isEqualByComparingTo("100");
        assertThat(delta.exchangeTimeMicros()).isEqualTo(1573200697110_000L);
        assertThat(delta.clearTimeMicros()).isEqualTo(1573200697068_000L);
    }

    @Test
    void shouldRecogniseTheEndOfASpotSubscriptionAndRefuseOrderListsAndExternalLocksWithAReason() throws IOException {
        assertThat(map(event("spot_user_data_stream.docs.jsonl", "eventStreamTerminated"), SPOT))
                .isInstanceOf(StreamEnded.class);
        NotMapped list = (NotMapped) map(event("spot_user_data_stream.docs.jsonl", "listStatus"), SPOT);
        assertThat(list.redundant()).isTrue();
        assertThat(list.reason()).contains("executionReport");
        NotMapped lock = (NotMapped) map(event("spot_user_data_stream.docs.jsonl", "externalLockUpdate"), SPOT);
        assertThat(lock.redundant()).isFalse();
        assertThat(lock.reason()).contains("outboundAccountPosition");
    }

    @Test
    void shouldRefuseTheDocsTrailingStopOrderUpdateWhichOurModelCannotHold() throws IOException {
        assertThatThrownBy(() -> map(event("usdm_user_data_and_ws_api.docs.jsonl", "ORDER_TRADE_UPDATE"), USDM))
                .isInstanceOf(UnmappableMessageException.class)
                .hasMessageContaining("order type 'TRAILING_STOP_MARKET' has no equivalent");
    }

    @Test
    void shouldMapAUsdmOrderTradeUpdateFieldByField() throws IOException {
        ObjectNode e = (ObjectNode) event("usdm_user_data_and_ws_api.docs.jsonl", "ORDER_TRADE_UPDATE").deepCopy();
        ((ObjectNode) e.get("o")).put("o", "STOP_MARKET").put("ot", "STOP_MARKET");
        OrderUpdate u = ((OrderEvent) map(e, USDM)).update();

        assertThat(u.getExchange()).isEqualTo("binance-usdm");
        assertThat(u.getSymbol()).isEqualTo("BTCUSDT");
        assertThat(u.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
        assertThat(u.getClientOrderId()).isEqualTo("TEST");
        assertThat(u.getExchangeOrderId()).isEqualTo("8886774");
        assertThat(u.getSide()).isEqualTo(Side.SELL);
        assertThat(u.getOrderType()).isEqualTo(OrderType.STOP_MARKET);
        assertThat(u.getTimeInForce()).as("a market order has none in our model").isNull();
        assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(u.getPrice()).isNull();
        assertThat(u.getStopPrice()).isEqualTo(d("7103.04"));
        assertThat(u.getQuantity()).isEqualTo(d("0.001"));
        assertThat(u.getFilledQuantity()).isEqualTo(d("0"));
        assertThat(u.getAveragePrice()).isNull();
        assertThat(u.getLastFill()).isNull();
        assertThat(u.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1568879465650L));
        assertThat(u.getSource()).isEqualTo(EventSource.STREAM);
    }

    @Test
    void shouldMapAUsdmFillWithItsFeeAndAveragePrice() throws IOException {
        ObjectNode e = (ObjectNode) event("usdm_user_data_and_ws_api.docs.jsonl", "ORDER_TRADE_UPDATE").deepCopy();
        ((ObjectNode) e.get("o")).put("o", "LIMIT").put("f", "GTX").put("p", "7100.5").put("x", "TRADE")
                .put("X", "FILLED").put("l", "0.001").put("z", "0.001").put("L", "7100.5").put("ap", "7100.5")
                .put("n", "0.00284020").put("t", 12345L).put("m", false);

        OrderUpdate u = ((OrderEvent) map(e, USDM)).update();

        assertThat(u.getOrderType()).as("GTX is post-only").isEqualTo(OrderType.LIMIT_MAKER);
        assertThat(u.getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.getAveragePrice()).isEqualTo(d("7100.5"));
        Fill f = u.getLastFill();
        assertThat(f.getTradeId()).isEqualTo("12345");
        assertThat(f.getPrice()).isEqualTo(d("7100.5"));
        assertThat(f.getQuantity()).isEqualTo(d("0.001"));
        assertThat(f.getFee()).isEqualTo(d("0.0028402"));
        assertThat(f.getFeeAsset()).isEqualTo("USDT");
        assertThat(f.getLiquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(f.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1568879465650L));
    }

    @Test
    void shouldMapAUsdmAccountUpdateToBalancesAndPositionsWithItsReason() throws IOException {
        AccountChange c = (AccountChange) map(event("usdm_user_data_and_ws_api.docs.jsonl", "ACCOUNT_UPDATE"), USDM);

        assertThat(c.reason()).isEqualTo("ORDER");
        assertThat(c.balances()).hasSize(2);
        BalanceUpdate usdt = c.balances().get(0);
        assertThat(usdt.getAsset()).isEqualTo("USDT");
        assertThat(usdt.getTotal()).isEqualTo(d("122624.12345678"));
        assertThat(usdt.getFree()).isEqualTo(d("100.12345678"));
        assertThat(usdt.getLocked()).isEqualTo(d("122524"));
        assertThat(usdt.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1564745798938L));
        assertThat(c.balanceChanges()).containsExactly(new BigDecimal("50.12345678"), new BigDecimal("-49.12345678"));
        assertThat(c.balances().get(1).getAsset()).isEqualTo("BUSD");

        assertThat(c.positions()).hasSize(3);
        PositionUpdate flat = c.positions().get(0);
        assertThat(flat.getPositionSide()).isEqualTo(PositionSide.NET);
        assertThat(flat.getQuantity()).isEqualTo(d("0"));
        assertThat(flat.getEntryPrice()).isNull();
        assertThat(flat.getRealizedPnl()).isEqualTo(d("200"));
        PositionUpdate longs = c.positions().get(1);
        assertThat(longs.getSymbol()).isEqualTo("BTCUSDT");
        assertThat(longs.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
        assertThat(longs.getPositionSide()).isEqualTo(PositionSide.LONG);
        assertThat(longs.getQuantity()).isEqualTo(d("20"));
        assertThat(longs.getEntryPrice()).isEqualTo(d("6563.665"));
        assertThat(longs.getUnrealizedPnl()).isEqualTo(d("2850.212"));
        PositionUpdate shorts = c.positions().get(2);
        assertThat(shorts.getPositionSide()).isEqualTo(PositionSide.SHORT);
        assertThat(shorts.getQuantity()).isEqualTo(d("-10"));
        assertThat(shorts.getUnrealizedPnl()).isEqualTo(d("-1423.156"));
        assertThat(shorts.getSource()).isEqualTo(EventSource.STREAM);
    }

    @Test
    void shouldRecogniseEveryUsdmUserDataEventOrRefuseItWithAReason() throws IOException {
        List<String> types = new ArrayList<>();
        for (Fixture line : fixtures("usdm_user_data_and_ws_api.docs.jsonl")) {
            JsonNode event = UserDataMapping.unwrap(line.message());
            if (!event.has("e")) {
                continue; // requests and responses, not events
            }
            if ("TRAILING_STOP_MARKET".equals(event.path("o").path("o").asText())) {
                assertThatThrownBy(() -> map(event, USDM)).hasMessageContaining("no equivalent in our model");
                types.add(event.path("e").asText());
                continue;
            }
            Mapped mapped = map(event, USDM);
            types.add(mapped.type());
            if (mapped instanceof NotMapped n) {
                assertThat(n.reason()).as(mapped.type()).isNotBlank();
            }
        }
        assertThat(types).contains("listenKeyExpired", "ACCOUNT_UPDATE", "ORDER_TRADE_UPDATE", "MARGIN_CALL",
                "TRADE_LITE", "ACCOUNT_CONFIG_UPDATE", "STRATEGY_UPDATE", "GRID_UPDATE",
                "CONDITIONAL_ORDER_TRIGGER_REJECT");
        assertThat(map(event("usdm_user_data_and_ws_api.docs.jsonl", "listenKeyExpired"), USDM))
                .isInstanceOf(StreamEnded.class);
        assertThat(((NotMapped) map(event("usdm_user_data_and_ws_api.docs.jsonl", "TRADE_LITE"), USDM)).redundant())
                .isTrue();
        assertThat(((NotMapped) map(event("usdm_user_data_and_ws_api.docs.jsonl", "MARGIN_CALL"), USDM)).redundant())
                .isFalse();
    }

    @Test
    void shouldRefuseUnknownEnumsTypesAndSymbolsNamingTheField() throws IOException {
        ObjectNode status = (ObjectNode) event("spot_user_data_stream.docs.jsonl", "executionReport").deepCopy();
        status.put("X", "WEIRD");
        assertThatThrownBy(() -> map(status, SPOT)).isInstanceOf(UnmappableMessageException.class)
                .hasMessageContaining("order status 'WEIRD'");

        ObjectNode symbol = (ObjectNode) event("spot_user_data_stream.docs.jsonl", "executionReport").deepCopy();
        symbol.put("s", "NOPE");
        assertThatThrownBy(() -> map(symbol, SPOT)).hasMessageContaining("symbol 'NOPE' is not an instrument of binance-spot");

        ObjectNode side = (ObjectNode) event("usdm_user_data_and_ws_api.docs.jsonl", "ACCOUNT_UPDATE").deepCopy();
        ((ObjectNode) side.get("a").get("P").get(0)).put("ps", "MIDDLE");
        assertThatThrownBy(() -> map(side, USDM)).hasMessageContaining("position side 'MIDDLE'");

        ObjectNode type = JSON.createObjectNode().put("e", "somethingNew").put("E", 1L);
        assertThatThrownBy(() -> map(type, SPOT)).hasMessageContaining("unknown user-data event type 'somethingNew'");

        ObjectNode decimal = (ObjectNode) event("spot_user_data_stream.docs.jsonl", "balanceUpdate").deepCopy();
        decimal.put("d", "1e");
        assertThatThrownBy(() -> map(decimal, SPOT)).hasMessageContaining("field 'd'");
    }
}
