package io.exchangebus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.exchangebus.events.AckStatus;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The kit's own lifecycle, checked by running user-like test classes in a JUnit launcher inside this JVM, as a
 * build tool runs them: the classes that ask for the same stack share one (one start, the same processes), a class
 * whose test fails does not stop it for the others, and when the run ends every process the stack started is gone:
 * this JVM has the same child processes as before the run. The users also exercise the helpers (an order placed
 * and canceled through oms-service, at a price from ingest's book) and a simulator's faults.
 */
class KitLifecycleIT {
    // The user classes are not named *IT or *Test, so that Failsafe and Surefire never run them themselves.

    /** What each user class saw: its name and the stack's child processes. */
    private static final Queue<Seen> SEEN = new ConcurrentLinkedQueue<>();

    private record Seen(String testClass, ExchangeBusStack stack, List<Long> pids) {
    }

    @ExchangeBusTest(exchanges = "binance-usdm", services = {Service.INGEST, Service.OMS})
    static class FirstUser {
        private static final Duration TIMEOUT = Duration.ofSeconds(30);

        @Test
        void shouldPlaceAndCancelAnOrderThroughTheHelpers(ExchangeBusStack stack) {
            SEEN.add(new Seen(getClass().getSimpleName(), stack, stack.childPids()));
            SimulatorHandle binance = stack.simulator("binance-usdm");
            String symbol = binance.symbols().get(0);
            BookUpdate book = stack.books().latest(binance.exchange(), symbol, TIMEOUT);
            BigDecimal lowestBid = book.getBids().get(book.getBids().size() - 1).getPrice();
            String clientOrderId = "kit-" + UUID.randomUUID().toString().substring(0, 8);
            PlaceOrder place = PlaceOrder.newBuilder().setClientOrderId(clientOrderId).setSymbol(symbol)
                    .setInstrumentId(binance.instrumentId(symbol)).setSide(Side.BUY).setOrderType(OrderType.LIMIT)
                    .setTimeInForce(null).setQuantity(new BigDecimal("0.005")).setPrice(lowestBid)
                    .setStopPrice(null).setReduceOnly(false).setGoodTillTime(null).build();
            CancelOrder cancel = CancelOrder.newBuilder().setSymbol(symbol).setInstrumentId(place.getInstrumentId())
                    .setClientOrderId(clientOrderId).setExchangeOrderId(null).build();

            OrderAck placed = stack.orders().sendAndAwaitAck(command(binance, place), TIMEOUT);
            OrderUpdate resting = stack.orders().awaitUpdate(binance.exchange(), binance.account(), clientOrderId,
                    u -> u.getStatus() == OrderStatus.NEW, TIMEOUT);
            OrderAck canceled = stack.orders().sendAndAwaitAck(command(binance, cancel), TIMEOUT);
            OrderUpdate gone = stack.orders().awaitUpdate(binance.exchange(), binance.account(), clientOrderId,
                    u -> u.getStatus() == OrderStatus.CANCELED, TIMEOUT);

            assertThat(placed.getStatus()).isEqualTo(AckStatus.ACCEPTED);
            assertThat(placed.getClientOrderId()).isEqualTo(clientOrderId);
            assertThat(resting.getPrice()).isEqualByComparingTo(lowestBid);
            assertThat(canceled.getStatus()).isEqualTo(AckStatus.ACCEPTED);
            assertThat(gone.getFilledQuantity()).isZero();
        }

        private static OrderCommand command(SimulatorHandle simulator, Object action) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return OrderCommand.newBuilder().setCommandId(UUID.randomUUID().toString())
                    .setExchange(simulator.exchange()).setAccount(simulator.account()).setCreatedAt(now)
                    .setExpiresAt(now.plusSeconds(30)).setAction(action).build();
        }
    }

    @ExchangeBusTest(exchanges = "binance-usdm", services = {Service.INGEST, Service.OMS})
    static class SecondUser {
        @Test
        void shouldSeeTheSameStackAndInjectFaultsInItsSimulator(ExchangeBusStack stack) throws Exception {
            SEEN.add(new Seen(getClass().getSimpleName(), stack, stack.childPids()));
            SimulatorHandle binance = stack.simulator("binance-usdm");
            URI time = URI.create(binance.connection().restUrl() + "/fapi/v1/time");

            binance.faults().answerRateLimited(429, Duration.ofSeconds(1), 1);

            assertThat(get(time).statusCode()).isEqualTo(429);
            assertThat(get(time).statusCode()).isEqualTo(200);
            assertThat(binance.account()).isEqualTo("perp");
        }

        private static HttpResponse<String> get(URI uri) throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @ExchangeBusTest(exchanges = "binance-usdm", services = {Service.INGEST, Service.OMS})
    static class FailingUser {
        @Test
        void shouldFail(ExchangeBusStack stack) {
            SEEN.add(new Seen(getClass().getSimpleName(), stack, stack.childPids()));
            throw new AssertionError("a user's test that fails");
        }
    }

    @Test
    void shouldShareOneStackBetweenClassesAndLeaveNoProcessAfterARunWithAFailingTest() {
        SEEN.clear();
        Set<Long> before = childProcesses();

        TestExecutionSummary summary = run(FirstUser.class, SecondUser.class, FailingUser.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures()).singleElement()
                .satisfies(f -> assertThat(f.getException()).hasMessage("a user's test that fails"));
        assertThat(SEEN).extracting(Seen::testClass)
                .containsExactlyInAnyOrder("FirstUser", "SecondUser", "FailingUser");
        assertThat(SEEN.stream().map(Seen::stack).distinct()).as("one stack for the three classes").hasSize(1);
        List<Long> stackPids = SEEN.peek().pids();
        assertThat(stackPids).as("ingest, the OMS and the registry, as processes").hasSize(3);
        assertThat(stackPids).noneMatch(before::contains);
        assertThat(stackPids).as("the stack's processes after the run")
                .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(childProcesses()).as("this JVM's child processes after the run").isEqualTo(before);
    }

    private static TestExecutionSummary run(Class<?>... classes) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toList())
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    private static Set<Long> childProcesses() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
