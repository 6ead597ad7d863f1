package io.exchangebus.connectors.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.deribit.mapping.AccountMapping;
import io.exchangebus.connectors.deribit.mapping.PositionMapping;
import io.exchangebus.connectors.deribit.mapping.PrivateContext;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.PositionUpdate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The PMS's stream and recovery events, from the documented and captured frames of shared/fixtures/deribit. */
class DeribitPmsEventsTest {

    private static final ObjectMapper EXACT = ExactNumbers.exactMapper();
    private static final PrivateContext CTX = new PrivateContext("main", null, EventSource.STREAM);
    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

    private final List<AccountUpdate> accounts = new CopyOnWriteArrayList<>();
    private final List<BalanceUpdate> balances = new CopyOnWriteArrayList<>();
    private final List<PositionUpdate> positions = new CopyOnWriteArrayList<>();
    private final List<MalformedFrame> malformed = new CopyOnWriteArrayList<>();
    private final DeribitPmsEvents events = new DeribitPmsEvents(() -> new Recording(), () -> false, CTX);

    @Test
    void shouldReportAPortfolioAsTheCurrencysAccountAndBalance() throws Exception {
        notify(DeribitFixtures.raw("ws_notifications.gocryptotrader.jsonl", 19), T0);

        assertThat(accounts).singleElement().satisfies(a -> {
            assertThat(a.getMarginAsset()).isEqualTo("BTC");
            assertThat(a.getMarginBalance()).isEqualByComparingTo("0.2340038");
            assertThat(a.getEquity()).isEqualByComparingTo("0.2340038");
            assertThat(a.getInitialMargin()).isEqualByComparingTo("0.00012542");
            assertThat(a.getMaintenanceMargin()).isEqualByComparingTo("0.00009141");
            assertThat(a.getAvailableBalance()).isEqualByComparingTo("0.23387838");
            assertThat(a.getSource()).isEqualTo(EventSource.STREAM);
        });
        assertThat(balances).singleElement().satisfies(b -> {
            assertThat(b.getTotal()).isEqualByComparingTo("0.23399957");
            assertThat(b.getFree()).isEqualByComparingTo("0.23387415");
        });
    }

    @Test
    void shouldReportChangedPositionsInUsdAndKeepTheirSizeInTheCoin() throws Exception {
        notify(DeribitFixtures.raw("ws_notifications.gocryptotrader.jsonl", 14), T0);

        assertThat(positions).singleElement().satisfies(p -> {
            assertThat(p.getSymbol()).isEqualTo("BTC-PERPETUAL");
            assertThat(p.getQuantity()).isEqualByComparingTo("185160");
            assertThat(p.getEntryPrice()).isEqualByComparingTo("15000");
            assertThat(p.getMarkPrice()).isEqualByComparingTo("17391");
            assertThat(p.getUnrealizedPnl()).isEqualByComparingTo("0.906961435");
            assertThat(p.getRealizedPnl()).isEqualByComparingTo("0.012454598");
        });
        PositionMapping.Position kept = events.positions().get("BTC-PERPETUAL");
        assertThat(kept.sizeCurrency()).isEqualByComparingTo("10.646886321");
        assertThat(kept.totalProfitLoss()).isEqualByComparingTo("1.69711368");
    }

    @Test
    void shouldReportAndCountAMalformedFrameAndGoOn() throws Exception {
        JsonNode frame = EXACT.readTree(DeribitFixtures.raw("ws_notifications.gocryptotrader.jsonl", 19));
        ((ObjectNode) frame.get("params").get("data")).put("balance", "2.77777777777777777777E-7");

        notify(frame.toString(), T0);
        notify(DeribitFixtures.raw("ws_notifications.gocryptotrader.jsonl", 19), T0);

        assertThat(malformed).singleElement().satisfies(m -> {
            assertThat(m.channel()).isEqualTo("user.portfolio.btc");
            assertThat(m.reason()).contains("balance");
        });
        assertThat(events.malformedCount()).isEqualTo(1);
        assertThat(accounts).hasSize(1);
    }

    @Test
    void shouldReportAPositionRecoveryNoLongerListsAsFlat() throws Exception {
        notify(DeribitFixtures.raw("ws_notifications.gocryptotrader.jsonl", 14), T0);

        events.recoveredPositions(List.of(), T0.plusSeconds(1), T0.plusSeconds(2));

        assertThat(positions).hasSize(2);
        assertThat(positions.get(1).getQuantity()).isZero();
        assertThat(positions.get(1).getSource()).isEqualTo(EventSource.RECOVERY);
        assertThat(events.positions().get("BTC-PERPETUAL").sizeCurrency()).isZero();
    }

    @Test
    void shouldNotReportARecoveredPositionOverANewerStreamedOne() throws Exception {
        JsonNode positionsAnswer = EXACT.readTree(DeribitFixtures.raw("nautilus_test_data.jsonl", 1)).get("result");
        List<PositionMapping.Position> recovered = PositionMapping.positions(positionsAnswer,
                CTX.withSource(EventSource.RECOVERY), T0.plusSeconds(3));
        notify(DeribitFixtures.raw("ws_notifications.gocryptotrader.jsonl", 14), T0.plusSeconds(2));

        events.recoveredPositions(recovered, T0.plusSeconds(1), T0.plusSeconds(3));
        events.recoveredPositions(recovered, T0.plusSeconds(4), T0.plusSeconds(5));

        assertThat(positions).extracting(PositionUpdate::getQuantity).map(q -> q.stripTrailingZeros().toPlainString())
                .containsExactly("185160", "50");
        assertThat(positions.get(1).getSource()).isEqualTo(EventSource.RECOVERY);
    }

    @Test
    void shouldReportARecoveredCurrencyOnlyWhenTheStreamSaidNothingOfItSince() throws Exception {
        JsonNode btc = EXACT.readTree(DeribitFixtures.raw("ws_notifications.gocryptotrader.jsonl", 19))
                .get("params").get("data");
        PrivateContext recovery = CTX.withSource(EventSource.RECOVERY);
        List<AccountUpdate> recoveredAccounts = List.of(AccountMapping.account(btc, recovery, T0.plusSeconds(3)));
        List<BalanceUpdate> recoveredBalances = List.of(AccountMapping.balance(btc, recovery, T0.plusSeconds(3)));
        notify(DeribitFixtures.raw("ws_notifications.gocryptotrader.jsonl", 19), T0.plusSeconds(2));

        events.recoveredAccount(recoveredAccounts, recoveredBalances, T0.plusSeconds(1));
        assertThat(balances).extracting(BalanceUpdate::getSource).containsExactly(EventSource.STREAM);

        events.recoveredAccount(recoveredAccounts, recoveredBalances, T0.plusSeconds(4));
        assertThat(balances).extracting(BalanceUpdate::getSource)
                .containsExactly(EventSource.STREAM, EventSource.RECOVERY);
        assertThat(accounts).extracting(AccountUpdate::getSource)
                .containsExactly(EventSource.STREAM, EventSource.RECOVERY);
    }

    private void notify(String raw, Instant at) throws Exception {
        JsonNode params = EXACT.readTree(raw).get("params");
        events.onNotification(params.get("channel").asText(), params.get("data"), raw, at);
    }

    private final class Recording implements Pms.Listener {
        @Override
        public void onPosition(PositionUpdate position) {
            positions.add(position);
        }

        @Override
        public void onBalance(BalanceUpdate balance) {
            balances.add(balance);
        }

        @Override
        public void onAccount(AccountUpdate account) {
            accounts.add(account);
        }

        @Override
        public void onMalformedFrame(MalformedFrame frame) {
            malformed.add(frame);
        }

        @Override
        public void onConnectionEvent(ConnectionEvent event) {
        }
    }
}
