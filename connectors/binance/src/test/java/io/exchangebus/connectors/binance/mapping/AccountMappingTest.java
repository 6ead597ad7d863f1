package io.exchangebus.connectors.binance.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.events.AccountCurrency;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountMappingTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-02T03:04:05Z");
    private final MappingContext spot = DocFixtures.context(BinanceVenue.SPOT, EventSource.RECOVERY);
    private final MappingContext usdm = DocFixtures.context(BinanceVenue.USDM, EventSource.RECOVERY);

    @Test
    void shouldMapEverySpotAccountBalanceWithTotalFreePlusLocked() {
        for (JsonNode account : List.of(DocFixtures.line("spot_rest_api.docs.jsonl", 62).message(),
                DocFixtures.line("rest_mock_recordings.gocryptotrader.jsonl", 1).message(),
                DocFixtures.line("spot_ws_api.docs.jsonl", 129).message().get("result"))) {
            List<BalanceUpdate> balances = AccountMapping.spotBalances(spot, account, RECEIVED);

            assertThat(balances).hasSize(account.get("balances").size());
            for (int i = 0; i < balances.size(); i++) {
                JsonNode raw = account.get("balances").get(i);
                BalanceUpdate b = balances.get(i);
                assertThat(b.getExchange()).isEqualTo("binance-spot");
                assertThat(b.getAccount()).isEqualTo("main");
                assertThat(b.getAsset()).isEqualTo(raw.get("asset").asText());
                assertThat(b.getFree()).isEqualByComparingTo(raw.get("free").asText());
                assertThat(b.getLocked()).isEqualByComparingTo(raw.get("locked").asText());
                assertThat(b.getTotal()).isEqualByComparingTo(new BigDecimal(raw.get("free").asText())
                        .add(new BigDecimal(raw.get("locked").asText())));
                assertThat(b.getSource()).isEqualTo(EventSource.RECOVERY);
                assertThat(b.getReceiveTime()).isEqualTo(RECEIVED);
            }
        }
    }

    @Test
    void shouldMapTheSpotAccountItself() {
        JsonNode account = DocFixtures.line("spot_rest_api.docs.jsonl", 62).message();

        AccountUpdate a = AccountMapping.spotAccount(spot, account, RECEIVED);

        assertThat(a.getCanTrade()).isTrue();
        assertThat(a.getEquity()).isNull();
        assertThat(a.getMarginBalance()).isNull();
        assertThat(a.getCurrencies()).as("spot reports no margin figures").isEmpty();
        assertThat(a.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(123456789L));
        assertThat(a.getSource()).isEqualTo(EventSource.RECOVERY);
        assertThat(BinanceFields.decimal(account.get("balances").get(0), "free"))
                .isEqualByComparingTo("4723846.89208129");
    }

    @Test
    void shouldMapTheUsdmAccountV2AndV3TotalsAndAssets() {
        for (int line : new int[] {49, 50, 51, 52}) {
            JsonNode account = DocFixtures.line("usdm_rest_private.docs.jsonl", line).message();
            assertThat(account).as("line %d repaired", line).isNotNull();

            AccountUpdate a = AccountMapping.futuresAccount(usdm, account, RECEIVED);
            List<BalanceUpdate> balances = AccountMapping.futuresAccountBalances(usdm, account, RECEIVED);

            assertThat(a.getWalletBalance()).isEqualByComparingTo(account.get("totalWalletBalance").asText());
            assertThat(a.getEquity()).isEqualByComparingTo(account.get("totalMarginBalance").asText());
            assertThat(a.getAvailableBalance()).isEqualByComparingTo(account.get("availableBalance").asText());
            assertThat(a.getInitialMargin()).isEqualByComparingTo(account.get("totalInitialMargin").asText());
            assertThat(a.getMaintenanceMargin()).isEqualByComparingTo(account.get("totalMaintMargin").asText());
            assertThat(a.getUnrealizedPnl()).isEqualByComparingTo(account.get("totalUnrealizedProfit").asText());
            assertThat(a.getMarginBalance()).isEqualByComparingTo(account.get("totalMarginBalance").asText());
            assertThat(a.getSubAccount()).as("Binance has no sub-account id on the account it answers for").isNull();
            assertThat(a.getSource()).isEqualTo(EventSource.RECOVERY);
            assertThat(a.getCurrencies()).hasSize(account.get("assets").size());
            for (int i = 0; i < a.getCurrencies().size(); i++) {
                JsonNode raw = account.get("assets").get(i);
                AccountCurrency c = a.getCurrencies().get(i);
                assertThat(c.getCurrency()).isEqualTo(raw.get("asset").asText());
                assertThat(c.getBalance()).isEqualByComparingTo(raw.get("walletBalance").asText());
                assertThat(c.getMarginBalance()).isEqualByComparingTo(raw.get("marginBalance").asText());
                assertThat(c.getInitialMargin()).isEqualByComparingTo(raw.get("initialMargin").asText());
                assertThat(c.getMaintenanceMargin()).isEqualByComparingTo(raw.get("maintMargin").asText());
                assertThat(c.getAvailableFunds()).isEqualByComparingTo(raw.get("availableBalance").asText());
                assertThat(c.getUnrealizedPnl()).isEqualByComparingTo(raw.get("unrealizedProfit").asText());
                assertThat(c.getEquity()).as("Binance reports no per-asset equity").isNull();
            }
            assertThat(balances).hasSize(account.get("assets").size());
            for (int i = 0; i < balances.size(); i++) {
                JsonNode raw = account.get("assets").get(i);
                BalanceUpdate b = balances.get(i);
                BigDecimal wallet = new BigDecimal(raw.get("walletBalance").asText());
                BigDecimal cross = new BigDecimal(raw.get("crossWalletBalance").asText());
                assertThat(b.getAsset()).isEqualTo(raw.get("asset").asText());
                assertThat(b.getTotal()).isEqualByComparingTo(wallet);
                assertThat(b.getFree()).isEqualByComparingTo(cross);
                assertThat(b.getLocked()).isEqualByComparingTo(wallet.subtract(cross));
            }
        }
    }

    @Test
    void shouldReportTheCrossWalletBalanceAsFreeAsTheStreamDoesWhateverProfitMakesAvailable() {
        // BUSD: walletBalance 103.12345678, crossWalletBalance 103.12345678, availableBalance 126.72469206
        JsonNode account = DocFixtures.line("usdm_rest_private.docs.jsonl", 52).message();

        List<BalanceUpdate> balances = AccountMapping.futuresAccountBalances(usdm, account, RECEIVED);

        BalanceUpdate busd = balances.stream().filter(b -> b.getAsset().equals("BUSD")).findFirst().orElseThrow();
        assertThat(busd.getFree()).isEqualByComparingTo("103.12345678");
        assertThat(busd.getTotal()).isEqualByComparingTo("103.12345678");
        assertThat(busd.getLocked()).isEqualByComparingTo("0");
    }

    @Test
    void shouldMapUsdmBalanceV2AndV3Items() {
        for (int line : new int[] {47, 48}) {
            JsonNode items = DocFixtures.line("usdm_rest_private.docs.jsonl", line).message();

            BalanceUpdate usdt = AccountMapping.futuresBalances(usdm, items, RECEIVED).get(0);

            assertThat(usdt.getAsset()).isEqualTo("USDT");
            assertThat(usdt.getTotal()).isEqualByComparingTo("122607.35137903");
            assertThat(usdt.getFree()).isEqualByComparingTo("23.72469206");
            assertThat(usdt.getLocked()).isEqualByComparingTo("122583.62668697");
            assertThat(usdt.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1617939110373L));
            assertThat(usdt.getSource()).isEqualTo(EventSource.RECOVERY);
        }
    }

    @Test
    void shouldMapOpenPositionsOfPositionRiskV2AndV3AndLeaveOutFlatOnes() {
        List<PositionUpdate> v2 = AccountMapping.positions(usdm,
                DocFixtures.line("usdm_rest_private.docs.jsonl", 40).message(), RECEIVED);
        List<PositionUpdate> v2Flat = AccountMapping.positions(usdm,
                DocFixtures.line("usdm_rest_private.docs.jsonl", 39).message(), RECEIVED);
        List<PositionUpdate> v3 = AccountMapping.positions(usdm,
                DocFixtures.line("usdm_rest_private.docs.jsonl", 41).message(), RECEIVED);
        List<PositionUpdate> v3Hedge = AccountMapping.positions(usdm,
                DocFixtures.line("usdm_rest_private.docs.jsonl", 42).message(), RECEIVED);

        assertThat(v2Flat).isEmpty();
        assertThat(v2).singleElement().satisfies(p -> {
            assertThat(p.getSymbol()).isEqualTo("BTCUSDT");
            assertThat(p.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
            assertThat(p.getPositionSide()).isEqualTo(PositionSide.LONG);
            assertThat(p.getQuantity()).isEqualByComparingTo("0.001");
            assertThat(p.getEntryPrice()).isEqualByComparingTo("22185.2");
            assertThat(p.getMarkPrice()).isEqualByComparingTo("21123.05052574");
            assertThat(p.getUnrealizedPnl()).isEqualByComparingTo("-1.06214947");
            assertThat(p.getLiquidationPrice()).isEqualByComparingTo("19731.45529116");
            assertThat(p.getLeverage()).isEqualByComparingTo("4");
            assertThat(p.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1655217461579L));
            assertThat(p.getSource()).isEqualTo(EventSource.RECOVERY);
        });
        assertThat(v3).singleElement().satisfies(p -> {
            assertThat(p.getInstrumentId()).isEqualTo("ADA-USDT-PERP");
            assertThat(p.getPositionSide()).isEqualTo(PositionSide.NET);
            assertThat(p.getQuantity()).isEqualByComparingTo("30");
            assertThat(p.getLeverage()).isNull();
        });
        assertThat(v3Hedge).extracting(PositionUpdate::getPositionSide)
                .containsExactly(PositionSide.LONG, PositionSide.SHORT);
        assertThat(v3Hedge.get(1).getQuantity()).isEqualByComparingTo("-1");
    }

    @Test
    void shouldMapWhatThePmsRereadsAfterAGapWithFlatPositionsIncluded() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode futures = json.readTree("{\"assets\":[{\"asset\":\"USDT\",\"walletBalance\":\"23.72469206\","
                + "\"crossWalletBalance\":\"20.72469206\",\"availableBalance\":\"30\","
                + "\"updateTime\":1625474304765}]}");
        BalanceUpdate usdt = AccountMapping.futuresAccountBalances(usdm, futures, RECEIVED).get(0);
        assertThat(usdt.getFree()).isEqualByComparingTo("20.72469206");
        assertThat(usdt.getLocked()).isEqualByComparingTo("3");
        assertThat(usdt.getTotal()).isEqualByComparingTo("23.72469206");

        JsonNode risk = json.readTree("[{\"symbol\":\"BTCUSDT\",\"positionSide\":\"BOTH\",\"positionAmt\":\"0.001\","
                + "\"entryPrice\":\"22185.2\",\"markPrice\":\"21123.05052574\",\"unRealizedProfit\":\"-1.06214947\","
                + "\"liquidationPrice\":\"19731.45529116\",\"leverage\":\"4\",\"updateTime\":1655217461579},"
                + "{\"symbol\":\"ETHUSDT\",\"positionSide\":\"BOTH\",\"positionAmt\":\"0.000\","
                + "\"entryPrice\":\"0.0\",\"markPrice\":\"3000\",\"unRealizedProfit\":\"0\","
                + "\"liquidationPrice\":\"0\",\"leverage\":\"20\",\"updateTime\":0}]");
        List<PositionUpdate> withFlat = AccountMapping.positions(usdm, risk, RECEIVED, true);
        PositionUpdate p = withFlat.get(0);
        assertThat(p.getQuantity()).isEqualByComparingTo("0.001");
        assertThat(p.getEntryPrice()).isEqualByComparingTo("22185.2");
        assertThat(p.getMarkPrice()).isEqualByComparingTo("21123.05052574");
        assertThat(p.getLiquidationPrice()).isEqualByComparingTo("19731.45529116");
        assertThat(p.getLeverage()).isEqualByComparingTo("4");
        assertThat(p.getSource()).isEqualTo(EventSource.RECOVERY);
        assertThat(withFlat).hasSize(2);
        assertThat(withFlat.get(1).getQuantity()).isZero();
        assertThat(withFlat.get(1).getEntryPrice()).isNull();
        assertThat(AccountMapping.positions(usdm, risk, RECEIVED)).hasSize(1);
    }
}
