package io.exchangebus.connectors.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.http.HttpSettings;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.role.OrderHistoryQuery;
import io.exchangebus.connectors.core.role.Page;
import io.exchangebus.connectors.core.session.Scheduler;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.auth.DeribitLogin;
import io.exchangebus.connectors.deribit.http.DeribitHttpClient;
import io.exchangebus.connectors.deribit.http.StubDeribitHttp;
import io.exchangebus.connectors.deribit.mapping.UserTradeMapping.UserFill;
import io.exchangebus.connectors.deribit.ws.DeribitLimits;
import io.exchangebus.events.AccountCurrency;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fetcher's calls and paging against a loopback stub answering with the fixtures' results. */
class DeribitDataFetcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "{\"access_token\":\"tok-1\",\"expires_in\":900,\"refresh_token\":\"ref-1\"}";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String NT = "nautilus_test_data.jsonl";
    private static final String NT2 = "nautilus_test_data_2.jsonl";

    private final StubDeribitHttp stub = new StubDeribitHttp().result("public/auth", AUTH);
    private DeribitDataFetcher fetcher;

    @AfterEach
    void stop() {
        if (fetcher != null) {
            fetcher.close();
        }
        stub.close();
    }

    private DeribitDataFetcher fetcher(List<String> currencies) {
        DeribitLogin login = new DeribitLogin(new ApiCredentials("main", "key-1", Secret.of("secret-1")),
                DeribitGrantType.CLIENT_CREDENTIALS, Optional.empty(), Clock.systemUTC());
        HttpSettings settings = DeribitHttpClient.defaultSettings(stub.base())
                .withRetry(new HttpSettings.RetryPolicy(1, Duration.ofMillis(10), 2, Duration.ofMillis(10)));
        DeribitHttpClient http = new DeribitHttpClient(settings, new DeribitLimits(Clock.systemUTC()),
                Duration.ofSeconds(5), login, (delay, task) -> () -> { }, Clock.systemUTC());
        fetcher = new DeribitDataFetcher(http, "main", null, currencies, DeribitDataFetcher.defaultCapabilities(),
                CLOCK);
        return fetcher;
    }

    private static String result(String file, int line) throws Exception {
        return JSON.writeValueAsString(JSON.readTree(DeribitFixtures.raw(file, line)).get("result"));
    }

    /** The raw result text, numbers as written (Jackson's default mapper would turn 1e-8 into a double). */
    private static String rawResult(String file, int line) throws Exception {
        String raw = DeribitFixtures.raw(file, line);
        JsonNode exact = io.exchangebus.connectors.core.number.ExactNumbers.exactMapper().readTree(raw);
        return io.exchangebus.connectors.core.number.ExactNumbers.exactMapper()
                .writeValueAsString(exact.get("result"));
    }

    private static <T> T ok(CompletableFuture<Result<T>> f) throws Exception {
        Result<T> r = f.get(10, TimeUnit.SECONDS);
        assertThat(r.isOk()).as(() -> r.isOk() ? "" : r.error().toString()).isTrue();
        return r.value();
    }

    @Test
    void shouldListTheInstrumentsOfEveryCurrencySkippingCombosWithTheirReason() throws Exception {
        stub.resultFor("public/get_instruments", "any", rawResult(NT2, 9));

        List<InstrumentDefinition> instruments = ok(fetcher(List.of()).instruments());

        assertThat(instruments).extracting(InstrumentDefinition::symbol)
                .containsExactly("BTC-PERPETUAL", "BTC-27DEC24", "BTC-27DEC24-100000-C");
        assertThat(fetcher.skippedInstruments()).singleElement().satisfies(s -> {
            assertThat(s.symbol()).isEqualTo("BTC-COMBO-1");
            assertThat(s.reason()).contains("is not a Deribit perpetual, future, option or spot name");
        });
        assertThat(stub.hits("public/get_instruments")).singleElement()
                .satisfies(h -> assertThat(h.query()).containsExactlyEntriesOf(java.util.Map.of("currency", "any")));
    }

    @Test
    void shouldAskForTheSettlementCurrenciesOfTheInstrumentsWhenNoneAreConfigured() throws Exception {
        stub.resultFor("public/get_instruments", "any", rawResult(NT2, 9))
                .resultFor("private/get_positions", "BTC", rawResult(NT, 1));

        List<PositionUpdate> positions = ok(fetcher(List.of()).positions());

        assertThat(positions).hasSize(1);
        assertThat(stub.hits("private/get_positions")).extracting(h -> h.query().get("currency"))
                .containsExactly("BTC");
    }

    @Test
    void shouldJoinTheAccountSummariesOfEachCurrency() throws Exception {
        JsonNode summaries = io.exchangebus.connectors.core.number.ExactNumbers.exactMapper()
                .readTree(DeribitFixtures.raw(NT2, 1)).path("result").path("summaries");
        stub.resultFor("private/get_account_summary", "BTC", summaries.get(0).toString())
                .resultFor("private/get_account_summary", "ETH", summaries.get(1).toString());

        AccountUpdate account = ok(fetcher(List.of("BTC", "ETH")).account());
        List<BalanceUpdate> balances = ok(fetcher.balances());

        assertThat(account.getSource()).isEqualTo(EventSource.RECOVERY);
        assertThat(account.getCurrencies()).extracting(AccountCurrency::getCurrency).containsExactly("BTC", "ETH");
        assertThat(account.getCurrencies().get(0).getMarginBalance()).isEqualByComparingTo("302.62729214");
        assertThat(balances).extracting(BalanceUpdate::getAsset).containsExactly("BTC", "ETH");
        assertThat(balances.get(0).getTotal()).isEqualByComparingTo("302.60065765");
        assertThat(balances.get(0).getFree()).isEqualByComparingTo("301.35396172");
        assertThat(stub.hits("private/get_account_summary"))
                .allSatisfy(h -> assertThat(h.authorization()).isEqualTo("bearer tok-1"));
    }

    @Test
    void shouldReturnThePositionsOfEveryCurrency() throws Exception {
        stub.resultFor("private/get_positions", "BTC", rawResult(NT, 1))
                .resultFor("private/get_positions", "ETH", "[]");

        List<PositionUpdate> positions = ok(fetcher(List.of("BTC", "ETH")).positions());

        assertThat(positions).singleElement().satisfies(p -> {
            assertThat(p.getInstrumentId()).isEqualTo("BTC-USD-PERP");
            assertThat(p.getQuantity()).isEqualByComparingTo("50");
            assertThat(p.getRealizedPnl()).isEqualByComparingTo("-0.000000009");
            assertThat(p.getSource()).isEqualTo(EventSource.RECOVERY);
        });
    }

    @Test
    void shouldReturnOpenOrdersAcrossCurrenciesAndFilterByInstrument() throws Exception {
        String order = JSON.writeValueAsString(JSON.readTree(DeribitFixtures.raw(NT, 2)).path("result").path("order"));
        stub.resultFor("private/get_open_orders_by_currency", "USDC", "[" + order + "]")
                .resultFor("private/get_open_orders_by_currency", "BTC", "[]");
        fetcher(List.of("BTC", "USDC"));

        List<OrderUpdate> all = ok(fetcher.openOrders(Optional.empty()));
        List<OrderUpdate> btc = ok(fetcher.openOrders(Optional.of(InstrumentId.parse("BTC-USD-PERP"))));

        assertThat(all).singleElement().satisfies(o -> {
            assertThat(o.getExchangeOrderId()).isEqualTo("USDC-104819327443");
            assertThat(o.getClientOrderId()).isEqualTo("O-19700101-000000-001-001-1");
            assertThat(o.getSource()).isEqualTo(EventSource.RECOVERY);
        });
        assertThat(btc).isEmpty();
    }

    @Test
    void shouldPageOrderHistoryByOffsetWithUnfilledOrders() throws Exception {
        JsonNode buy = JSON.readTree(DeribitFixtures.raw(NT, 2)).path("result").path("order");
        String perp = ((com.fasterxml.jackson.databind.node.ObjectNode) buy.deepCopy())
                .put("instrument_name", "BTC-PERPETUAL").put("amount", 10).put("order_id", "1")
                .put("order_state", "cancelled").toString();
        String other = ((com.fasterxml.jackson.databind.node.ObjectNode) buy.deepCopy())
                .put("instrument_name", "BTC-27DEC24").put("amount", 10).put("order_id", "2").toString();
        stub.resultFor("public/get_instruments", "any", rawResult(NT2, 9))
                .once("private/get_order_history_by_currency", 200,
                        "{\"jsonrpc\":\"2.0\",\"result\":[" + perp + "," + other + "]}")
                .once("private/get_order_history_by_currency", 200, "{\"jsonrpc\":\"2.0\",\"result\":[" + perp + "]}");
        fetcher(List.of("BTC"));
        InstrumentId id = InstrumentId.parse("BTC-USD-PERP");

        Page<OrderUpdate> first = ok(fetcher.orderHistory(new OrderHistoryQuery(id, null, null, 2, null)));
        Page<OrderUpdate> second = ok(fetcher.orderHistory(new OrderHistoryQuery(id, null, null, 2,
                first.nextCursor())));

        assertThat(first.items()).extracting(OrderUpdate::getExchangeOrderId).containsExactly("1");
        assertThat(first.nextCursor()).isEqualTo("2");
        assertThat(second.items()).hasSize(1);
        assertThat(second.nextCursor()).isNull();
        assertThat(stub.hits("private/get_order_history_by_currency")).extracting(StubDeribitHttp.Hit::query)
                .satisfiesExactly(
                        q -> assertThat(q).containsEntry("currency", "BTC").containsEntry("count", "2")
                                .containsEntry("offset", "0").containsEntry("include_unfilled", "true")
                                .containsEntry("include_old", "true"),
                        q -> assertThat(q).containsEntry("offset", "2"));
    }

    @Test
    void shouldCapTheHistoryPageAtDeribitsMaximum() throws Exception {
        stub.resultFor("public/get_instruments", "any", rawResult(NT2, 9))
                .result("private/get_order_history_by_currency", "[]");
        fetcher(List.of("BTC"));

        Page<OrderUpdate> page = ok(fetcher.orderHistory(new OrderHistoryQuery(InstrumentId.parse("BTC-USD-PERP"),
                CLOCK.instant().minus(Duration.ofHours(1)), null, 5000, null)));

        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
        assertThat(stub.hits("private/get_order_history_by_currency")).singleElement().satisfies(h -> {
            assertThat(h.query()).containsEntry("count", "1000");
            assertThat(h.query()).doesNotContainKey("include_old");
        });
    }

    @Test
    void shouldPageUserTradesWithoutRepeatingTheBoundaryMillisecond() throws Exception {
        String trades = rawResultOfData(NT2, 36);
        stub.once("private/get_user_trades_by_currency", 200,
                        "{\"jsonrpc\":\"2.0\",\"result\":{\"trades\":" + trades + ",\"has_more\":true}}")
                .once("private/get_user_trades_by_currency", 200,
                        "{\"jsonrpc\":\"2.0\",\"result\":{\"trades\":" + trades + ",\"has_more\":false}}");
        fetcher(List.of("BTC"));

        Page<UserFill> first = ok(fetcher.userTrades("BTC", null, null, 3, null));
        Page<UserFill> second = ok(fetcher.userTrades("BTC", null, null, 3, first.nextCursor()));

        assertThat(first.items()).extracting(f -> f.fill().getTradeId()).containsExactly("BTC-1", "BTC-2", "BTC-3");
        assertThat(first.nextCursor()).isEqualTo("1590480712800|BTC-1,BTC-2,BTC-3");
        assertThat(second.items()).isEmpty();
        assertThat(second.nextCursor()).isNull();
        assertThat(stub.hits("private/get_user_trades_by_currency").get(1).query())
                .containsEntry("start_timestamp", "1590480712800").containsEntry("sorting", "asc");
    }

    private static String rawResultOfData(String file, int line) throws Exception {
        ObjectMapper exact = io.exchangebus.connectors.core.number.ExactNumbers.exactMapper();
        return exact.writeValueAsString(exact.readTree(DeribitFixtures.raw(file, line)).path("params").path("data"));
    }
}
