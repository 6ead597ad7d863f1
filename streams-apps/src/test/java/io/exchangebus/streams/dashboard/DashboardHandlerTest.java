package io.exchangebus.streams.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /dashboard} on a real JDK HTTP server with two threads, as the ops server has: the page and the live feed,
 * without Kafka (the state is filled by hand and pushes are made by the test).
 */
@Timeout(60)
class DashboardHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CLIENTS = 3;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DashboardState state = new DashboardState(5);
    private final DashboardClients clients = new DashboardClients(MAX_CLIENTS, new DashboardMetrics(meters));
    private final FeedPusher pusher = new FeedPusher(state, clients,
            new DashboardSettings(5, Duration.ofMillis(250), MAX_CLIENTS, Duration.ofMillis(50)));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<SseConnection> connections = new ArrayList<>();
    private HttpServer server;
    private ExecutorService threads;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        threads = Executors.newFixedThreadPool(2);
        server.setExecutor(threads);
        server.createContext(DashboardHandler.PATH, new DashboardHandler(clients));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (SseConnection connection : connections) {
            connection.close();
        }
        clients.closeAll();
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void shouldSendASnapshotFirstThenOnlyTheLatestValueOfEachChangedKey() throws Exception {
        state.apply(FeedKind.BOOK, "binance-spot:BTCUSDT", "{\"sequence\":1}");
        state.apply(FeedKind.TRADE, "binance-spot:BTCUSDT", "{\"tradeId\":\"t1\"}");
        SseConnection feed = open();
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.header("Content-Type")).startsWith("text/event-stream");
        assertThat(feed.header("Cache-Control")).isEqualTo("no-store");
        await(clients::anyJoining);

        pusher.push();
        SseConnection.Event snapshot = feed.next();
        state.apply(FeedKind.BOOK, "binance-spot:BTCUSDT", "{\"sequence\":2}");
        state.apply(FeedKind.BOOK, "binance-spot:BTCUSDT", "{\"sequence\":3}");
        state.apply(FeedKind.BBO, "BTC-USDT", "{\"bestBidPrice\":\"64000.1\"}");
        pusher.push();
        SseConnection.Event changes = feed.next();

        assertThat(snapshot.name()).isEqualTo(FeedMessages.SNAPSHOT);
        assertThat(values(snapshot)).containsExactly("{\"sequence\":1}", "{\"tradeId\":\"t1\"}");
        assertThat(changes.name()).isEqualTo(FeedMessages.CHANGES);
        assertThat(values(changes)).containsExactly("{\"sequence\":3}", "{\"bestBidPrice\":\"64000.1\"}");
        assertThat(meters.get(DashboardMetrics.ITEMS_PUSHED).counter().count()).isEqualTo(4);
    }

    @Test
    void shouldServeThePageWhileMoreFeedsAreOpenThanTheServerHasThreads() throws Exception {
        for (int i = 0; i < MAX_CLIENTS; i++) {
            assertThat(open().status()).isEqualTo(200);
        }

        HttpResponse<String> page = get("/dashboard");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
        assertThat(page.body()).contains("<script src=\"/dashboard/app.js\"", "id=\"connection\"");
        assertThat(meters.get(DashboardMetrics.CLIENTS).gauge().value()).isEqualTo(MAX_CLIENTS);
    }

    @Test
    void shouldAnswer503ToOneFeedMoreThanAllowed() throws Exception {
        for (int i = 0; i < MAX_CLIENTS; i++) {
            open();
        }

        HttpResponse<String> refused = get("/dashboard/events");

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(clients.size()).isEqualTo(MAX_CLIENTS);
    }

    @Test
    void shouldForgetAClientThatWentAwayAndTakeANewOneInItsPlace() throws Exception {
        for (int i = 0; i < MAX_CLIENTS; i++) {
            openFed();
        }
        SseConnection leaving = connections.get(0);

        leaving.close();
        // Heartbeats (every 50 ms here) find the closed connection: the first write after the close may still
        // succeed, the next fails.
        await(() -> {
            pusher.push();
            return clients.size() == MAX_CLIENTS - 1;
        });

        assertThat(meters.get(DashboardMetrics.CLIENTS_DROPPED).tag("reason", "write-failed").counter().count())
                .isEqualTo(1);
        assertThat(open().status()).isEqualTo(200);
    }

    @Test
    void shouldSendHeartbeatsToAQuietFeed() throws Exception {
        SseConnection feed = openFed();

        Thread.sleep(60);
        pusher.push();

        assertThat(feed.next()).isEqualTo(new SseConnection.Event(":", "heartbeat"));
    }

    @Test
    void shouldServeTheScriptAndStyleAndNothingElse() throws Exception {
        HttpResponse<String> script = get("/dashboard/app.js");
        HttpResponse<String> style = get("/dashboard/style.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("new EventSource('/dashboard/events')");
        assertThat(style.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(get("/dashboard/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(get("/dashboard/nothing.js").statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(uri("/dashboard")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    @Test
    void shouldNotLoadAnythingFromAnotherOrigin() throws Exception {
        String page = get("/dashboard").body() + get("/dashboard/app.js").body() + get("/dashboard/style.css").body();

        assertThat(page).doesNotContain("http://", "https://", "//cdn", "@import", "url(");
    }

    private SseConnection open() throws Exception {
        SseConnection connection = new SseConnection(server.getAddress().getPort(), DashboardHandler.EVENTS);
        connections.add(connection);
        return connection;
    }

    /** A feed that has had its snapshot. */
    private SseConnection openFed() throws Exception {
        SseConnection connection = open();
        await(clients::anyJoining);
        pusher.push();
        assertThat(connection.next().name()).isEqualTo(FeedMessages.SNAPSHOT);
        return connection;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static List<String> values(SseConnection.Event event) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(event.data()).get("items").forEach(item -> out.add(item.get("value").toString()));
        return out;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
