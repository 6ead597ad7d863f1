package io.exchangebus.sim.deribit;

import static io.exchangebus.sim.deribit.DeribitTestSupport.assertSameShape;
import static io.exchangebus.sim.deribit.DeribitTestSupport.fixture;
import static io.exchangebus.sim.deribit.DeribitTestSupport.login;
import static io.exchangebus.sim.deribit.DeribitTestSupport.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.account.ApiKey;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Positions, PnL and account summaries against the arithmetic done here by hand from the trades answered. */
class DeribitPositionsTest {

    /** The simulator's taker fee rates (the catalogue's), for the exact fees the ledger books. */
    private static final BigDecimal PERPETUAL_TAKER = new BigDecimal("0.0005");
    private static final BigDecimal LINEAR_TAKER = new BigDecimal("0.0005");
    private static final BigDecimal OPTION_FEE = new BigDecimal("0.0003");

    private DeribitSimulator sim;
    private DeribitWsClient client;

    @BeforeEach
    void start() throws Exception {
        sim = quiet().matchingEngineCredits(1, 1000, 1000).build();
        ApiKey key = sim.createAccount("alice");
        sim.fundDemo("alice");
        sim.generator("BTC-PERPETUAL").step();
        client = login(sim, key);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void shouldValueAnInversePerpetualAsDeribitDoes() throws Exception {
        JsonNode buy = client.result("private/buy", market("BTC-PERPETUAL", "100"));
        BigDecimal basis = inverse(buy.get("trades"));
        BigDecimal fees = PERPETUAL_TAKER.multiply(basis);
        for (int i = 0; i < 20; i++) {
            sim.generator("BTC-PERPETUAL").step();
        }

        JsonNode position = client.result("private/get_positions", "{\"currency\":\"BTC\",\"kind\":\"future\"}").get(0);
        assertSameShape("position", fixture("nautilus_test_data.jsonl", "http_get_positions.json").get("result").get(0),
                position, Set.of("user_id"));
        BigDecimal mark = position.get("mark_price").decimalValue();
        BigDecimal floating = basis.subtract(new BigDecimal("100").divide(mark, 18, RoundingMode.HALF_EVEN));
        assertThat(position.get("size").decimalValue()).isEqualByComparingTo("100");
        assertThat(position.get("direction").asText()).isEqualTo("buy");
        assertThat(position.get("floating_profit_loss").decimalValue()).isEqualByComparingTo(round(floating, 9));
        assertThat(position.get("size_currency").decimalValue()).isEqualByComparingTo(
                new BigDecimal("100").divide(mark, 9, RoundingMode.HALF_EVEN));
        BigDecimal im = new BigDecimal("100").divide(mark, 18, RoundingMode.HALF_EVEN).multiply(new BigDecimal("0.02"));
        assertThat(position.get("initial_margin").decimalValue()).isEqualByComparingTo(round(im, 9));

        JsonNode summary = client.result("private/get_account_summary", "{\"currency\":\"BTC\"}");
        BigDecimal balance = new BigDecimal("10").subtract(fees);
        assertThat(summary.get("balance").decimalValue()).isEqualByComparingTo(round(balance, 8));
        assertThat(summary.get("session_upl").decimalValue()).isEqualByComparingTo(round(floating, 8));
        assertThat(summary.get("equity").decimalValue()).isEqualByComparingTo(round(balance.add(floating), 8));
        assertThat(summary.get("available_funds").decimalValue()).isEqualByComparingTo(
                round(balance.add(floating).subtract(im), 8));

        JsonNode sell = client.result("private/sell", market("BTC-PERPETUAL", "100"));
        assertThat(sell.get("order").get("filled_amount").decimalValue()).isEqualByComparingTo("100");
        BigDecimal realized = basis.subtract(inverse(sell.get("trades")));
        JsonNode after = client.result("private/get_account_summary", "{\"currency\":\"BTC\"}");
        assertThat(after.get("balance").decimalValue()).isEqualByComparingTo(
                round(balance.add(realized).subtract(PERPETUAL_TAKER.multiply(inverse(sell.get("trades")))), 8));
        assertThat(after.get("session_rpl").decimalValue()).isEqualByComparingTo(round(realized, 8));
        assertThat(client.result("private/get_positions", "{\"currency\":\"BTC\"}")).isEmpty();
    }

    @Test
    void shouldPrintInverseAmountsWithDeribitsDecimals() throws Exception {
        client.result("private/buy", market("BTC-PERPETUAL", "100"));
        JsonNode resting = client.result("private/buy", "{\"instrument_name\":\"BTC-PERPETUAL\",\"amount\":30,"
                + "\"type\":\"limit\",\"price\":1000.5}");
        assertThat(resting.get("order").get("order_state").asText()).isEqualTo("open");
        JsonNode sell = client.result("private/sell", market("BTC-PERPETUAL", "30"));
        for (int i = 0; i < 5; i++) {
            sim.generator("BTC-PERPETUAL").step();
        }

        for (JsonNode t : sell.get("trades")) {
            assertThat(decimals(t.get("fee"))).isLessThanOrEqualTo(8);
        }
        assertThat(decimals(sell.get("order").get("commission"))).isLessThanOrEqualTo(8);
        JsonNode position = client.result("private/get_positions", "{\"currency\":\"BTC\"}").get(0);
        for (String field : List.of("floating_profit_loss", "initial_margin", "maintenance_margin",
                "open_orders_margin", "realized_profit_loss", "total_profit_loss", "size_currency", "delta")) {
            assertThat(decimals(position.get(field))).as(field).isLessThanOrEqualTo(9);
        }
        JsonNode summary = client.result("private/get_account_summary", "{\"currency\":\"BTC\"}");
        for (String field : List.of("balance", "equity", "margin_balance", "initial_margin", "maintenance_margin",
                "available_funds", "available_withdrawal_funds", "session_upl", "session_rpl", "total_pl",
                "futures_pl", "projected_initial_margin", "projected_maintenance_margin")) {
            assertThat(decimals(summary.get(field))).as(field).isLessThanOrEqualTo(8);
        }
        assertThat(summary.get("initial_margin").decimalValue()).isPositive();
    }

    @Test
    void shouldValueAnOptionAtItsMarkInBtc() throws Exception {
        String option = sim.options().get(1);
        sim.generator(option).step();

        JsonNode buy = client.result("private/buy", market(option, "0.5"));
        BigDecimal premium = BigDecimal.ZERO;
        for (JsonNode t : buy.get("trades")) {
            premium = premium.add(t.get("amount").decimalValue().multiply(t.get("price").decimalValue()));
        }
        JsonNode position = client.result("private/get_positions", "{\"currency\":\"BTC\",\"kind\":\"option\"}").get(0);
        BigDecimal mark = position.get("mark_price").decimalValue();

        assertThat(position.get("kind").asText()).isEqualTo("option");
        assertThat(position.get("size").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(position.get("floating_profit_loss").decimalValue()).isEqualByComparingTo(
                round(new BigDecimal("0.5").multiply(mark).subtract(premium), 9));
        JsonNode summary = client.result("private/get_account_summary", "{\"currency\":\"BTC\"}");
        BigDecimal balance = new BigDecimal("10").subtract(premium).subtract(OPTION_FEE.multiply(premium));
        assertThat(summary.get("balance").decimalValue()).isEqualByComparingTo(round(balance, 8));
        assertThat(summary.get("options_value").decimalValue()).isEqualByComparingTo(
                round(new BigDecimal("0.5").multiply(mark), 8));
        assertThat(summary.get("equity").decimalValue()).isEqualByComparingTo(
                round(balance.add(new BigDecimal("0.5").multiply(mark)), 8));
        assertThat(mark).isEqualByComparingTo(sim.markPrice(option));
    }

    @Test
    void shouldValueALinearPerpetualInUsdc() throws Exception {
        sim.generator("BTC_USDC-PERPETUAL").step();
        JsonNode buy = client.result("private/buy", market("BTC_USDC-PERPETUAL", "0.01"));
        BigDecimal cost = BigDecimal.ZERO;
        for (JsonNode t : buy.get("trades")) {
            cost = cost.add(t.get("amount").decimalValue().multiply(t.get("price").decimalValue()));
            assertThat(t.get("fee_currency").asText()).isEqualTo("USDC");
        }
        JsonNode position = client.result("private/get_positions", "{\"currency\":\"USDC\"}").get(0);
        BigDecimal mark = position.get("mark_price").decimalValue();

        assertThat(position.get("size").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(position.get("size_currency").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(position.get("floating_profit_loss").decimalValue()).isEqualByComparingTo(
                round(new BigDecimal("0.01").multiply(mark).subtract(cost), 6));
        JsonNode summary = client.result("private/get_account_summary", "{\"currency\":\"USDC\"}");
        assertThat(summary.get("balance").decimalValue()).isEqualByComparingTo(
                round(new BigDecimal("1000000").subtract(LINEAR_TAKER.multiply(cost)), 6));
        assertThat(buy.get("order").get("order_id").asText()).startsWith("USDC-");
    }

    @Test
    void shouldSummariseTheAccountInThePortfolioShapeWithLimits() throws Exception {
        JsonNode summary = client.result("private/get_account_summary", "{\"currency\":\"USDC\"}");

        assertSameShape("summary", fixture("ws_notifications.gocryptotrader.jsonl", "User Portfolio")
                .get("params").get("data"), summary, Set.of());
        assertThat(summary.get("currency").asText()).isEqualTo("USDC");
        assertThat(summary.get("balance").decimalValue()).isEqualByComparingTo("1000000");
        assertThat(summary.get("limits").get("matching_engine").get("burst").asLong()).isEqualTo(1000);
    }

    private static String market(String instrument, String amount) {
        return "{\"instrument_name\":\"" + instrument + "\",\"amount\":" + amount + ",\"type\":\"market\"}";
    }

    /** Σ amount / price of inverse trades, each rounded half-even to 18 decimals as the ledger books it. */
    private static BigDecimal inverse(JsonNode trades) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode t : trades) {
            sum = sum.add(t.get("amount").decimalValue().divide(t.get("price").decimalValue(), 18,
                    RoundingMode.HALF_EVEN));
        }
        return sum;
    }

    /** As Deribit prints currency amounts: 8 decimals (BTC account), 9 (BTC position), 6 (USDC), half-even. */
    private static BigDecimal round(BigDecimal exact, int decimals) {
        return exact.setScale(decimals, RoundingMode.HALF_EVEN);
    }

    private static int decimals(JsonNode number) {
        return Math.max(0, number.decimalValue().stripTrailingZeros().scale());
    }
}
