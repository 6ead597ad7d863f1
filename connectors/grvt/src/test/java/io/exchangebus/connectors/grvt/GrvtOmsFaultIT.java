package io.exchangebus.connectors.grvt;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.grvt.testing.GrvtSimulatorProbe;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An OMS killed (closed) between sending a create and its answer places exactly one order: the next OMS either
 * re-sends the identical signed payload (GRVT ignores it as a duplicate) or finds the order by client order id.
 */
class GrvtOmsFaultIT {

    private GrvtSimulatorProbe sim;
    private GrvtOmsHarness first;
    private GrvtOmsHarness second;

    @BeforeEach
    void start() {
        sim = GrvtSimulatorProbe.start();
    }

    @AfterEach
    void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        sim.close();
    }

    @Test
    void shouldPlaceOneOrderWhenARestartedOmsResendsTheIdenticalPayload() throws Exception {
        GrvtSignedOrders store = new GrvtSignedOrders();
        first = new GrvtOmsHarness(sim, store, Deaf::new); // killed before it read the order on v1.order
        PlaceOrder order = first.limit(Side.BUY, min(), sim.passiveBuyPrice());
        Result<OrderAccepted> lost = killedBetweenSendAndAnswer(order);
        assertThat(lost.error().kind()).isIn(ErrorKind.NETWORK, ErrorKind.TIMEOUT);
        String sentPayload = store.payload(order.getClientOrderId()).orElseThrow();

        second = new GrvtOmsHarness(sim, store);
        Result<OrderAccepted> retried = second.get(second.oms.place(order));

        assertThat(retried.isOk()).as("retried: %s", retried).isTrue();
        assertThat(store.payload(order.getClientOrderId())).hasValue(sentPayload); // no second signature
        Thread.sleep(300);
        assertThat(sim.clientOrderIdsReceived()).containsExactly(order.getClientOrderId());
        assertThat(openOrders()).isEqualTo(1);
    }

    @Test
    void shouldFindTheOrderByClientOrderIdFromANewOmsInstanceInsteadOfResending() throws Exception {
        first = new GrvtOmsHarness(sim, new GrvtSignedOrders());
        PlaceOrder order = first.limit(Side.BUY, min(), sim.passiveBuyPrice());
        killedBetweenSendAndAnswer(order);

        second = new GrvtOmsHarness(sim, new GrvtSignedOrders()); // another process: nothing kept
        Optional<OrderUpdate> found = second.get(second.oms.findOrder(order.getSymbol(), order.getClientOrderId()))
                .value();

        assertThat(found).hasValueSatisfying(u -> {
            assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW);
            assertThat(u.getExchangeOrderId()).isNotEqualTo("0x00");
        });
        assertThat(sim.clientOrderIdsReceived()).containsExactly(order.getClientOrderId());
    }

    @Test
    void shouldPlaceOneOrderWhenARateLimitedCreateIsRetried() throws Exception {
        first = new GrvtOmsHarness(sim, new GrvtSignedOrders());
        PlaceOrder order = first.limit(Side.BUY, min(), sim.passiveBuyPrice());
        sim.simulator().faults().answerRateLimited(429, Duration.ofMillis(100), 1);

        Result<OrderAccepted> limited = first.get(first.oms.place(order));
        Result<OrderAccepted> retried = first.get(first.oms.place(order));

        assertThat(limited.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(limited.error().retryable()).isTrue();
        assertThat(retried.value().exchangeOrderId()).isNotNull();
        assertThat(sim.clientOrderIdsReceived()).containsExactly(order.getClientOrderId());
    }

    /** Sends {@code order} with its answer withheld, waits until GRVT has it, then closes the OMS. */
    private Result<OrderAccepted> killedBetweenSendAndAnswer(PlaceOrder order) throws Exception {
        sim.simulator().faults().withholdAnswersTo(GrvtOrderEntry.CREATE);
        CompletableFuture<Result<OrderAccepted>> pending = first.oms.place(order);
        GrvtOmsHarness.until("the simulator received the order", () -> sim.clientOrderIdsReceived().size() == 1);
        first.close();
        first = null;
        sim.simulator().faults().reset();
        return pending.get(GrvtOmsHarness.TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    private int openOrders() throws Exception {
        return second.get(second.oms.cancelAll(io.exchangebus.events.CancelAll.newBuilder().setSymbol(null)
                .setInstrumentId(null).build())).value();
    }

    /** A channel whose stream frames are lost, as for a process that dies before reading them. */
    private static final class Deaf implements GrvtOrderChannel {
        private final GrvtOrderChannel inner;

        Deaf(GrvtOrderChannel inner) {
            this.inner = inner;
        }

        @Override
        public CompletableFuture<Result<Void>> open(java.util.List<Stream> streams,
                                                    java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> frames,
                                                    java.util.function.Consumer<String> unrouted,
                                                    io.exchangebus.connectors.core.connection.ConnectionListener l) {
            return inner.open(streams, frame -> { }, unrouted, l);
        }

        @Override
        public CompletableFuture<Result<com.fasterxml.jackson.databind.JsonNode>> request(
                String method, com.fasterxml.jackson.databind.JsonNode params) {
            return inner.request(method, params);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private String min() {
        return sim.instrument().rules().minQuantity().toPlainString();
    }
}
