package io.exchangebus.streams.positions;

import static io.exchangebus.streams.positions.Events.BTC_PERP;
import static io.exchangebus.streams.positions.Events.USDM;
import static io.exchangebus.streams.positions.Events.balance;
import static io.exchangebus.streams.positions.Events.epoch;
import static io.exchangebus.streams.positions.Events.filledAtOnce;
import static io.exchangebus.streams.positions.Events.usdmPosition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.Side;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.streams.EventSerdes;
import io.exchangebus.streams.InvalidEventException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** An event that breaks the model is refused with {@link InvalidEventException} and changes nothing. */
@ExtendWith(LocalStackExtension.class)
class InvalidEventTest {

    @Test
    void shouldRefuseAnEventWhoseKeyIsNotItsAccountAndChangeNothing(LocalStack stack, @TempDir Path stateDir) {
        try (PositionsDriver driver = new PositionsDriver(EventSerdes.forRegistry(stack.registryUrl()),
                new SimpleMeterRegistry(), stateDir)) {
            driver.epoch(epoch("e1", USDM, null, usdmPosition("0.010", "60000")));
            PositionState before = driver.position(USDM, BTC_PERP);
            driver.publishedStates();

            assertThatThrownBy(() -> driver.order("binance-usdm:other",
                    filledAtOnce(USDM, "1", Side.BUY, "0.005", "61000")))
                    .hasRootCauseInstanceOf(InvalidEventException.class)
                    .rootCause().hasMessageContaining("binance-usdm:main").hasMessageContaining("binance-usdm:other");
            assertThatThrownBy(() -> driver.balance("binance-spot:main", balance(USDM, "USDT", "1", "0")))
                    .hasRootCauseInstanceOf(InvalidEventException.class);

            assertThat(driver.position(USDM, BTC_PERP)).isEqualTo(before);
            assertThat(driver.orderBaseline(USDM, "1")).isNull();
            assertThat(driver.storedBalance(USDM, "USDT")).isNull();
            assertThat(driver.publishedStates()).isEmpty();
            assertThat(driver.publishedBalances()).isEmpty();
        }
    }

    @Test
    void shouldGoOnAfterARefusedEventWithAContinuingHandler(LocalStack stack, @TempDir Path stateDir) {
        Properties continuing = new Properties();
        continuing.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class.getName());
        try (PositionsDriver driver = new PositionsDriver(EventSerdes.forRegistry(stack.registryUrl()),
                new SimpleMeterRegistry(), stateDir, PositionsDriver.SETTINGS, continuing)) {
            driver.epoch(epoch("e1", USDM, null, usdmPosition("0.010", "60000")));
            driver.publishedStates();

            // A fill of 0.005 whose price cannot be known: no last fill of that size, no average.
            driver.order(Events.order(USDM, "1", Side.BUY, OrderStatus.FILLED, "0.005", "0.005", null, null));
            driver.order(Events.key(USDM), filledAtOnce(USDM, "2", Side.BUY, "0.002", "61000"));

            PositionState position = driver.position(USDM, BTC_PERP);
            assertThat(position.getQuantity()).isEqualByComparingTo("0.012");
            assertThat(position.getFillCount()).isEqualTo(1);
            assertThat(driver.orderBaseline(USDM, "1")).as("the refused update is not a baseline").isNull();
            assertThat(driver.publishedStates()).hasSize(1);
        }
    }
}
