package io.exchangebus.examples.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.AckStatus;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.examples.strategy.RestThenTakeStrategy.Round;
import io.exchangebus.testkit.ExchangeBusStack;
import io.exchangebus.testkit.ExchangeBusTest;
import io.exchangebus.testkit.Service;
import io.exchangebus.testkit.SimulatorHandle;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The strategy against one exchange's simulator, through the real services: what each exchange's test class
 * checks. Every subclass asks for the same stack (this annotation is inherited), so the JVM starts one: the
 * simulators of the four exchanges, ingest, oms-service and pms-service. What the account holds of the instrument is
 * its position; spot overrides that with its balance of the base asset.
 */
@ExchangeBusTest(exchanges = {"binance-spot", "binance-usdm", "deribit", "grvt"},
        services = {Service.INGEST, Service.OMS, Service.PMS})
abstract class StrategyAgainstSimulator {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The exchange id of the simulator traded on. */
    abstract String exchange();

    /** What one order buys, in what the instrument counts, above the exchange's minimums. */
    abstract BigDecimal quantity();

    @Test
    void shouldHaveItsOrdersAcceptedAndItsFillReachThePositions(ExchangeBusStack stack) {
        SimulatorHandle simulator = stack.simulator(exchange());
        String account = simulator.account();
        String symbol = simulator.symbols().get(0);
        String instrument = simulator.instrumentId(symbol);
        BookUpdate book = stack.books().latest(exchange(), symbol, TIMEOUT);
        BigDecimal before = holding(stack, account, instrument);

        Round round;
        try (RestThenTakeStrategy strategy = new RestThenTakeStrategy(new StrategySettings(stack.bootstrapServers(),
                stack.registryUrl(), exchange(), account, symbol, instrument))) {
            round = strategy.trade(quantity(), TIMEOUT);
        }

        assertThat(book.getBids()).isNotEmpty();
        assertThat(book.getAsks()).isNotEmpty();
        for (OrderCommand command : List.of(round.rest(), round.cancel(), round.take())) {
            assertThat(stack.orders().awaitAck(exchange(), account, command.getCommandId(), TIMEOUT).getStatus())
                    .as("ack of %s", command.getAction().getClass().getSimpleName())
                    .isEqualTo(AckStatus.ACCEPTED);
        }
        assertThat(round.canceled().getFilledQuantity()).isZero();
        assertThat(round.filled().getFilledQuantity()).isEqualByComparingTo(quantity());
        BigDecimal expected = before.add(bought(round));
        assertThat(awaitHolding(stack, account, instrument, expected)).isEqualByComparingTo(expected);
    }

    /** What the account holds of the instrument as the kit reads it: its position from pms-service. */
    BigDecimal holding(ExchangeBusStack stack, String account, String instrument) {
        return stack.positions().quantity(exchange(), account, instrument);
    }

    /** Waits until {@link #holding} is {@code expected}; returns it. */
    BigDecimal awaitHolding(ExchangeBusStack stack, String account, String instrument, BigDecimal expected) {
        PositionUpdate position = stack.positions().await(exchange(), account, instrument,
                p -> p.getQuantity().compareTo(expected) == 0, TIMEOUT);
        return position.getQuantity();
    }

    /** What the round's buy added to {@link #holding}: the quantity filled. */
    BigDecimal bought(Round round) {
        return round.filled().getFilledQuantity();
    }
}
