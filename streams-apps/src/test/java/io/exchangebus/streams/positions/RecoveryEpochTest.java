package io.exchangebus.streams.positions;

import static io.exchangebus.streams.positions.Events.BTC_PERP;
import static io.exchangebus.streams.positions.Events.USDM;
import static io.exchangebus.streams.positions.Events.epoch;
import static io.exchangebus.streams.positions.Events.filledAtOnce;
import static io.exchangebus.streams.positions.Events.usdmPosition;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.PositionState;
import io.exchangebus.events.ReconciliationStatus;
import io.exchangebus.events.RecoverySnapshot;
import io.exchangebus.events.Side;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.streams.EventSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Only a whole, successful epoch restarts positions; a failed or unfinished one changes nothing. */
@ExtendWith(LocalStackExtension.class)
class RecoveryEpochTest {
    private PositionsDriver driver;

    @BeforeEach
    void start(LocalStack stack, @TempDir Path stateDir) {
        driver = new PositionsDriver(EventSerdes.forRegistry(stack.registryUrl()), new SimpleMeterRegistry(), stateDir);
        driver.epoch(epoch("e1", USDM, null, usdmPosition("0.010", "60000")));
        driver.order(filledAtOnce(USDM, "1", Side.BUY, "0.005", "61000"));
        driver.order(filledAtOnce(USDM, "2", Side.SELL, "0.003", "62000"));
        driver.publishedStates();
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldChangeNothingWhenAnEpochFails() {
        PositionState before = driver.position(USDM, BTC_PERP);

        driver.epoch(epoch("e2", USDM, "NETWORK", usdmPosition("0.500", "50000")));

        assertThat(driver.position(USDM, BTC_PERP)).isEqualTo(before);
        assertThat(driver.publishedStates()).isEmpty();
        driver.order(filledAtOnce(USDM, "3", Side.BUY, "0.001", "60000"));
        assertThat(driver.position(USDM, BTC_PERP).getQuantity()).as("fills go on from the current state")
                .isEqualByComparingTo("0.013");
        assertThat(driver.position(USDM, BTC_PERP).getEpochId()).isEqualTo("e1");
    }

    @Test
    void shouldResetDerivedFiguresOnANewerEpoch() {
        PositionState before = driver.position(USDM, BTC_PERP);
        assertThat(before.getFillCount()).isEqualTo(2);
        assertThat(before.getRealizedPnl()).isPositive();

        driver.epoch(epoch("e2", USDM, null, usdmPosition("0.012", "60400")));

        PositionState after = driver.position(USDM, BTC_PERP);
        assertThat(after.getQuantity()).isEqualByComparingTo("0.012");
        assertThat(after.getAverageEntryPrice()).isEqualByComparingTo("60400");
        assertThat(after.getRealizedPnl()).isEqualByComparingTo("0");
        assertThat(after.getFees()).isEmpty();
        assertThat(after.getFillCount()).isZero();
        assertThat(after.getReportedQuantity()).isEqualByComparingTo("0.012");
        assertThat(after.getEpochId()).isEqualTo("e2");
        assertThat(after.getReconciliation()).isEqualTo(ReconciliationStatus.AGREED);
        assertThat(driver.lastPublished(USDM, BTC_PERP)).isEqualTo(after);
    }

    @Test
    void shouldDiscardAnUnfinishedEpochWhenANewerOneStarts() {
        List<RecoverySnapshot> unfinished = epoch("e2", USDM, null, usdmPosition("0.900", "50000"));
        driver.epoch(unfinished.subList(0, 1));

        driver.epoch(epoch("e3", USDM, null, Events.position(USDM, Events.ETHUSDT, Events.ETH_PERP,
                io.exchangebus.events.PositionSide.NET, "2", "3000")));
        PositionState btc = driver.position(USDM, BTC_PERP);
        assertThat(btc.getQuantity()).as("e2's 0.900 never applied; left out of e3: flat").isEqualByComparingTo("0");
        assertThat(btc.getEpochId()).isEqualTo("e3");
        assertThat(driver.position(USDM, Events.ETH_PERP).getQuantity()).isEqualByComparingTo("2");
    }

    @Test
    void shouldNotApplyAnEpochWhoseMarkerCountsMoreItemsThanArrived() {
        PositionState before = driver.position(USDM, BTC_PERP);
        List<RecoverySnapshot> e2 = epoch("e2", USDM, null, usdmPosition("0.900", "50000"));
        driver.epoch(e2.subList(0, 1));
        driver.epoch(epoch("e3", USDM, null, Events.balance(USDM, "USDT", "10", "0")).subList(0, 1));

        // e2's marker after an item of e3 discarded e2's position: e2 is incomplete.
        driver.snapshot(Events.key(USDM), e2.get(1));

        assertThat(driver.position(USDM, BTC_PERP)).isEqualTo(before);
    }
}
