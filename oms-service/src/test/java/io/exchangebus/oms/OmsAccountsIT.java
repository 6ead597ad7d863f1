package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.AckStatus;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.service.ServiceRunner;
import io.exchangebus.sim.ReceivedOrderCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Accounts are independent: one that cannot connect does not stop the service or the others, and one account's
 * slow exchange does not hold up the requests of another. The OMS runs in this JVM against the real broker,
 * registry and the Binance simulators.
 */
@ExtendWith(LocalStackExtension.class)
class OmsAccountsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldTradeTheOtherAccountsAndRetryOneThatCannotConnectUntilItCan(LocalStack stack, TestTopics topics)
            throws Exception {
        Path dir = Files.createTempDirectory("oms-accounts");
        try (OmsTestStack env = new OmsTestStack(stack, topics, dir)) {
            // The usdm account's key is not known to the exchange (yet): its logon is refused.
            Files.writeString(dir.resolve("usdm.key"), "late-key", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("usdm.secret"), "late-secret-0123456789", StandardCharsets.UTF_8);
            // A connect-wait far longer than the test: start-up must not wait for the refused account's retries.
            Path config = env.config("oms-accounts", "  connect-wait: 5m\n  connect-backoff: 200ms\n"
                    + "  connect-backoff-max: 500ms\n  risk:\n    price-band: 0\n");
            ServiceRunner runner = new ServiceRunner(OmsServiceMain.SERVICE, OmsKeys.SCHEMA, Map.of(), System.err);
            Thread oms = new Thread(() -> runner.run(new String[] {"--config", config.toString()}, OmsService::new),
                    "oms-accounts");
            long launched = System.nanoTime();
            oms.start();
            try {
                assertThat(runner.awaitStarted(Duration.ofSeconds(60))).as("started with one account down").isTrue();
                awaitPassing(runner, "commands"); // partitions assigned: what is sent now cannot have been read
                assertThat(Duration.ofNanos(System.nanoTime() - launched))
                        .as("taking commands once the refused account's first attempt failed, not after "
                                + "oms.connect-wait").isLessThan(Duration.ofSeconds(30));

                OrderCommand spot = OmsTestStack.command(OmsTestStack.SPOT, "spot",
                        OmsTestStack.limitBuy("59000.00", "0.001"), null);
                OrderCommand usdm = OmsTestStack.command(OmsTestStack.USDM, "usdm",
                        OmsTestStack.limitBuy("59000.00", "0.002"), null);
                env.send(spot, usdm);
                assertThat(only(env.acksOf(spot, WAIT)).getStatus()).isEqualTo(AckStatus.ACCEPTED);
                OrderAck refused = only(env.acksOf(usdm, WAIT));
                assertThat(refused.getStatus()).isEqualTo(AckStatus.REJECTED);
                assertThat(refused.getError().getKind()).isEqualTo(ErrorKind.NETWORK);
                assertThat(refused.getError().getCode()).isEqualTo("ACCOUNT_UNAVAILABLE");
                assertThat(refused.getError().getRetryable()).isTrue();
                assertThat(refused.getError().getMessage()).contains("usdm").doesNotContain("late-secret");
                assertThat(env.usdm.simulator().receivedOrders()).as("nothing sent for usdm").isEmpty();

                assertThat(failing(runner, "account:usdm")).as("usdm reported not ready").isTrue();
                assertThat(failing(runner, "account:spot")).isFalse();
                assertThat(get(runner, "/metrics"))
                        .containsPattern("exbus_oms_account_connected\\{[^}]*account=\"usdm\"[^}]*} 0\\.0")
                        .containsPattern("exbus_oms_account_connected\\{[^}]*account=\"spot\"[^}]*} 1\\.0")
                        .containsPattern("exbus_oms_account_connects_total\\{[^}]*account=\"usdm\"[^}]*"
                                + "outcome=\"failed\"[^}]*} [1-9]");

                // The exchange learns the key: the account connects on a retry, and its commands go through.
                env.usdm.addHmacKey(OmsTestStack.SIM_ACCOUNT, "late-key", "late-secret-0123456789");
                awaitPassing(runner, "account:usdm");
                OrderCommand later = OmsTestStack.command(OmsTestStack.USDM, "usdm",
                        OmsTestStack.limitBuy("59000.00", "0.002"), null);
                env.send(later);
                assertThat(only(env.acksOf(later, WAIT)).getStatus()).isEqualTo(AckStatus.ACCEPTED);
            } finally {
                runner.stop();
                oms.join(30_000);
            }
        }
    }

    @Test
    void shouldSendAnAccountsCommandsWithoutWaitingForAnotherAccountsSlowExchange(LocalStack stack,
                                                                                 TestTopics topics)
            throws Exception {
        Path dir = Files.createTempDirectory("oms-parallel");
        try (OmsTestStack env = new OmsTestStack(stack, topics, dir)) {
            Path config = env.config("oms-parallel", "  risk:\n    price-band: 0\n");
            ServiceRunner runner = new ServiceRunner(OmsServiceMain.SERVICE, OmsKeys.SCHEMA, Map.of(), System.err);
            Thread oms = new Thread(() -> runner.run(new String[] {"--config", config.toString()}, OmsService::new),
                    "oms-parallel");
            oms.start();
            try {
                assertThat(runner.awaitStarted(Duration.ofSeconds(60))).isTrue();
                awaitPassing(runner, "commands");
                Duration slow = Duration.ofSeconds(3);
                env.spot.faults().delayAnswersTo("order.place", slow);
                PlaceOrder spot1 = OmsTestStack.limitBuy("59000.00", "0.001");
                PlaceOrder spot2 = OmsTestStack.limitBuy("59000.00", "0.001");
                PlaceOrder usdmOrder = OmsTestStack.limitBuy("59000.00", "0.002");
                OrderCommand first = OmsTestStack.command(OmsTestStack.SPOT, "spot", spot1, null);
                OrderCommand second = OmsTestStack.command(OmsTestStack.SPOT, "spot", spot2, null);
                OrderCommand usdm = OmsTestStack.command(OmsTestStack.USDM, "usdm", usdmOrder, null);

                // Two slow spot orders, then a USD-M one, in one poll batch.
                env.sendInOneBatch(first, second, usdm);

                for (OrderCommand c : List.of(first, second, usdm)) {
                    assertThat(only(env.acksOf(c, WAIT)).getStatus()).isEqualTo(AckStatus.ACCEPTED);
                }
                ReceivedOrderCommand atSpot1 = only(env.placesAt(OmsTestStack.SPOT, spot1.getClientOrderId()));
                ReceivedOrderCommand atSpot2 = only(env.placesAt(OmsTestStack.SPOT, spot2.getClientOrderId()));
                ReceivedOrderCommand atUsdm = only(env.placesAt(OmsTestStack.USDM, usdmOrder.getClientOrderId()));
                // One account's commands stay in order: the second spot order waits for the first one's answer.
                assertThat(Duration.between(atSpot1.receivedAt(), atSpot2.receivedAt()))
                        .as("second spot order after the first one's answer").isGreaterThan(slow.minusMillis(500));
                // Another account's do not: handled one at a time, the USD-M order would wait for both, 6 s.
                assertThat(Duration.between(atSpot1.receivedAt(), atUsdm.receivedAt()).abs())
                        .as("usdm order sent while the spot answers were held back").isLessThan(Duration.ofSeconds(1));
            } finally {
                env.spot.faults().delayAnswersTo("order.place", Duration.ZERO);
                runner.stop();
                oms.join(30_000);
            }
        }
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    /** Waits until the readiness check {@code check} passes (others may still fail). */
    private static void awaitPassing(ServiceRunner runner, String check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (failing(runner, check) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(failing(runner, check)).as("%s failing: %s", check, get(runner, "/health/ready")).isFalse();
    }

    /** Whether /health/ready lists {@code check} among the failing ones. */
    private static boolean failing(ServiceRunner runner, String check) throws Exception {
        String body = get(runner, "/health/ready");
        return body.contains("\"failing\"") && body.contains("\"" + check + "\"");
    }

    private static String get(ServiceRunner runner, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + runner.opsPort() + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
