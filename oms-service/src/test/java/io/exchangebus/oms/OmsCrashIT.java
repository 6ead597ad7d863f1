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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
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

            Process first = startOms(config, dir.resolve("first.log"));
            try {
                awaitLog(dir.resolve("first.log"), "ready after");
                // The answer to the order is held back: the exchange has the order, the OMS does not know yet.
                env.spot.faults().delayResponses(Duration.ofSeconds(60));
                env.send(command);
                await(() -> env.placesAt(OmsTestStack.SPOT, order.getClientOrderId()).size() == 1, "order at sim");
            } finally {
                first.destroyForcibly().waitFor();
            }
            env.spot.faults().delayResponses(Duration.ZERO);
            assertThat(acksOf(env, command, Duration.ofSeconds(1))).as("no ack before the restart").isEmpty();

            Process second = startOms(config, dir.resolve("second.log"));
            List<OrderAck> acks;
            try {
                acks = acksOf(env, command, WAIT);
            } finally {
                second.destroy();
                second.waitFor();
            }

            List<ReceivedOrderCommand> places = env.placesAt(OmsTestStack.SPOT, order.getClientOrderId());
            assertThat(places).hasSize(1);
            assertThat(acks).hasSize(1);
            assertThat(acks.get(0).getStatus()).isEqualTo(AckStatus.ACCEPTED);
            assertThat(acks.get(0).getExchangeOrderId()).isEqualTo(String.valueOf(places.get(0).orderId()));
            assertThat(Files.readString(dir.resolve("second.log"))).contains("acking it instead of sending");
        }
    }

    private static List<OrderAck> acksOf(OmsTestStack env, OrderCommand command, Duration wait) {
        return env.<OrderAck>readUntil(env.acks, read -> read.stream()
                        .anyMatch(a -> a.getCommandId().equals(command.getCommandId())), wait, Duration.ofSeconds(2))
                .stream().filter(a -> a.getCommandId().equals(command.getCommandId())).collect(Collectors.toList());
    }

    private static Process startOms(Path config, Path log) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                OmsServiceMain.class.getName(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitLog(Path log, String text) throws Exception {
        await(() -> {
            try {
                return Files.exists(log) && Files.readString(log).contains(text);
            } catch (IOException e) {
                return false;
            }
        }, "'" + text + "' in " + log);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
