package io.exchangebus.streams.positions;

import static io.exchangebus.streams.positions.Events.BTC_PERP;
import static io.exchangebus.streams.positions.Events.USDM;
import static io.exchangebus.streams.positions.Events.epoch;
import static io.exchangebus.streams.positions.Events.fill;
import static io.exchangebus.streams.positions.Events.order;
import static io.exchangebus.streams.positions.Events.recovered;
import static io.exchangebus.streams.positions.Events.usdmPosition;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.Side;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.streams.EventSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Fills come from each order's cumulative filled quantity: counted once, caught up when updates are missed. */
@ExtendWith(LocalStackExtension.class)
class OrderFillsTest {
    private static final OrderUpdate FIRST = order(USDM, "55", Side.BUY, OrderStatus.PARTIALLY_FILLED, "0.010",
            "0.004", "60000", fill("t1", "60000", "0.004", "0.096", "USDT"));
    private static final OrderUpdate SECOND = order(USDM, "55", Side.BUY, OrderStatus.PARTIALLY_FILLED, "0.010",
            "0.007", "60300", fill("t2", "60700", "0.003", "0.07284", "USDT"));
    private static final OrderUpdate LAST = order(USDM, "55", Side.BUY, OrderStatus.FILLED, "0.010",
            "0.010", "60400", fill("t3", "60633.333333333333333333", "0.003", "0.07276", "USDT"));

    private EventSerdes serdes;
    private SimpleMeterRegistry meters;
    private Path stateDir;
    private PositionsDriver driver;

    @BeforeEach
    void start(LocalStack stack, @TempDir Path stateDir) {
        this.serdes = EventSerdes.forRegistry(stack.registryUrl());
        this.meters = new SimpleMeterRegistry();
        this.stateDir = stateDir;
        driver = new PositionsDriver(serdes, meters, stateDir);
        driver.epoch(epoch("e1", USDM, null, usdmPosition("0", null)));
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldNotCountDuplicatesOrReplaysOfTheSameCumulativeUpdateTwice() {
        driver.order(FIRST);
        driver.order(FIRST);
        driver.order(SECOND);
        driver.order(FIRST);
        driver.order(SECOND);

        PositionState position = driver.position(USDM, BTC_PERP);
        assertThat(position.getQuantity()).isEqualByComparingTo("0.007");
        assertThat(position.getFillCount()).isEqualTo(2);
        assertThat(position.getFees().get("USDT")).isEqualByComparingTo("0.16884");
        assertThat(position.getAverageEntryPrice()).isEqualByComparingTo("60300");
        assertThat(driver.orderBaseline(USDM, "55").getFilledQuantity()).as("the furthest fill stays the baseline")
                .isEqualByComparingTo("0.007");
    }

    @Test
    void shouldCatchUpAMissedUpdateFromTheCumulativeFields() {
        driver.order(FIRST);
        driver.order(LAST);

        PositionState position = driver.position(USDM, BTC_PERP);
        assertThat(position.getQuantity()).isEqualByComparingTo("0.010");
        // 0.006 more, priced from the cumulative cost: (60400 × 0.010 − 60000 × 0.004) / 0.006.
        assertThat(position.getAverageEntryPrice()).isEqualByComparingTo("60400");
        assertThat(position.getFillCount()).as("one applied delta for the two fills missed").isEqualTo(2);
        assertThat(position.getFees().get("USDT")).as("the missed fills' fees are unknown")
                .isEqualByComparingTo("0.096");
    }

    @Test
    void shouldApplyOnlyWhatAnOrderOfTheEpochFilledAfterIt() {
        // At the epoch the order had filled 0.004 of 0.010, which the epoch's position already holds.
        driver.epoch(epoch("e2", USDM, null, usdmPosition("0.004", "60000"), recovered(FIRST)));
        driver.order(FIRST);
        assertThat(driver.position(USDM, BTC_PERP).getFillCount()).as("the epoch's own fill").isZero();

        driver.order(SECOND);

        PositionState position = driver.position(USDM, BTC_PERP);
        assertThat(position.getQuantity()).isEqualByComparingTo("0.007");
        assertThat(position.getFillCount()).isEqualTo(1);
        assertThat(position.getAverageEntryPrice()).isEqualByComparingTo("60300");
        assertThat(position.getFees().get("USDT")).isEqualByComparingTo("0.07284");
    }

    @Test
    void shouldRecogniseReplaysOfFinishedOrdersUntilTheirRetentionEnds() {
        driver.close();
        PositionSettings settings = new PositionSettings(new BigDecimal("0.001"), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofMinutes(10));
        driver = new PositionsDriver(serdes, meters, stateDir, settings, new Properties());
        driver.order(LAST);

        driver.advance(Duration.ofMinutes(9));
        driver.order(LAST);
        assertThat(driver.position(USDM, BTC_PERP).getQuantity()).as("a replay within retention")
                .isEqualByComparingTo("0.010");

        // Last seen at 9 min: kept until 19 min, purged at the first purge after that (every minute).
        driver.advance(Duration.ofMinutes(9));
        assertThat(driver.orderBaseline(USDM, "55")).isNotNull();
        driver.advance(Duration.ofMinutes(2));
        assertThat(driver.orderBaseline(USDM, "55")).as("finished and unseen for longer than the retention")
                .isNull();
    }

    @Test
    void shouldKeepOpenOrdersWhateverTheirAge() {
        driver.order(FIRST);

        driver.advance(Duration.ofHours(5));
        driver.order(SECOND);

        assertThat(driver.orderBaseline(USDM, "55").getStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(driver.position(USDM, BTC_PERP).getQuantity()).isEqualByComparingTo("0.007");
    }
}
