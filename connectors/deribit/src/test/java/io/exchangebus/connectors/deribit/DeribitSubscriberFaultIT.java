package io.exchangebus.connectors.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.contract.ReplayedBook;
import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.auth.DeribitToken;
import io.exchangebus.connectors.deribit.config.DeribitConfig;
import io.exchangebus.connectors.deribit.testing.DeribitSimulatorProbe;
import io.exchangebus.connectors.deribit.ws.DeribitRpc;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.Trade;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults of the Deribit transport and Subscriber against exchange-sim's Deribit simulator over real sockets: a
 * {@code change_id} gap, a test request left unanswered, an access token that expires, and 10028.
 */
class DeribitSubscriberFaultIT {

    private static final int DEPTH = 10;

    private final List<BookUpdate> books = new CopyOnWriteArrayList<>();
    private final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stallOnce = new AtomicBoolean();
    private DeribitSimulatorProbe probe;
    private DeribitSubscriber subscriber;

    @AfterEach
    void close() {
        if (subscriber != null) {
            subscriber.close();
        }
        if (probe != null) {
            probe.close();
        }
    }

    private void start(Consumer<io.exchangebus.sim.deribit.DeribitSimulator.Builder> sim, boolean loggedIn) {
        probe = DeribitSimulatorProbe.start(sim);
        DeribitConfig config = loggedIn ? probe.accountConfig(DeribitGrantType.CLIENT_SIGNATURE)
                : probe.publicConfig();
        subscriber = new DeribitSubscriber(config, probe.instruments());
        assertThat(subscriber.connect(new Subscriber.Listener() {
            @Override
            public void onBookUpdate(BookUpdate update) {
                books.add(update);
                if (stallOnce.compareAndSet(true, false)) {
                    sleep(1500); // a stalled consumer: the test request waits behind this frame
                }
            }

            @Override
            public void onTrade(Trade trade) {
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                events.add(event);
            }
        }).join().isOk()).isTrue();
        Result<?> subscribed = subscriber.subscribeOrderBook(probe.instrument().id(), 0, Duration.ZERO).join();
        assertThat(subscribed.isOk()).as("%s", subscribed).isTrue();
        await("a first snapshot", () -> !books.isEmpty());
    }

    @Test
    void shouldResyncAfterAChangeIdGapToTheBookOfGetOrderBook() {
        start(b -> { }, true);

        probe.skipSequence();

        await("a resync snapshot", () -> books.stream().anyMatch(BookUpdate::getResync));
        await("the book equal to public/get_order_book", () -> ReplayedBook.of(new ArrayList<>(books))
                .topEquals(orderBookOverHttp(), DEPTH));
        assertThat(connected()).isEqualTo(1);
    }

    @Test
    void shouldReconnectLogInResubscribeAndResyncAfterAMissedTestRequest() {
        start(b -> b.heartbeatSecond(Duration.ofMillis(30)), true);
        await("test requests answered", () -> subscriber.rpc().testRequestsAnswered() >= 3);

        int before = books.size();
        stallOnce.set(true);

        await("the socket closed by the server", () -> events.stream()
                .anyMatch(e -> e.state() == ConnectionState.DISCONNECTED));
        await("connected again", () -> connected() == 2);
        await("a resync snapshot on the raw channel", () -> resyncSince(before));
        await("the book equal to the simulator's", this::equalsTruth);
    }

    @Test
    void shouldRenewAnExpiringTokenOnTheSameSocket() {
        start(b -> b.tokenLifetime(Duration.ofSeconds(3)), true);
        DeribitToken first = subscriber.rpc().auth().credential().join().value();

        await("a renewed token", () -> !subscriber.rpc().auth().credential().join().value().accessToken()
                .equals(first.accessToken()));
        sleep(3500); // past the first token's expiry

        Result<JsonNode> privateCall = subscriber.rpc().request("private/subscribe",
                DeribitRpcParams.channels("ticker.BTC-PERPETUAL.100ms")).join();
        assertThat(privateCall.isOk()).as("%s", privateCall).isTrue();
        assertThat(connected()).isEqualTo(1);
        int before = books.size();
        await("book updates still flowing", () -> books.size() > before);
    }

    @Test
    void shouldBackOffAfterTooManyRequestsAndStartANewSession() {
        start(b -> b.nonMatchingEngineCredits(500, 1500, 500), true);
        DeribitRpc rpc = subscriber.rpc();

        int before = books.size();
        List<CompletableFuture<Result<JsonNode>>> burst = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            burst.add(rpc.request("public/get_time", JsonNodeFactory.instance.objectNode()));
        }

        List<Result<JsonNode>> answers = burst.stream().map(CompletableFuture::join).toList();
        Result<JsonNode> refused = answers.stream().filter(r -> !r.isOk()).findFirst().orElseThrow();
        assertThat(refused.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(rpc.limits().refusal()).isPresent();
        await("a new session", () -> rpc.sessionsStarted() == 2 && rpc.state() == ConnectionState.CONNECTED);
        assertThat(rpc.limits().refusal()).isEmpty();
        await("a resync snapshot in the new session", () -> resyncSince(before));
        await("the book equal to the simulator's", this::equalsTruth);
    }

    private boolean resyncSince(int index) {
        List<BookUpdate> all = new ArrayList<>(books);
        return all.subList(index, all.size()).stream().anyMatch(BookUpdate::getResync);
    }

    private long connected() {
        return events.stream().filter(e -> e.state() == ConnectionState.CONNECTED).count();
    }

    private boolean equalsTruth() {
        return ReplayedBook.of(new ArrayList<>(books)).topEquals(probe.trueBook(DEPTH), DEPTH);
    }

    /** {@code public/get_order_book} of the simulator over HTTP, as the venue answers it. */
    private SimulatorProbe.TrueBook orderBookOverHttp() {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(probe.simulator()
                            .restBaseUri() + "/public/get_order_book?instrument_name=BTC-PERPETUAL&depth=" + DEPTH))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonNode result = ExactNumbers.exactMapper().readTree(body).get("result");
            return new SimulatorProbe.TrueBook(levels(result.get("bids")), levels(result.get("asks")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map.Entry<BigDecimal, BigDecimal>> levels(JsonNode side) {
        List<Map.Entry<BigDecimal, BigDecimal>> out = new ArrayList<>();
        side.forEach(l -> out.add(Map.entry(l.get(0).decimalValue(), l.get(1).decimalValue())));
        return out;
    }

    static void await(String what, BooleanSupplier condition) {
        DeribitSubscriberTest.await(what, condition);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Params of the channel methods. */
    static final class DeribitRpcParams {
        static JsonNode channels(String... channels) {
            com.fasterxml.jackson.databind.node.ObjectNode params = JsonNodeFactory.instance.objectNode();
            com.fasterxml.jackson.databind.node.ArrayNode list = params.putArray("channels");
            for (String c : channels) {
                list.add(c);
            }
            return params;
        }
    }
}
