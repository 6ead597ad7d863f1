package io.exchangebus.streams.positions;

import static io.exchangebus.streams.positions.Events.BTC_PERP;
import static io.exchangebus.streams.positions.Events.BTC_SPOT;
import static io.exchangebus.streams.positions.Events.SPOT;
import static io.exchangebus.streams.positions.Events.USDM;
import static io.exchangebus.streams.positions.Events.balance;
import static io.exchangebus.streams.positions.Events.epoch;
import static io.exchangebus.streams.positions.Events.fill;
import static io.exchangebus.streams.positions.Events.filledAtOnce;
import static io.exchangebus.streams.positions.Events.order;
import static io.exchangebus.streams.positions.Events.usdmPosition;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.ReconciliationStatus;
import io.exchangebus.events.Side;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.streams.EventSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Positions start from a successful recovery epoch and move with every fill after it. */
@ExtendWith(LocalStackExtension.class)
class EpochPositionsTest {
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
    void shouldDerivePositionFromEpochThenFillsWithExactAverageRealisedPnlAndFeesPerAsset() {
        driver.epoch(epoch("e1", USDM, null, usdmPosition("0.010", "60000"), balance(USDM, "USDT", "5000", "0")));

        PositionState atEpoch = driver.lastPublished(USDM, BTC_PERP);
        assertThat(atEpoch.getQuantity()).isEqualByComparingTo("0.010");
        assertThat(atEpoch.getAverageEntryPrice()).isEqualByComparingTo("60000");
        assertThat(atEpoch.getReportedQuantity()).isEqualByComparingTo("0.010");
        assertThat(atEpoch.getReportedEntryPrice()).isEqualByComparingTo("60000");
        assertThat(atEpoch.getRealizedPnl()).isEqualByComparingTo("0");
        assertThat(atEpoch.getFees()).isEmpty();
        assertThat(atEpoch.getFillCount()).isZero();
        assertThat(atEpoch.getEpochId()).isEqualTo("e1");
        assertThat(atEpoch.getReconciliation()).isEqualTo(ReconciliationStatus.AGREED);

        driver.order(filledAtOnce(USDM, "101", Side.BUY, "0.005", "61000"));
        PositionState afterBuy = driver.lastPublished(USDM, BTC_PERP);
        assertThat(afterBuy.getQuantity()).isEqualByComparingTo("0.015");
        assertThat(afterBuy.getAverageEntryPrice()).isEqualTo(new BigDecimal("60333.333333333333333333"));
        assertThat(afterBuy.getRealizedPnl()).isEqualByComparingTo("0");
        assertThat(afterBuy.getFees()).containsOnlyKeys("USDT");
        assertThat(afterBuy.getFees().get("USDT")).isEqualByComparingTo("0.122");
        assertThat(afterBuy.getFillCount()).isEqualTo(1);
        assertThat(afterBuy.getUpdateTime()).as("the fill's exchange time")
                .isEqualTo(Events.T0.plusSeconds(1));

        // A maker fill with a BNB fee, then the taker sell through zero.
        driver.order(order(USDM, "102", Side.SELL, OrderStatus.FILLED, "0.020", "0.020", "62000",
                fill("t-102", "62000", "0.020", "0.00137", "BNB")));
        PositionState afterSell = driver.lastPublished(USDM, BTC_PERP);
        assertThat(afterSell.getQuantity()).isEqualByComparingTo("-0.005");
        assertThat(afterSell.getAverageEntryPrice()).isEqualByComparingTo("62000");
        // 0.015 × (62000 − 60333.333333333333333333) = 25.000000000000000000005, rounded at scale 18.
        assertThat(afterSell.getRealizedPnl()).isEqualTo(new BigDecimal("25.000000000000000000"));
        assertThat(afterSell.getFees()).isEqualTo(Map.of("USDT", new BigDecimal("0.122000000000000000"),
                "BNB", new BigDecimal("0.001370000000000000")));
        assertThat(afterSell.getFillCount()).isEqualTo(2);
        assertThat(afterSell.getReportedQuantity()).as("the exchange has not reported since the epoch")
                .isEqualByComparingTo("0.010");
        assertThat(driver.position(USDM, BTC_PERP)).isEqualTo(afterSell);
    }

    @Test
    void shouldStartSpotAccountsFlatWithNothingReported() {
        driver.order(filledAtOnce(SPOT, "7", Side.BUY, "0.3", "60000"));
        assertThat(driver.position(SPOT, BTC_SPOT).getQuantity()).isEqualByComparingTo("0.3");

        driver.epoch(epoch("s1", SPOT, null, balance(SPOT, "BTC", "1.25", "0"),
                balance(SPOT, "USDT", "1000", "0")));

        PositionState atEpoch = driver.lastPublished(SPOT, BTC_SPOT);
        assertThat(atEpoch.getQuantity()).as("the net traded since the epoch: none yet").isEqualByComparingTo("0");
        assertThat(atEpoch.getAverageEntryPrice()).isNull();
        assertThat(atEpoch.getFillCount()).isZero();
        assertThat(atEpoch.getReportedQuantity()).isNull();
        assertThat(atEpoch.getReconciliation()).isEqualTo(ReconciliationStatus.UNKNOWN);
        assertThat(atEpoch.getEpochId()).isEqualTo("s1");

        driver.order(filledAtOnce(SPOT, "8", Side.BUY, "0.5", "60000"));
        driver.order(filledAtOnce(SPOT, "9", Side.SELL, "0.2", "61000"));

        PositionState traded = driver.position(SPOT, BTC_SPOT);
        assertThat(traded.getQuantity()).isEqualByComparingTo("0.3");
        assertThat(traded.getAverageEntryPrice()).isEqualByComparingTo("60000");
        assertThat(traded.getRealizedPnl()).isEqualByComparingTo("200");
        assertThat(traded.getFillCount()).isEqualTo(2);
        assertThat(traded.getReconciliation()).isEqualTo(ReconciliationStatus.UNKNOWN);
        assertThat(driver.publishedAlerts()).isEmpty();
    }

    @Test
    void shouldMakeInstrumentsLeftOutOfADerivativesEpochFlat() {
        driver.order(filledAtOnce(USDM, "1", Side.BUY, "0.004", "60000"));

        driver.epoch(epoch("e1", USDM, null, Events.position(USDM, Events.ETHUSDT, Events.ETH_PERP,
                io.exchangebus.events.PositionSide.NET, "-1.5", "3000")));

        PositionState btc = driver.position(USDM, BTC_PERP);
        assertThat(btc.getQuantity()).isEqualByComparingTo("0");
        assertThat(btc.getReportedQuantity()).as("the exchange left it out: flat").isEqualByComparingTo("0");
        assertThat(btc.getReconciliation()).isEqualTo(ReconciliationStatus.AGREED);
        PositionState eth = driver.position(USDM, Events.ETH_PERP);
        assertThat(eth.getQuantity()).isEqualByComparingTo("-1.5");
        assertThat(eth.getAverageEntryPrice()).isEqualByComparingTo("3000");
        assertThat(eth.getSymbol()).isEqualTo(Events.ETHUSDT);
    }
}
