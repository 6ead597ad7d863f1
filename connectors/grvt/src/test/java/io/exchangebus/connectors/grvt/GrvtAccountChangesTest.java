package io.exchangebus.connectors.grvt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.grvt.mapping.PrivateContext;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads of {@code account_summary} in the documented full form (grvt api-spec, "Sub Account Summary"). */
class GrvtAccountChangesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "2345678";
    private static final PrivateContext CTX = new PrivateContext("acct-1", EventSource.STREAM);
    private static final Instant NOW = Instant.parse("2026-12-07T13:00:00Z");

    private final GrvtAccountChanges changes = new GrvtAccountChanges(SUB, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldPublishACurrencyThatVanishesFromTheSummaryAsAZeroBalanceOnceAndAgainWhenItComesBack() {
        assertThat(assets(read(summary("USDT", "1000.5", "BTC", "0.25")))).containsExactly("USDT", "BTC");
        assertThat(read(summary("USDT", "1000.5", "BTC", "0.25"))).isEmpty();

        List<BalanceUpdate> gone = read(summary("USDT", "1000.5"));

        assertThat(gone).hasSize(1);
        BalanceUpdate btc = gone.get(0);
        assertThat(btc.getAsset()).isEqualTo("BTC");
        assertThat(btc.getSubAccount()).isEqualTo(SUB);
        assertThat(btc.getAccount()).isEqualTo("acct-1");
        assertThat(btc.getTotal()).isZero();
        assertThat(btc.getFree()).isZero();
        assertThat(btc.getLocked()).isZero();
        assertThat(btc.getReceiveTime()).isEqualTo(NOW);
        assertThat(btc.getSource()).isEqualTo(EventSource.STREAM);
        assertThat(read(summary("USDT", "1000.5"))).isEmpty();

        List<BalanceUpdate> back = read(summary("USDT", "1000.5", "BTC", "0.1"));
        assertThat(assets(back)).containsExactly("BTC");
        assertThat(back.get(0).getTotal()).isEqualByComparingTo("0.1");
    }

    @Test
    void shouldKeepTheLastBalancesWhenAReadFailsAndZeroNothingOfAnAccountNotRead() {
        Result<JsonNode> fundingRead = Result.ok(summary("USDT", "50"));
        Result<GrvtAccountChanges.Changes> first = changes.of(Result.ok(summary("USDT", "10")), fundingRead, CTX,
                false);
        assertThat(first.value().balances()).extracting(BalanceUpdate::getSubAccount)
                .containsExactly(SUB, GrvtAccountPoller.FUNDING);

        Result<GrvtAccountChanges.Changes> failed = changes.of(Result.err(ExchangeError.network("grvt", "down")),
                null, CTX, false);
        assertThat(failed.isOk()).isFalse();
        // The funding account was not read this time: its USDT is not gone, only unknown.
        assertThat(read(summary("USDT", "10"))).isEmpty();
    }

    @Test
    void shouldGiveEveryBalanceAfterAReconnectAndStillZeroWhatVanished() {
        read(summary("USDT", "1", "ETH", "2"));

        List<BalanceUpdate> all = changes.of(Result.ok(summary("USDT", "1")), null, CTX, true).value().balances();

        assertThat(all).extracting(BalanceUpdate::getAsset).containsExactly("USDT", "ETH");
        assertThat(all.get(1).getTotal()).isZero();
    }

    private List<BalanceUpdate> read(JsonNode trading) {
        Result<GrvtAccountChanges.Changes> out = changes.of(Result.ok(trading), null, CTX, false);
        assertThat(out.isOk()).as("%s", out).isTrue();
        return out.value().balances();
    }

    private static List<String> assets(List<BalanceUpdate> balances) {
        return balances.stream().map(BalanceUpdate::getAsset).toList();
    }

    /** An {@code account_summary} answer listing {@code currencyAndBalance} pairs in {@code spot_balances}. */
    private static JsonNode summary(String... currencyAndBalance) {
        StringBuilder spot = new StringBuilder();
        for (int i = 0; i < currencyAndBalance.length; i += 2) {
            spot.append(i == 0 ? "" : ",").append("{\"currency\":\"").append(currencyAndBalance[i])
                    .append("\",\"balance\":\"").append(currencyAndBalance[i + 1])
                    .append("\",\"index_price\":\"1.0\",\"entry_price\":\"1.0\",\"realized_pnl\":\"0.0\","
                            + "\"unrealized_pnl\":\"0.0\",\"available_to_transfer\":\"")
                    .append(currencyAndBalance[i + 1]).append("\"}");
        }
        String text = "{\"result\":{\"event_time\":\"1697788800000000000\",\"sub_account_id\":\"" + SUB + "\","
                + "\"margin_type\":\"SIMPLE_CROSS_MARGIN\",\"settle_currency\":\"USDT\",\"unrealized_pnl\":\"0.0\","
                + "\"total_equity\":\"1000.5\",\"initial_margin\":\"0.0\",\"maintenance_margin\":\"0.0\","
                + "\"available_balance\":\"1000.5\",\"spot_balances\":[" + spot + "],\"positions\":[]}}";
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
