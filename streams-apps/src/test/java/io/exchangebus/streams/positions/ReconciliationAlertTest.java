package io.exchangebus.streams.positions;

import static io.exchangebus.streams.positions.Events.BTCUSDT;
import static io.exchangebus.streams.positions.Events.BTC_PERP;
import static io.exchangebus.streams.positions.Events.T0;
import static io.exchangebus.streams.positions.Events.USDM;
import static io.exchangebus.streams.positions.Events.epoch;
import static io.exchangebus.streams.positions.Events.filledAtOnce;
import static io.exchangebus.streams.positions.Events.position;
import static io.exchangebus.streams.positions.Events.usdmPosition;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.ReconciliationAlert;
import io.exchangebus.events.ReconciliationStatus;
import io.exchangebus.events.Side;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.streams.EventSerdes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The derived and the reported position are compared after every change; a disagreement beyond the tolerance
 * (0.001) that lasts the grace period (30 s, checked every 5 s) raises one alert, and agreement ends it.
 */
@ExtendWith(LocalStackExtension.class)
class ReconciliationAlertTest {
    private SimpleMeterRegistry meters;
    private PositionsDriver driver;

    @BeforeEach
    void start(LocalStack stack, @TempDir Path stateDir) {
        meters = new SimpleMeterRegistry();
        driver = new PositionsDriver(EventSerdes.forRegistry(stack.registryUrl()), meters, stateDir);
        driver.epoch(epoch("e1", USDM, null, usdmPosition("0.010", "60000")));
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldAlertOnceWhenTheViewsDivergeLongerThanTheGracePeriod() {
        driver.order(filledAtOnce(USDM, "1", Side.BUY, "0.005", "61000"));
        assertThat(driver.position(USDM, BTC_PERP).getReconciliation()).isEqualTo(ReconciliationStatus.DIVERGING);
        assertThat(driver.position(USDM, BTC_PERP).getDivergingSince()).isEqualTo(T0);

        driver.advance(Duration.ofSeconds(25));
        assertThat(driver.publishedAlerts()).as("within the grace period").isEmpty();
        assertThat(alertCount()).isZero();
        assertThat(meters.get(PositionMetrics.DIVERGING).gauge().value()).isEqualTo(1);

        driver.advance(Duration.ofSeconds(10));
        List<KeyValue<String, ReconciliationAlert>> alerts = driver.publishedAlerts();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).key).isEqualTo(Events.positionKey(USDM, BTC_PERP));
        ReconciliationAlert alert = alerts.get(0).value;
        assertThat(alert.getResolved()).isFalse();
        assertThat(alert.getSymbol()).isEqualTo(BTCUSDT);
        assertThat(alert.getDerivedQuantity()).isEqualByComparingTo("0.015");
        assertThat(alert.getReportedQuantity()).isEqualByComparingTo("0.010");
        assertThat(alert.getDifference()).isEqualByComparingTo("0.005");
        assertThat(alert.getTolerance()).isEqualByComparingTo("0.001");
        assertThat(alert.getDivergingSince()).isEqualTo(T0);
        assertThat(alert.getAlertTime()).isEqualTo(T0.plusSeconds(35));
        assertThat(alertCount()).isEqualTo(1);
        PositionState alerted = driver.lastPublished(USDM, BTC_PERP);
        assertThat(alerted.getReconciliation()).isEqualTo(ReconciliationStatus.ALERTED);
        assertThat(alerted.getDivergingSince()).isEqualTo(T0);

        driver.order(filledAtOnce(USDM, "2", Side.BUY, "0.001", "61000"));
        driver.advance(Duration.ofMinutes(2));
        assertThat(driver.publishedAlerts()).as("one alert per disagreement").isEmpty();
        assertThat(alertCount()).isEqualTo(1);
        assertThat(driver.position(USDM, BTC_PERP).getReconciliation()).isEqualTo(ReconciliationStatus.ALERTED);
    }

    @Test
    void shouldNotAlertWhenTheViewsAgreeOrDifferWithinTheTolerance() {
        driver.order(filledAtOnce(USDM, "1", Side.BUY, "0.005", "61000"));
        driver.advance(Duration.ofSeconds(20));
        // The exchange's report catches up within the grace period, 0.0005 apart.
        driver.reported(usdmPosition("0.0155", "60300"));
        assertThat(driver.position(USDM, BTC_PERP).getReconciliation()).isEqualTo(ReconciliationStatus.AGREED);
        assertThat(driver.position(USDM, BTC_PERP).getDivergingSince()).isNull();

        driver.advance(Duration.ofMinutes(5));

        assertThat(driver.publishedAlerts()).isEmpty();
        assertThat(alertCount()).isZero();
        assertThat(meters.get(PositionMetrics.DIVERGING).gauge().value()).isZero();
    }

    @Test
    void shouldPublishAResolvedAlertWhenTheViewsAgreeAgain() {
        driver.order(filledAtOnce(USDM, "1", Side.BUY, "0.005", "61000"));
        driver.advance(Duration.ofSeconds(40));
        assertThat(driver.publishedAlerts()).hasSize(1);

        driver.reported(usdmPosition("0.015", "60333.3"));

        List<KeyValue<String, ReconciliationAlert>> alerts = driver.publishedAlerts();
        assertThat(alerts).hasSize(1);
        ReconciliationAlert resolved = alerts.get(0).value;
        assertThat(resolved.getResolved()).isTrue();
        assertThat(resolved.getDivergingSince()).as("since when they had disagreed").isEqualTo(T0);
        assertThat(resolved.getDifference()).isEqualByComparingTo("0");
        assertThat(resolved.getAlertTime()).isEqualTo(T0.plusSeconds(40));
        PositionState agreed = driver.lastPublished(USDM, BTC_PERP);
        assertThat(agreed.getReconciliation()).isEqualTo(ReconciliationStatus.AGREED);
        assertThat(agreed.getDivergingSince()).isNull();
        assertThat(agreed.getReportedEntryPrice()).isEqualByComparingTo("60333.3");
        assertThat(alertCount()).as("the counter counts raised alerts").isEqualTo(1);
    }

    @Test
    void shouldCompareWithTheSumOfHedgeModeLegs() {
        driver.order(filledAtOnce(USDM, "1", Side.BUY, "0.005", "61000"));

        driver.reported(position(USDM, BTCUSDT, BTC_PERP, PositionSide.LONG, "0.020", "60500"));
        assertThat(driver.position(USDM, BTC_PERP).getReportedQuantity()).isEqualByComparingTo("0.020");
        assertThat(driver.position(USDM, BTC_PERP).getReportedEntryPrice()).isEqualByComparingTo("60500");
        // Binance reports the short leg negative.
        driver.reported(position(USDM, BTCUSDT, BTC_PERP, PositionSide.SHORT, "-0.005", "61000"));

        PositionState hedged = driver.position(USDM, BTC_PERP);
        assertThat(hedged.getReportedQuantity()).isEqualByComparingTo("0.015");
        assertThat(hedged.getReportedEntryPrice()).as("no single entry price of two open legs").isNull();
        assertThat(hedged.getReconciliation()).isEqualTo(ReconciliationStatus.AGREED);

        driver.reported(position(USDM, BTCUSDT, BTC_PERP, PositionSide.LONG, "0", null));
        assertThat(driver.position(USDM, BTC_PERP).getReportedQuantity()).isEqualByComparingTo("-0.005");
        assertThat(driver.position(USDM, BTC_PERP).getReportedEntryPrice()).isEqualByComparingTo("61000");

        // Back to one-way mode: the NET report replaces the legs.
        driver.reported(usdmPosition("0.015", "60333.3"));
        driver.reported(position(USDM, BTCUSDT, BTC_PERP, PositionSide.LONG, "0.001", "60000"));
        assertThat(driver.position(USDM, BTC_PERP).getReportedQuantity()).as("no short leg left from before")
                .isEqualByComparingTo("0.001");
    }

    private double alertCount() {
        Counter counter = meters.find(PositionMetrics.ALERTS).tags("exchange", USDM, "account", Events.ACCOUNT)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
