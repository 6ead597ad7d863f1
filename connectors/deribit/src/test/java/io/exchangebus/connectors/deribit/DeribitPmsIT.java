package io.exchangebus.connectors.deribit;

import static io.exchangebus.connectors.deribit.DeribitSubscriberTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.mapping.PositionMapping;
import io.exchangebus.connectors.deribit.testing.DeribitSimulatorProbe;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.PositionUpdate;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Deribit PMS against the Deribit simulator over real sockets, judged by the simulator's own
 * {@code private/get_positions} and {@code private/get_account_summary}: positions of an inverse perpetual and an
 * option with their PnL; a fill made while the connection was down, recovered after the reconnect; a corrupted
 * frame reported while the stream goes on. The market is still (no generator running), so marks and PnL do not
 * move between the stream and the answers.
 */
class DeribitPmsIT {

    private static final String PERPETUAL = DeribitSimulatorProbe.INSTRUMENT;

    private final List<PositionUpdate> positions = new CopyOnWriteArrayList<>();
    private final List<AccountUpdate> accounts = new CopyOnWriteArrayList<>();
    private final List<ConnectionEvent> states = new CopyOnWriteArrayList<>();
    private final List<BalanceUpdate> balances = new CopyOnWriteArrayList<>();
    private final List<MalformedFrame> malformed = new CopyOnWriteArrayList<>();
    private DeribitSimulatorProbe sim;
    private DeribitTruth truth;
    private DeribitPms pms;

    @BeforeEach
    void start() {
        sim = DeribitSimulatorProbe.start(b -> b.marketData(false));
        sim.simulator().generator(PERPETUAL).step();
        truth = new DeribitTruth(sim);
    }

    @AfterEach
    void stop() {
        if (pms != null) {
            pms.close();
        }
        truth.close();
        sim.close();
    }

    @Test
    void shouldReportInverseAndOptionPositionsAndPnlAsTheSimulatorValuesThem() throws Exception {
        String option = sim.simulator().options().get(1);
        sim.simulator().generator(option).step();
        connect();

        truth.call("private/buy", Map.of("instrument_name", PERPETUAL, "amount", "100", "type", "market"));
        truth.call("private/buy", Map.of("instrument_name", option, "amount", "0.5", "type", "market"));

        await("streamed positions of both", () -> streamed(PERPETUAL) && streamed(option));
        JsonNode answer = truth.call("private/get_positions", Map.of("currency", "any"));
        assertThat(answer).hasSize(2);
        for (JsonNode expected : answer) {
            assertSamePosition(pms.positions().get(expected.get("instrument_name").asText()), expected);
        }
        assertThat(last(PERPETUAL).getQuantity()).isEqualByComparingTo("100");
        assertThat(pms.positions().get(PERPETUAL).kind()).isEqualTo("future");
        assertThat(pms.positions().get(option).kind()).isEqualTo("option");

        JsonNode summary = truth.call("private/get_account_summary", Map.of("currency", "BTC"));
        await("the BTC account as the simulator sums it", () -> accounts.stream()
                .anyMatch(a -> "BTC".equals(a.getMarginAsset()) && sameAccount(a, summary)));
        assertThat(pms.malformedFrames()).isZero();
    }

    @Test
    void shouldRecoverAFillMadeWhileDisconnectedAfterTheReconnect() throws Exception {
        connect();
        long recoveredBefore = pms.recoveries();
        try (AutoCloseable fillWhileDown = sim.simulator().faults().onDropConnections(() -> truth.call(
                "private/buy", Map.of("instrument_name", PERPETUAL, "amount", "250", "type", "market")))) {
            sim.dropConnections();
        }

        await("a reconnect", () -> states.stream().anyMatch(e -> e.state() == ConnectionState.DISCONNECTED)
                && states.get(states.size() - 1).state() == ConnectionState.CONNECTED);
        await("the fill recovered", () -> positions.stream().anyMatch(p -> p.getSource() == EventSource.RECOVERY
                && p.getQuantity().compareTo(new BigDecimal("250")) == 0));
        JsonNode expected = truth.call("private/get_positions", Map.of("currency", "any")).get(0);
        assertSamePosition(pms.positions().get(PERPETUAL), expected);
        assertThat(last(PERPETUAL).getSource()).isEqualTo(EventSource.RECOVERY);
        assertThat(streamed(PERPETUAL)).as("the fill reached no stream: only the recovery told of it").isFalse();
        await("the recovery counted once it reported the account too", () -> pms.recoveries() > recoveredBefore);
    }

    @Test
    void shouldReportACorruptedFrameAndKeepReporting() throws Exception {
        connect();
        await("the BTC balance at start", () -> balances.stream().anyMatch(b -> b.getAsset().equals("BTC")));

        sim.simulator().faults().sendMalformedFrame();
        sim.deposit("BTC", BigDecimal.ONE);
        await("the corrupted frame reported", () -> pms.malformedFrames() == 1 && malformed.size() == 1);
        sim.deposit("BTC", BigDecimal.ONE);

        BigDecimal expected = sim.freeBalances().get("BTC");
        await("the balance after both deposits", () -> balances.stream()
                .anyMatch(b -> b.getAsset().equals("BTC") && b.getFree().compareTo(expected) == 0));
        assertThat(expected).isEqualByComparingTo("12");
        assertThat(malformed.get(0).payload()).isNotEmpty();
    }

    @Test
    void shouldLoseNoPrivateEventWhileItsTokenIsRenewedAgainAndAgain() throws Exception {
        stop();
        sim = DeribitSimulatorProbe.start(b -> b.marketData(false).tokenLifetime(java.time.Duration.ofSeconds(2)));
        truth = new DeribitTruth(sim);
        connect();
        await("the BTC balance at start", () -> balances.stream().anyMatch(b -> b.getAsset().equals("BTC")));
        String firstToken = pms.rpc().auth().credential().join().value().accessToken();

        List<BigDecimal> deposited = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) { // 12 deposits over about 8 s: several 2 s tokens expire on the way
            sim.deposit("BTC", new BigDecimal("0.001"));
            deposited.add(sim.freeBalances().get("BTC"));
            Thread.sleep(700);
        }

        await("every deposit's balance streamed", () -> deposited.stream().allMatch(total -> balances.stream()
                .anyMatch(b -> b.getAsset().equals("BTC") && b.getSource() == EventSource.STREAM
                        && b.getFree().compareTo(total) == 0)));
        assertThat(pms.rpc().auth().credential().join().value().accessToken()).isNotEqualTo(firstToken);
        assertThat(states).noneMatch(e -> e.state() == ConnectionState.DISCONNECTED);
        assertThat(pms.malformedFrames()).isZero();
    }

    private void connect() throws Exception {
        pms = new DeribitPms(sim.accountConfig(DeribitGrantType.CLIENT_SIGNATURE), null, List.of());
        Result<Void> connected = pms.connect(new Recording()).get(15, TimeUnit.SECONDS);
        assertThat(connected.isOk()).as("connected: %s", connected).isTrue();
    }

    private boolean streamed(String symbol) {
        return positions.stream().anyMatch(p -> p.getSymbol().equals(symbol) && p.getSource() == EventSource.STREAM);
    }

    private PositionUpdate last(String symbol) {
        PositionUpdate found = null;
        for (PositionUpdate p : positions) {
            found = p.getSymbol().equals(symbol) ? p : found;
        }
        return found;
    }

    private static void assertSamePosition(PositionMapping.Position actual, JsonNode expected) {
        assertThat(actual).as("position of %s", expected.get("instrument_name")).isNotNull();
        PositionUpdate p = actual.update();
        assertThat(p.getQuantity()).isEqualByComparingTo(expected.get("size").decimalValue());
        assertThat(actual.sizeCurrency()).isEqualByComparingTo(expected.get("size_currency").decimalValue());
        assertThat(p.getEntryPrice()).isEqualByComparingTo(expected.get("average_price").decimalValue());
        assertThat(p.getMarkPrice()).isEqualByComparingTo(expected.get("mark_price").decimalValue());
        assertThat(p.getUnrealizedPnl()).isEqualByComparingTo(expected.get("floating_profit_loss").decimalValue());
        assertThat(p.getRealizedPnl()).isEqualByComparingTo(expected.get("realized_profit_loss").decimalValue());
        assertThat(actual.totalProfitLoss()).isEqualByComparingTo(expected.get("total_profit_loss").decimalValue());
    }

    private static boolean sameAccount(AccountUpdate a, JsonNode s) {
        return same(a.getEquity(), s, "equity") && same(a.getWalletBalance(), s, "balance")
                && same(a.getMarginBalance(), s, "margin_balance") && same(a.getInitialMargin(), s, "initial_margin")
                && same(a.getMaintenanceMargin(), s, "maintenance_margin")
                && same(a.getAvailableBalance(), s, "available_funds") && same(a.getUnrealizedPnl(), s, "session_upl");
    }

    private static boolean same(BigDecimal value, JsonNode s, String field) {
        return value != null && value.compareTo(s.get(field).decimalValue()) == 0;
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
            states.add(event);
        }
    }
}
