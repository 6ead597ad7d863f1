package io.exchangebus.streams.positions;

import static io.exchangebus.streams.positions.Events.ACCOUNT;
import static io.exchangebus.streams.positions.Events.epoch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.ReconciliationStatus;
import io.exchangebus.events.Side;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.streams.EventSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sub-accounts reached with one key (one configured account, one topic key {@code exchange:account}) hold the
 * same instrument and asset: each keeps its own position and balance, keyed {@code exchange:account/subAccount:...},
 * and neither touches the account's own entries.
 */
@ExtendWith(LocalStackExtension.class)
class SubAccountStateTest {
    private static final String DERIBIT = "deribit";
    private static final String SYMBOL = "BTC-PERPETUAL";
    private static final String INSTRUMENT = "BTC-USD-PERP";
    private static final String SUB_A = "101";
    private static final String SUB_B = "102";

    private PositionsDriver driver;

    @BeforeEach
    void start(LocalStack stack, @TempDir Path stateDir) {
        driver = new PositionsDriver(EventSerdes.forRegistry(stack.registryUrl()), new SimpleMeterRegistry(), stateDir);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldKeepTwoSubAccountsPositionsAndBalancesApart() {
        driver.epoch(epoch("e1", DERIBIT, null, balance(SUB_A, "2"), balance(SUB_B, "5"),
                position(SUB_A, "100"), position(SUB_B, "-300")));
        driver.reported(position(SUB_A, "150"));
        driver.balance(balance(SUB_B, "4.5"));

        List<KeyValue<String, PositionState>> states = driver.publishedStates();
        assertThat(states).extracting(record -> record.key).containsExactly(
                "deribit:main/101:BTC-USD-PERP", "deribit:main/102:BTC-USD-PERP", "deribit:main/101:BTC-USD-PERP");
        assertThat(states).allSatisfy(record -> assertThat(record.key)
                .isEqualTo("deribit:main/" + record.value.getSubAccount() + ":" + INSTRUMENT));
        assertThat(driver.publishedBalances()).extracting(record -> record.key, record -> record.value.getSubAccount())
                .containsExactly(tuple("deribit:main/101:BTC", SUB_A),
                        tuple("deribit:main/102:BTC", SUB_B),
                        tuple("deribit:main/102:BTC", SUB_B));

        PositionState a = storedPosition(SUB_A);
        PositionState b = storedPosition(SUB_B);
        assertThat(a.getReportedQuantity()).isEqualByComparingTo("150");
        assertThat(a.getQuantity()).isEqualByComparingTo("100");
        assertThat(b.getReportedQuantity()).isEqualByComparingTo("-300");
        assertThat(b.getQuantity()).isEqualByComparingTo("-300");
        // Judged against its own reports: 150 reported where the epoch left 100 and no order filled since.
        assertThat(a.getReconciliation()).isEqualTo(ReconciliationStatus.DIVERGING);
        assertThat(b.getReconciliation()).isEqualTo(ReconciliationStatus.AGREED);
        assertThat(storedBalance(SUB_A).getTotal()).isEqualByComparingTo("2");
        assertThat(storedBalance(SUB_B).getTotal()).isEqualByComparingTo("4.5");
        assertThat(driver.position(DERIBIT, INSTRUMENT)).isNull();
        assertThat(driver.storedBalance(DERIBIT, "BTC")).isNull();
    }

    @Test
    void shouldRestartEverySubAccountsPositionFromTheNextEpoch() {
        driver.epoch(epoch("e1", DERIBIT, null, position(SUB_A, "100"), position(SUB_B, "-300")));
        driver.reported(position(null, "40"));
        driver.publishedStates();

        // The next epoch of the account reports sub-account A only: B and the account's own position are flat.
        driver.epoch(epoch("e2", DERIBIT, null, position(SUB_A, "120")));

        assertThat(driver.publishedStates()).extracting(record -> record.key, record -> record.value.getEpochId())
                .containsExactlyInAnyOrder(
                        tuple("deribit:main/101:BTC-USD-PERP", "e2"),
                        tuple("deribit:main/102:BTC-USD-PERP", "e2"),
                        tuple("deribit:main:BTC-USD-PERP", "e2"));
        assertThat(storedPosition(SUB_A).getQuantity()).isEqualByComparingTo("120");
        assertThat(storedPosition(SUB_B).getReportedQuantity()).isEqualByComparingTo("0");
        PositionState own = driver.position(DERIBIT, INSTRUMENT);
        assertThat(own.getSubAccount()).isNull();
        assertThat(own.getReportedQuantity()).isEqualByComparingTo("0");
        assertThat(own.getReconciliation()).isEqualTo(ReconciliationStatus.AGREED);
    }

    @Test
    void shouldFillASubAccountsPositionFromItsOrdersAndAgreeWithItsReports() {
        driver.epoch(epoch("e1", DERIBIT, null, position(SUB_A, "100"), position(SUB_B, "-300")));

        driver.order(OrderUpdate.newBuilder(Events.filledAtOnce(DERIBIT, "o-1", Side.BUY, "50", "60000"))
                .setSymbol(SYMBOL).setInstrumentId(INSTRUMENT).setSubAccount(SUB_A).build());
        driver.reported(position(SUB_A, "150"));

        PositionState a = storedPosition(SUB_A);
        assertThat(a.getQuantity()).isEqualByComparingTo("150");
        assertThat(a.getFillCount()).isEqualTo(1);
        assertThat(a.getFees()).containsKey("USDT");
        assertThat(a.getReconciliation()).isEqualTo(ReconciliationStatus.AGREED);
        assertThat(storedPosition(SUB_B).getQuantity()).isEqualByComparingTo("-300");
        assertThat(driver.position(DERIBIT, INSTRUMENT)).as("the account's own position").isNull();
    }

    private PositionState storedPosition(String subAccount) {
        KeyValueStore<String, PositionState> store = driver.driver.getKeyValueStore(PositionTopology.POSITION_STORE);
        return store.get(DERIBIT + ":" + ACCOUNT + "/" + subAccount + ":" + INSTRUMENT);
    }

    private BalanceUpdate storedBalance(String subAccount) {
        KeyValueStore<String, BalanceUpdate> store = driver.driver.getKeyValueStore(PositionTopology.BALANCE_STORE);
        return store.get(DERIBIT + ":" + ACCOUNT + "/" + subAccount + ":BTC");
    }

    private static PositionUpdate position(String subAccount, String quantity) {
        return PositionUpdate.newBuilder(Events.position(DERIBIT, SYMBOL, INSTRUMENT, PositionSide.NET, quantity,
                "60000")).setSubAccount(subAccount).build();
    }

    private static BalanceUpdate balance(String subAccount, String total) {
        return BalanceUpdate.newBuilder(Events.balance(DERIBIT, "BTC", total, "0")).setSubAccount(subAccount).build();
    }
}
