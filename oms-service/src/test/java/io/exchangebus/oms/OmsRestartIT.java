package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.AckStatus;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * oms-service killed with SIGKILL while idle and started again with the same configuration: it is ready within
 * seconds (static membership: no wait for the dead member's session; its transaction fenced at once), and the
 * commands that arrived while it was down are handled as new, not looked up one by one, because the dead process
 * had recorded that it sent nothing of them.
 */
@ExtendWith(LocalStackExtension.class)
class OmsRestartIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Within the spot simulator's order rate (50 per 10 s) and the account's 1,000 USDT at 20 USDT an order. */
    private static final int BACKLOG = 40;

    @Test
    void shouldBeReadyWithinSecondsAfterAKillAndHandleTheBacklogWithoutLookingItUp(LocalStack stack,
                                                                                  TestTopics topics)
            throws Exception {
        Path dir = Files.createTempDirectory("oms-restart");
        try (OmsTestStack env = new OmsTestStack(stack, topics, dir)) {
            // The consumer's default session timeout (45 s), as in production.
            Path config = env.config("oms-restart", "  risk:\n    price-band: 0\n", false);
            OmsProcess first = OmsProcess.start(config, dir.resolve("first.log"));
            try {
                first.awaitLog("ready after", WAIT);
                OrderCommand warmUp = spot();
                env.send(warmUp);
                assertThat(env.acksOf(warmUp, WAIT)).extracting(OrderAck::getStatus)
                        .containsExactly(AckStatus.ACCEPTED);
            } finally {
                first.kill();
            }

            List<OrderCommand> backlog = new ArrayList<>();
            for (int i = 0; i < BACKLOG; i++) {
                backlog.add(spot());
            }
            env.send(backlog.toArray(OrderCommand[]::new));

            try (OmsProcess second = OmsProcess.start(config, dir.resolve("second.log"))) {
                Duration ready = second.awaitLog("ready after", WAIT);
                System.out.printf("OmsRestartIT: ready %d ms after the restart (JVM start included)%n",
                        ready.toMillis());
                assertThat(ready).as("ready after kill -9 and restart").isLessThan(Duration.ofSeconds(5));

                OrderCommand last = backlog.get(BACKLOG - 1);
                List<OrderAck> acks = env.<OrderAck>readUntil(env.acks, read -> read.stream()
                        .anyMatch(a -> a.getCommandId().equals(last.getCommandId())), WAIT, Duration.ofSeconds(1));
                Set<String> ids = backlog.stream().map(OrderCommand::getCommandId).collect(Collectors.toSet());
                List<OrderAck> ofBacklog = acks.stream().filter(a -> ids.contains(a.getCommandId())).toList();
                assertThat(ofBacklog).hasSize(BACKLOG).allSatisfy(a ->
                        assertThat(a.getStatus()).isEqualTo(AckStatus.ACCEPTED));
                assertThat(second.log()).as("nothing of the backlog was looked up at the exchange")
                        .doesNotContain("acking it instead of sending")
                        .contains("from recorded intents");
                assertThat(env.spot.simulator().receivedOrders().stream()
                        .filter(o -> o.kind() == io.exchangebus.sim.ReceivedOrderCommand.Kind.PLACE).count())
                        .as("every order placed once").isEqualTo(BACKLOG + 1);
            }
        }
    }

    private static OrderCommand spot() {
        return OmsTestStack.command(OmsTestStack.SPOT, "spot", OmsTestStack.limitBuy("20000.00", "0.001"), null);
    }
}
