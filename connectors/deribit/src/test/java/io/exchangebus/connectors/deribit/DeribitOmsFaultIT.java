package io.exchangebus.connectors.deribit;

import static io.exchangebus.connectors.deribit.DeribitOmsHarness.PERP;
import static io.exchangebus.connectors.deribit.DeribitOmsHarness.await;
import static io.exchangebus.connectors.deribit.DeribitOmsHarness.order;
import static io.exchangebus.connectors.deribit.DeribitOmsHarness.placed;
import static io.exchangebus.connectors.deribit.DeribitOmsHarness.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.deribit.testing.DeribitSimulatorProbe;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import java.math.BigDecimal;
import io.exchangebus.events.CancelOrder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DeribitOms} when answers are lost, the process dies, or the connection drops. */
class DeribitOmsFaultIT {

    private DeribitSimulatorProbe probe;

    @BeforeEach
    void start() {
        probe = DeribitSimulatorProbe.start(); // Deribit's lowest matching-engine tier: 5 a second, burst 20
    }

    @AfterEach
    void stop() {
        probe.close();
    }

    private PlaceOrder restingBuy() {
        return order(PERP, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, BigDecimal.TEN)
                .setPrice(probe.passiveBuyPrice()).build();
    }

    @Test
    void shouldFindAnOrderWhoseAnswerWasLostAfterARestartAndNeverPlaceItTwice() throws Exception {
        PlaceOrder order = restingBuy();
        Result<OrderAccepted> lost;
        try (DeribitOmsHarness first = DeribitOmsHarness.connected(probe, Duration.ofSeconds(2), Optional.empty())) {
            probe.simulator().faults().withholdAnswersTo("private/buy");

            lost = await(first.oms.place(order));
        } // closed as if the process died before it heard the answer
        probe.simulator().faults().reset();

        try (DeribitOmsHarness second = DeribitOmsHarness.connected(probe, Duration.ofSeconds(5), Optional.empty())) {
            Result<Optional<OrderUpdate>> found = await(second.oms.findOrder(PERP, order.getClientOrderId()));

            assertThat(lost.isOk()).isFalse();
            assertThat(lost.error().kind()).isIn(ErrorKind.TIMEOUT, ErrorKind.NETWORK);
            assertThat(found.isOk()).as("found: %s", found).isTrue();
            assertThat(found.value()).hasValueSatisfying(u -> {
                assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW);
                assertThat(u.getClientOrderId()).isEqualTo(order.getClientOrderId());
                assertThat(u.getPrice()).isEqualByComparingTo(order.getPrice());
            });
            assertThat(placed(probe)).isEqualTo(1);
            assertThat(await(second.oms.findOrder(PERP, "never-sent")).value()).isEmpty();

            Result<OrderAccepted> canceled = await(second.oms.cancel(CancelOrder.newBuilder().setSymbol(PERP)
                    .setInstrumentId("BTC-USD-PERP").setClientOrderId(order.getClientOrderId())
                    .setExchangeOrderId(null).build())); // this OMS never saw its id: by label
            assertThat(canceled.isOk()).as("canceled: %s", canceled).isTrue();
            assertThat(await(second.oms.findOrder(PERP, order.getClientOrderId())).value())
                    .hasValueSatisfying(u -> assertThat(u.getStatus()).isEqualTo(OrderStatus.CANCELED));
        }
    }

    @Test
    void shouldSlowDownOrderRequestsToTheMatchingEngineTierRatherThanBeRefused() throws Exception {
        try (DeribitOmsHarness h = DeribitOmsHarness.connected(probe, Duration.ofSeconds(10), Optional.empty(),
                DeribitOms.limits(Clock.systemUTC()))) {
            long started = System.nanoTime();
            List<CompletableFuture<Result<OrderAccepted>>> sent = new ArrayList<>();
            for (int i = 0; i < 28; i++) {
                sent.add(h.oms.place(restingBuy()));
            }
            List<Result<OrderAccepted>> answers = new ArrayList<>();
            for (CompletableFuture<Result<OrderAccepted>> f : sent) {
                answers.add(await(f));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answers).allSatisfy(a -> assertThat(a.isOk()).as("%s", a).isTrue());
            // 28 orders: the burst of 20 less the headroom at once, the other 12 at 5 a second
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(2200));
            assertThat(placed(probe)).isEqualTo(28);
        }
    }

    @Test
    void shouldReportTheOrdersCanceledOnDisconnectOnceReconnected() throws Exception {
        try (DeribitOmsHarness h = DeribitOmsHarness.connected(probe, Duration.ofSeconds(5),
                Optional.of("connection"))) {
            PlaceOrder order = restingBuy();
            assertThat(await(h.oms.place(order)).isOk()).isTrue();
            until("NEW reported", () -> h.of(order.getClientOrderId()).stream()
                    .anyMatch(u -> u.getStatus() == OrderStatus.NEW));

            probe.dropConnections();

            until("a reconnect", () -> h.events.stream().anyMatch(e -> e.state() == ConnectionState.DISCONNECTED)
                    && h.events.get(h.events.size() - 1).state() == ConnectionState.CONNECTED);
            until("CANCELED reported after the reconnect", () -> h.of(order.getClientOrderId()).stream()
                    .anyMatch(u -> u.getStatus() == OrderStatus.CANCELED));
            OrderUpdate canceled = h.of(order.getClientOrderId()).stream()
                    .filter(u -> u.getStatus() == OrderStatus.CANCELED).findFirst().orElseThrow();
            assertThat(canceled.getReason()).isEqualTo("cancel_on_disconnect");
            assertThat(canceled.getSource()).isEqualTo(EventSource.RECOVERY); // read again after the reconnect
        }
    }
}
