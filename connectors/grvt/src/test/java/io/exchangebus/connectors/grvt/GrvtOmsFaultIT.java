package io.exchangebus.connectors.grvt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.grvt.testing.GrvtSimulatorProbe;
import io.exchangebus.events.CancelAll;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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

        List<JsonNode> creates = new CopyOnWriteArrayList<>();
        second = new GrvtOmsHarness(sim, store, inner -> new Spy(inner, creates));
        Result<OrderAccepted> retried = second.get(second.oms.place(order));

        assertThat(creates).singleElement().satisfies(p -> assertThat(p.get("order").toString())
                .isEqualTo(sentPayload)); // the very payload signed by the first OMS, not a new signature

        assertThat(retried.isOk()).as("retried: %s", retried).isTrue();
        assertThat(retried.value().exchangeOrderId()).isNotNull().isNotEqualTo("0x00"); // asked by client order id
        assertThat(sim.clientOrderIdsReceived()).hasSize(1); // the identical payload was ignored
        assertThat(store.payload(order.getClientOrderId())).isEmpty(); // found: its fate is known
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

    @Test
    void shouldCancelAfterTheSocketDroppedAndCameBack() throws Exception {
        first = new GrvtOmsHarness(sim, new GrvtSignedOrders());
        PlaceOrder order = first.limit(Side.BUY, min(), sim.passiveBuyPrice());
        first.get(first.oms.place(order));

        sim.dropConnections();
        GrvtOmsHarness.until("a reconnect", () -> first.connection.stream().anyMatch(e -> e.state()
                == ConnectionState.DISCONNECTED)
                && first.connection.get(first.connection.size() - 1).state()
                == ConnectionState.CONNECTED);
        Result<OrderAccepted> canceled = first.get(first.oms.cancel(CancelOrder.newBuilder()
                .setSymbol(order.getSymbol()).setInstrumentId(order.getInstrumentId())
                .setClientOrderId(order.getClientOrderId()).setExchangeOrderId(null).build()));

        assertThat(canceled.value().status()).isEqualTo(OrderStatus.CANCELED);
        first.awaitStatus(order.getClientOrderId(), OrderStatus.CANCELED); // v1.order resubscribed
    }

    /** Sends {@code order} with its answer withheld, waits until GRVT has it, then closes the OMS. */
    private Result<OrderAccepted> killedBetweenSendAndAnswer(PlaceOrder order) throws Exception {
        sim.simulator().faults().withholdAnswersTo(GrvtOrderEntry.CREATE);
        CompletableFuture<Result<OrderAccepted>> pending = first.oms.place(order);
        GrvtOmsHarness.until("the simulator received the order", () -> sim.clientOrderIdsReceived().size() == 1);
        first.close();
        first = null;
        sim.simulator().faults().reset();
        return pending.get(GrvtOmsHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private int openOrders() throws Exception {
        return second.get(second.oms.cancelAll(CancelAll.newBuilder().setSymbol(null)
                .setInstrumentId(null).build())).value();
    }

    /** A channel whose stream frames are lost, as for a process that dies before reading them. */
    private static final class Deaf implements GrvtOrderChannel {
        private final GrvtOrderChannel inner;

        Deaf(GrvtOrderChannel inner) {
            this.inner = inner;
        }

        @Override
        public CompletableFuture<Result<Void>> open(List<Stream> streams, Consumer<JsonNode> frames,
                                                    Consumer<String> unrouted, ConnectionListener l) {
            return inner.open(streams, frame -> { }, unrouted, l);
        }

        @Override
        public CompletableFuture<Result<JsonNode>> request(String method, JsonNode params) {
            return inner.request(method, params);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** A channel that keeps the params of every create it sends. */
    private static final class Spy implements GrvtOrderChannel {
        private final GrvtOrderChannel inner;
        private final List<JsonNode> creates;

        Spy(GrvtOrderChannel inner, List<JsonNode> creates) {
            this.inner = inner;
            this.creates = creates;
        }

        @Override
        public CompletableFuture<Result<Void>> open(List<Stream> streams, Consumer<JsonNode> frames,
                                                    Consumer<String> unrouted, ConnectionListener l) {
            return inner.open(streams, frames, unrouted, l);
        }

        @Override
        public CompletableFuture<Result<JsonNode>> request(String method, JsonNode params) {
            if (method.equals(GrvtOrderEntry.CREATE)) {
                creates.add(params);
            }
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
