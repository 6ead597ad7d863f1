package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.AckStatus;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.sim.ReceivedOrderCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kills the OMS process (no clean close) after the exchange has the order and before the ack is committed, starts
 * it again, and counts: one order at the exchange and one ack, ACCEPTED with the exchange's order id.
 */
@ExtendWith(LocalStackExtension.class)
class OmsCrashIT {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @Test
    void shouldPlaceOnceAndAckOnceWhenKilledBetweenTheExchangesAcceptanceAndTheAck(LocalStack stack,
                                                                                    TestTopics topics)
            throws Exception {
        Path dir = Files.createTempDirectory("oms-crash");
        try (OmsTestStack env = new OmsTestStack(stack, topics, dir)) {
            Path config = env.config("oms-crash", "  risk:\n    price-band: 0\n");
            PlaceOrder order = OmsTestStack.limitBuy("59000.00", "0.002");
            OrderCommand command = OmsTestStack.command(OmsTestStack.SPOT, "spot", order, null);

            OmsProcess first = OmsProcess.start(config, dir.resolve("first.log"));
            try {
                first.awaitLog("ready after", WAIT);
                // The answer to the order is held back: the exchange has the order, the OMS does not know yet.
                env.spot.faults().delayResponses(Duration.ofSeconds(60));
                env.send(command);
                OmsProcess.await(() -> env.placesAt(OmsTestStack.SPOT, order.getClientOrderId()).size() == 1,
                        "order at sim", WAIT);
            } finally {
                first.kill();
            }
            env.spot.faults().delayResponses(Duration.ZERO);
            assertThat(env.acksOf(command, Duration.ofSeconds(1))).as("no ack before the restart").isEmpty();

            List<OrderAck> acks;
            String secondLog;
            try (OmsProcess second = OmsProcess.start(config, dir.resolve("second.log"))) {
                acks = env.acksOf(command, WAIT);
                secondLog = second.log();
            }

            List<ReceivedOrderCommand> places = env.placesAt(OmsTestStack.SPOT, order.getClientOrderId());
            assertThat(places).hasSize(1);
            assertThat(acks).hasSize(1);
            assertThat(acks.get(0).getStatus()).isEqualTo(AckStatus.ACCEPTED);
            assertThat(acks.get(0).getExchangeOrderId()).isEqualTo(String.valueOf(places.get(0).orderId()));
            assertThat(secondLog).contains("acking it instead of sending");
        }
    }
}
