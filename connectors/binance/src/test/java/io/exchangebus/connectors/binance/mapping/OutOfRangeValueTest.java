package io.exchangebus.connectors.binance.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import io.exchangebus.connectors.core.testing.Fixtures;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values no exchange sends are refused where Binance's messages are mapped, naming the field, rather than becoming
 * events that fail later at serialization or carry an impossible sign: the six values of the fuzz issue (negative
 * quantities {@code -1} and {@code -0.00000001}, a price and a quantity of 10^38) in a book level, a trade and an
 * order; what {@code run-fuzz} found on top; and signed fields that stay signed.
 */
class OutOfRangeValueTest {
    private static final ObjectMapper JSON = ExactNumbers.exactMapper();
    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Map<String, String> IDS = Map.of("ETHBTC", "ETH-BTC", "BNBBTC", "BNB-BTC",
            "BTCUSDT", "BTC-USDT-PERP");
    private static final MappingContext SPOT = new MappingContext("binance-spot", "acc1",
            s -> Optional.ofNullable(IDS.get(s)), EventSource.STREAM);
    private static final MappingContext USDM = new MappingContext("binance-usdm", "acc1",
            s -> Optional.ofNullable(IDS.get(s)), EventSource.STREAM);
    private static final String TEN_TO_38 = "1" + "0".repeat(38);

    // ---- book levels ----

    /** A spot diff depth frame in Binance's compact layout with one bid and one ask. */
    private static String depth(String bidPrice, String bidQty, String askPrice, String askQty) {
        return "{\"e\":\"depthUpdate\",\"E\":1672515782136,\"s\":\"BNBBTC\",\"U\":157,\"u\":160,\"b\":[[" + bidPrice
                + "," + bidQty + "]],\"a\":[[" + askPrice + "," + askQty + "]]}";
    }

    private static String q(String text) {
        return "\"" + text + "\"";
    }

    @ParameterizedTest(name = "b[0] = [{0}, {1}]: {2}")
    @CsvSource(delimiter = '|', value = {
        "\"0.0024\" | \"-1\"          | b[0].quantity: -1 is negative",
        "\"0.0024\" | \"-0.00000001\" | b[0].quantity: -0.00000001 is negative",
        "\"1e38\"   | \"10\"          | b[0].price: 1e38 is beyond decimal(38,18)",
        "\"0.0024\" | \"1e38\"        | b[0].quantity: 1e38 is beyond decimal(38,18)",
        "\"0.0024\" | 1e38            | b[0].quantity: 1e38 is beyond decimal(38,18)",
        "\"0\"      | \"10\"          | b[0].price: 0 is not above zero",
        "\"-1\"     | \"10\"          | b[0].price: -1 is not above zero",
    })
    void shouldRefuseABookLevelOutOfRangeNamingTheLevelOnBothReaders(String price, String qty, String message) {
        String compact = depth(price, qty, q("0.0026"), q("100"));
        String spaced = compact.replace(",", ", ");

        for (String frame : List.of(compact, spaced)) {
            assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, frame)).as(frame)
                    .isInstanceOf(UnmappableMessageException.class).hasMessage(message);
            assertThatThrownBy(() -> MarketMapping.parseGeneral(BinanceVenue.SPOT, frame)).as(frame)
                    .isInstanceOf(UnmappableMessageException.class).hasMessage(message);
        }
    }

    @Test
    void shouldRefuseAnAskOfTenToThe38NamingTheLevel() {
        String frame = depth(q("0.0024"), q("10"), q("0.0026"), q(TEN_TO_38));

        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, frame))
                .isInstanceOf(UnmappableMessageException.class)
                .hasMessage("a[0].quantity: " + TEN_TO_38 + " is beyond decimal(38,18)");
    }

    @Test
    void shouldStillAcceptAQuantityOfZeroWhichRemovesTheLevel() {
        MarketMapping.DepthDiff d = (MarketMapping.DepthDiff) MarketMapping.parse(BinanceVenue.SPOT,
                depth(q("0.0024"), q("0"), q("0.0026"), q("0.00000000")));

        assertThat(d.diff().bids().get(0).quantity()).isZero();
        assertThat(d.diff().asks().get(0).quantity()).isZero();
    }

    @Test
    void shouldRefuseTheLevelPriceOfZeroRunFuzzFound() {
        // run-fuzz --exchange binance-spot --seed 3: PriceLevel.price: 0 reached a BookUpdate (spaced layout).
        String frame = "{\"stream\":\"BNBBTC@depth\",\"data\":{\"e\": \"depthUpdate\",\"E\": 1234567880,"
                + "\"s\": \"BNBBTC\",\"U\": 157,\"u\": 160,\"b\": [[\"6621.45\", \"0.3\"],[\"0\", \"0.3\"]],"
                + "\"a\": [[\"6621.55\", \"0.5\"]]}}";

        OfflineNormalizer.Normalized result = BinanceNormalizer.guessingIds(BinanceVenue.SPOT, "main", null)
                .normalize(frame, RECEIVED);

        assertThat(result.isRefused()).isTrue();
        assertThat(result.refusal()).isEqualTo("b[1].price: 0 is not above zero");
    }

    @Test
    void shouldRefuseANegativeQuantityInAPartialDepthAndARestDepthSnapshot() {
        String partial = "{\"stream\":\"bnbbtc@depth5\",\"data\":{\"lastUpdateId\":160,"
                + "\"bids\":[[\"0.0024\",\"10\"]],\"asks\":[[\"0.0026\",\"-1\"]]}}";
        assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, partial))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("asks[0].quantity: -1 is negative");

        String rest = "{\"lastUpdateId\":160,\"bids\":[[\"0.0024\",\"10\"],[\"0.0023\",\"-0.00000001\"]],"
                + "\"asks\":[[\"0.0026\",\"100\"]]}";
        assertThatThrownBy(() -> MarketMapping.depthSnapshot(BinanceVenue.SPOT, rest))
                .isInstanceOf(UnmappableMessageException.class)
                .hasMessage("bids[1].quantity: -0.00000001 is negative");
        String restPrice = "{\"lastUpdateId\":160,\"bids\":[[\"1e38\",\"10\"]],\"asks\":[]}";
        assertThatThrownBy(() -> MarketMapping.depthSnapshot(BinanceVenue.SPOT, restPrice))
                .isInstanceOf(UnmappableMessageException.class)
                .hasMessage("bids[0].price: 1e38 is beyond decimal(38,18)");
        BookSnapshot zero = MarketMapping.depthSnapshot(BinanceVenue.SPOT,
                "{\"lastUpdateId\":160,\"bids\":[[\"0.0024\",\"0\"]],\"asks\":[]}");
        assertThat(zero.bids()).hasSize(1);
    }

    // ---- trades ----

    private static String trade(String price, String qty) {
        return "{\"e\":\"trade\",\"E\":1672515782136,\"s\":\"BNBBTC\",\"t\":12345,\"p\":" + price + ",\"q\":" + qty
                + ",\"T\":1672515782136,\"m\":true,\"M\":true}";
    }

    @ParameterizedTest(name = "p={0} q={1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "\"0.001\" | \"-1\"          | q: -1 is not above zero",
        "\"0.001\" | \"-0.00000001\" | q: -0.00000001 is not above zero",
        "\"1e38\"  | \"100\"         | p: 1e38 is beyond decimal(38,18)",
        "\"0.001\" | \"1e38\"        | q: 1e38 is beyond decimal(38,18)",
        "\"0.001\" | \"0\"           | q: 0 is not above zero",
        "\"0\"     | \"100\"         | p: 0 is not above zero",
    })
    void shouldRefuseATradeOutOfRangeNamingTheFieldOnBothReaders(String price, String qty, String message) {
        String compact = trade(price, qty);
        String spaced = compact.replace(",", ", ");

        for (String frame : List.of(compact, spaced)) {
            assertThatThrownBy(() -> MarketMapping.parse(BinanceVenue.SPOT, frame)).as(frame)
                    .isInstanceOf(UnmappableMessageException.class).hasMessage(message);
            assertThatThrownBy(() -> MarketMapping.parseGeneral(BinanceVenue.SPOT, frame)).as(frame)
                    .isInstanceOf(UnmappableMessageException.class).hasMessage(message);
        }
    }

    @Test
    void shouldRefuseARestTradeOfANegativeQuantityNamingTheField() throws IOException {
        JsonNode spot = JSON.readTree("[{\"id\":28457,\"price\":\"4.00000100\",\"qty\":\"-1\",\"time\":1499865549590,"
                + "\"isBuyerMaker\":true,\"isBestMatch\":true}]");
        assertThatThrownBy(() -> MarketMapping.restTrades(BinanceVenue.SPOT, "BNBBTC", "rest", spot))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("qty: -1 is not above zero");

        JsonNode usdm = JSON.readTree("[{\"a\":26129,\"p\":\"" + TEN_TO_38 + "\",\"q\":\"4.7\",\"f\":27781,"
                + "\"l\":27781,\"T\":1498793709153,\"m\":true}]");
        assertThatThrownBy(() -> MarketMapping.restTrades(BinanceVenue.USDM, "BTCUSDT", "rest", usdm))
                .isInstanceOf(UnmappableMessageException.class)
                .hasMessage("p: " + TEN_TO_38 + " is beyond decimal(38,18)");
    }

    // ---- orders ----

    private static ObjectNode restOrder() throws IOException {
        return (ObjectNode) JSON.readTree("{\"symbol\":\"ETHBTC\",\"orderId\":1,\"orderListId\":-1,"
                + "\"clientOrderId\":\"myOrder1\",\"price\":\"0.1\",\"origQty\":\"1.0\",\"executedQty\":\"0.5\","
                + "\"cummulativeQuoteQty\":\"0.05\",\"status\":\"PARTIALLY_FILLED\",\"timeInForce\":\"GTC\","
                + "\"type\":\"LIMIT\",\"side\":\"BUY\",\"stopPrice\":\"0.0\",\"time\":1499827319559,"
                + "\"updateTime\":1499827319559,\"isWorking\":true}");
    }

    @ParameterizedTest(name = "{0} = {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "origQty     | -1          | origQty: -1 is negative",
        "executedQty | -0.00000001 | executedQty: -0.00000001 is negative",
        "price       | 1e38        | price: 1e38 is beyond decimal(38,18)",
        "origQty     | 1e38        | origQty: 1e38 is beyond decimal(38,18)",
        "price       | -1          | price: -1 is negative",
        "stopPrice   | -0.00000001 | stopPrice: -0.00000001 is negative",
    })
    void shouldRefuseAnOrderObjectOutOfRangeNamingTheField(String field, String value, String message)
            throws IOException {
        ObjectNode o = restOrder().put(field, value);

        assertThatThrownBy(() -> OrderMapping.toUpdate(SPOT, o, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessage(message);
    }

    @Test
    void shouldRefuseTheNegativeFilledQuantityRunFuzzFound() throws IOException {
        // run-fuzz --exchange binance-spot and binance-usdm --seed 3: OrderUpdate.filledQuantity: -1 was emitted.
        String frame = "{\n    \"symbol\": \"ETHBTC\",\n    \"orderId\": 460498247,\n    \"orderListId\": -1,\n"
                + "    \"clientOrderId\": \"gzcLIkn86ag3FycOCEl6Vi\",\n    \"price\": \"0.00000000\",\n"
                + "    \"origQty\": \"0.10700000\",\n    \"executedQty\": \"-1\",\n"
                + "    \"cummulativeQuoteQty\": \"0.00198847\",\n    \"status\": \"FILLED\",\n"
                + "    \"timeInForce\": \"GTC\",\n    \"type\": \"MARKET\",\n    \"side\": \"SELL\",\n"
                + "    \"stopPrice\": \"0.00000000\",\n    \"icebergQty\": \"0.00000000\",\n"
                + "    \"time\": 1566249504234,\n    \"updateTime\": 1566249504234,\n    \"isWorking\": true\n}";

        for (BinanceVenue venue : List.of(BinanceVenue.SPOT, BinanceVenue.USDM)) {
            OfflineNormalizer.Normalized result = BinanceNormalizer.guessingIds(venue, "main", null)
                    .normalize(frame, RECEIVED);

            assertThat(result.isRefused()).as(venue.exchange()).isTrue();
            assertThat(result.refusal()).isEqualTo("executedQty: -1 is negative");
        }
    }

    @Test
    void shouldRefuseAComputedAveragePriceBeyondTwentyIntegerDigitsRunFuzzFound() {
        // run-fuzz --seed 3: cummulativeQuoteQty 9223372036854775808 over executedQty 0.0072 gave
        // OrderUpdate.averagePrice 1281023894007607751111.111111111111111111, which decimal(38,18) cannot hold.
        String frame = "{\"id\":\"55f07876-4f6f-4c47-87dc-43e5fff3f2e7\",\"status\":200,\"result\":[{"
                + "\"symbol\":\"BTCUSDT\",\"orderId\":12569099453,\"orderListId\":-1,"
                + "\"clientOrderId\":\"4d96324ff9d44481926157\",\"price\":\"23416.10000000\","
                + "\"origQty\":\"0.00847000\",\"executedQty\":\"0.00720000\",\"origQuoteOrderQty\":\"0.000000\","
                + "\"cummulativeQuoteQty\":\"9223372036854775808\",\"status\":\"PARTIALLY_FILLED\","
                + "\"timeInForce\":\"GTC\",\"type\":\"LIMIT\",\"side\":\"SELL\",\"stopPrice\":\"0.00000000\","
                + "\"icebergQty\":\"0.00000000\",\"time\":1660801715639,\"updateTime\":1660801717945,"
                + "\"isWorking\":true,\"workingTime\":1660801715639,\"selfTradePreventionMode\":\"NONE\"}],"
                + "\"rateLimits\":[]}";

        OfflineNormalizer.Normalized result = BinanceNormalizer.guessingIds(BinanceVenue.SPOT, "main", null)
                .normalize(frame, RECEIVED);

        assertThat(result.isRefused()).isTrue();
        assertThat(result.refusal()).isEqualTo("averagePrice (cummulativeQuoteQty/executedQty): "
                + "1281023894007607751111.111111111111111111 is beyond decimal(38,18)");
    }

    @Test
    void shouldStillComputeAnAverageThatFitsAndTreatANegativeSpotQuoteQuantityAsNotAvailable() throws IOException {
        OrderUpdate u = OrderMapping.toUpdate(SPOT, restOrder(), RECEIVED);
        assertThat(u.getAveragePrice()).isEqualByComparingTo("0.1");

        // spot: "a negative cummulativeQuoteQty means the data is not available" (orders from before 2018)
        OrderUpdate old = OrderMapping.toUpdate(SPOT, restOrder().put("cummulativeQuoteQty", "-1.00000000"),
                RECEIVED);
        assertThat(old.getAveragePrice()).isNull();
    }

    @Test
    void shouldRefuseASpotExecutionReportOfANegativeQuantityNamingTheField() throws IOException {
        ObjectNode e = (ObjectNode) event("spot_user_data_stream.docs.jsonl", "executionReport").deepCopy();

        assertThatThrownBy(() -> UserDataMapping.map(e.deepCopy().put("q", "-1"), SPOT, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("q: -1 is negative");
        assertThatThrownBy(() -> UserDataMapping.map(e.deepCopy().put("z", "-0.00000001"), SPOT, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("z: -0.00000001 is negative");
        assertThatThrownBy(() -> UserDataMapping.map(e.deepCopy().put("p", "1e38"), SPOT, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("p: 1e38 is beyond decimal(38,18)");
        ObjectNode trade = e.deepCopy().put("x", "TRADE").put("X", "PARTIALLY_FILLED").put("z", "0.5")
                .put("Z", "0.05").put("l", "0.5").put("L", "0.1").put("t", 7L);
        assertThat(UserDataMapping.map(trade, SPOT, RECEIVED)).isInstanceOf(UserDataMapping.OrderEvent.class);
        assertThatThrownBy(() -> UserDataMapping.map(trade.deepCopy().put("L", "0"), SPOT, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("L: 0 is not above zero");
    }

    @Test
    void shouldRefuseAUsdmOrderTradeUpdateOfANegativeFilledQuantityNamingTheField() throws IOException {
        ObjectNode e = (ObjectNode) event("usdm_user_data_and_ws_api.docs.jsonl", "ORDER_TRADE_UPDATE").deepCopy();
        ((ObjectNode) e.get("o")).put("o", "LIMIT").put("f", "GTC");
        assertThat(UserDataMapping.map(e, USDM, RECEIVED)).isInstanceOf(UserDataMapping.OrderEvent.class);

        ObjectNode negative = e.deepCopy();
        ((ObjectNode) negative.get("o")).put("z", "-1");
        assertThatThrownBy(() -> UserDataMapping.map(negative, USDM, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("z: -1 is negative");
        ObjectNode huge = e.deepCopy();
        ((ObjectNode) huge.get("o")).put("q", TEN_TO_38);
        assertThatThrownBy(() -> UserDataMapping.map(huge, USDM, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class)
                .hasMessage("q: " + TEN_TO_38 + " is beyond decimal(38,18)");
    }

    // ---- balances and positions ----

    @Test
    void shouldRefuseANegativeSpotBalance() throws IOException {
        ObjectNode e = (ObjectNode) event("spot_user_data_stream.docs.jsonl", "outboundAccountPosition").deepCopy();
        ((ObjectNode) e.get("B").get(0)).put("f", "-1");

        assertThatThrownBy(() -> UserDataMapping.map(e, SPOT, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("f: -1 is negative");
        JsonNode account = JSON.readTree("{\"updateTime\":1,\"balances\":[{\"asset\":\"BTC\",\"free\":\"1\","
                + "\"locked\":\"-0.00000001\"}]}");
        assertThatThrownBy(() -> AccountMapping.spotBalances(SPOT, account, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("locked: -0.00000001 is negative");
    }

    @Test
    void shouldRefuseABalanceWhoseComputedTotalOrLockedIsBeyondTwentyIntegerDigits() throws IOException {
        String twentyNines = "9".repeat(20);
        JsonNode account = JSON.readTree("{\"updateTime\":1,\"balances\":[{\"asset\":\"BTC\",\"free\":\""
                + twentyNines + "\",\"locked\":\"1\"}]}");
        assertThatThrownBy(() -> AccountMapping.spotBalances(SPOT, account, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class)
                .hasMessage("total (free+locked): 100000000000000000000 is beyond decimal(38,18)");

        JsonNode items = JSON.readTree("[{\"asset\":\"USDT\",\"balance\":\"" + twentyNines
                + "\",\"crossWalletBalance\":\"-1\",\"availableBalance\":\"0\",\"updateTime\":1}]");
        assertThatThrownBy(() -> AccountMapping.futuresBalances(USDM, items, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class)
                .hasMessage("locked (walletBalance-crossWalletBalance): 100000000000000000000 is beyond "
                        + "decimal(38,18)");
    }

    @Test
    void shouldStillAcceptNegativeUsdmPositionAmountsPnlAndWalletBalances() throws IOException {
        ObjectNode e = (ObjectNode) event("usdm_user_data_and_ws_api.docs.jsonl", "ACCOUNT_UPDATE").deepCopy();
        ObjectNode a = (ObjectNode) e.get("a");
        ((ObjectNode) a.get("B").get(0)).put("wb", "-10.5").put("cw", "-10.5").put("bc", "-1");
        ((ObjectNode) a.get("P").get(1)).put("pa", "-0.5").put("up", "-1.166074").put("cr", "-3");

        UserDataMapping.AccountChange c = (UserDataMapping.AccountChange) UserDataMapping.map(e, USDM, RECEIVED);

        BalanceUpdate usdt = c.balances().get(0);
        assertThat(usdt.getTotal()).isEqualByComparingTo("-10.5");
        assertThat(usdt.getFree()).isEqualByComparingTo("-10.5");
        PositionUpdate p = c.positions().get(1);
        assertThat(p.getQuantity()).isEqualByComparingTo("-0.5");
        assertThat(p.getUnrealizedPnl()).isEqualByComparingTo("-1.166074");
        assertThat(p.getRealizedPnl()).isEqualByComparingTo("-3");

        ObjectNode badEntry = e.deepCopy();
        ((ObjectNode) badEntry.get("a").get("P").get(1)).put("ep", "-1");
        assertThatThrownBy(() -> UserDataMapping.map(badEntry, USDM, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("ep: -1 is negative");

        ArrayNode risk = (ArrayNode) JSON.readTree("[{\"symbol\":\"BTCUSDT\",\"positionSide\":\"BOTH\","
                + "\"positionAmt\":\"-0.001\",\"entryPrice\":\"22185.2\",\"markPrice\":\"21123.05052574\","
                + "\"unRealizedProfit\":\"-1.06214947\",\"liquidationPrice\":\"19731.45529116\","
                + "\"leverage\":\"4\",\"updateTime\":1655217461579}]");
        PositionUpdate short1 = AccountMapping.positions(USDM, risk, RECEIVED).get(0);
        assertThat(short1.getQuantity()).isEqualByComparingTo("-0.001");
        assertThat(short1.getUnrealizedPnl()).isEqualByComparingTo("-1.06214947");
        ((ObjectNode) risk.get(0)).put("markPrice", "-1");
        assertThatThrownBy(() -> AccountMapping.positions(USDM, risk, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessage("markPrice: -1 is negative");
    }

    // ---- instruments ----

    @Test
    void shouldSkipASymbolWhoseFiltersAreOutOfRangeNamingTheFilter() throws IOException {
        JsonNode info = JSON.readTree("{\"timezone\":\"UTC\",\"symbols\":[" + symbol("ETHBTC", "0.000001", "0.0001")
                + "," + symbol("BNBBTC", "0", "0.01") + "," + symbol("LTCBTC", "0.000001", "-0.01") + "]}");

        InstrumentMapping.Mapped mapped = InstrumentMapping.fromExchangeInfo(BinanceVenue.SPOT, info);

        assertThat(mapped.instruments()).extracting(InstrumentDefinition::symbol).containsExactly("ETHBTC");
        assertThat(mapped.skipped()).containsExactly(
                new InstrumentMapping.Skipped("BNBBTC", "tickSize: 0 is not above zero"),
                new InstrumentMapping.Skipped("LTCBTC", "stepSize: -0.01 is not above zero"));
    }

    private static String symbol(String symbol, String tickSize, String stepSize) {
        return "{\"symbol\":\"" + symbol + "\",\"status\":\"TRADING\",\"baseAsset\":\"" + symbol.substring(0, 3)
                + "\",\"quoteAsset\":\"BTC\",\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0\","
                + "\"maxPrice\":\"0\",\"tickSize\":\"" + tickSize + "\"},{\"filterType\":\"LOT_SIZE\","
                + "\"minQty\":\"0.001\",\"maxQty\":\"100000\",\"stepSize\":\"" + stepSize + "\"},"
                + "{\"filterType\":\"NOTIONAL\",\"minNotional\":\"0.0001\"}]}";
    }

    // ---- fixtures ----

    /** The first user-data event of {@code type} in a fixture file (docs samples cleaned as the docs mean). */
    private static JsonNode event(String file, String type) throws IOException {
        for (String line : Files.readAllLines(Fixtures.path("binance/" + file))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = JSON.readTree(line);
            JsonNode message = entry.path("message");
            if (message.isNull() || message.isMissingNode()) {
                String raw = entry.path("raw").asText().replaceAll("(?m)//.*$", "").replace('\uFF0C', ',');
                try {
                    message = JSON.readTree(raw);
                } catch (IOException e) {
                    continue;
                }
            }
            JsonNode event = UserDataMapping.unwrap(message);
            if (type.equals(event.path("e").asText())) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " in " + file);
    }
}
