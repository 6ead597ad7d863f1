package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.AckStatus;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.broker.RestartableBroker;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.sim.ReceivedOrderCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker is killed (SIGKILL) while a batch is at the exchange and started again, as in the chaos run's finding
 * 6: the batch's transaction cannot be committed as it was, and the batch is read again after its commands expired.
 * The order the exchange has must still be acked ACCEPTED, once, with its state on the updates topic — never EXPIRED,
 * which means "never reached the exchange".
 */
@ExtendWith(LocalStackExtension.class)
class OmsBrokerRestartIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** The exchange's answer is held past the broker's kill, past the command's expiry. */
    private static final Duration ANSWER_HELD = Duration.ofSeconds(4);

    @Test
    void shouldAckAnOrderAcceptedOnceWhenTheBrokerRestartsWhileItIsAtTheExchangeAndItHasExpired(LocalStack stack)
            throws Exception {
        Path dir = Files.createTempDirectory("oms-broker-restart");
        try (RestartableBroker broker = RestartableBroker.start(Files.createDirectories(dir.resolve("broker")));
             OmsTestStack env = OmsTestStack.onBroker(stack, broker.bootstrapServers(), dir);
             OmsProcess oms = OmsProcess.start(env.config("oms-broker-restart", "  risk:\n    price-band: 0\n"),
                     dir.resolve("oms.log"))) {
            oms.awaitLog("ready after", WAIT);
            OrderCommand warmUp = OmsTestStack.command(OmsTestStack.SPOT, "spot",
                    OmsTestStack.limitBuy("20000.00", "0.001"), null);
            env.send(warmUp);
            assertThat(env.acksOf(warmUp, WAIT)).extracting(OrderAck::getStatus).containsExactly(AckStatus.ACCEPTED);

            env.spot.faults().delayAnswersTo("order.place", ANSWER_HELD);
            PlaceOrder order = OmsTestStack.limitBuy("20000.00", "0.001");
            OrderCommand command = OmsTestStack.command(OmsTestStack.SPOT, "spot", order,
                    Instant.now().plusSeconds(3));
            env.send(command);
            OmsProcess.await(() -> env.placesAt(OmsTestStack.SPOT, order.getClientOrderId()).size() == 1,
                    "order at the exchange", WAIT);
            broker.kill();
            Thread.sleep(ANSWER_HELD.toMillis()); // the answer comes while the broker is down
            broker.restart();
            env.spot.faults().delayAnswersTo("order.place", Duration.ZERO);

            List<OrderAck> acks = env.<OrderAck>readUntil(env.acks, read -> read.stream()
                    .anyMatch(a -> a.getCommandId().equals(command.getCommandId())), WAIT, Duration.ofSeconds(5))
                    .stream().filter(a -> a.getCommandId().equals(command.getCommandId())).toList();
            List<ReceivedOrderCommand> places = env.placesAt(OmsTestStack.SPOT, order.getClientOrderId());
            assertThat(places).as("placed once").hasSize(1);
            assertThat(acks).as("acked once: " + acks).hasSize(1);
            assertThat(acks.get(0).getStatus()).as(acks.get(0).toString()).isEqualTo(AckStatus.ACCEPTED);
            assertThat(acks.get(0).getExchangeOrderId()).isEqualTo(String.valueOf(places.get(0).orderId()));
            List<OrderUpdate> updates = env.<OrderUpdate>readUntil(env.updates, read -> read.stream()
                    .anyMatch(u -> u.getClientOrderId().equals(order.getClientOrderId())), WAIT, Duration.ZERO);
            assertThat(updates).as("the order's state on the updates topic")
                    .anyMatch(u -> u.getClientOrderId().equals(order.getClientOrderId()));
            assertThat(oms.log()).as("the path of finding 6: the commit failed, the batch was read again and its "
                    + "order looked up").contains("was aborted and will be read again").contains("acking it instead of sending");
        }
    }
}
