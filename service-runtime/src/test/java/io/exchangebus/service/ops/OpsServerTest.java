package io.exchangebus.service.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ops endpoints over real HTTP. */
class OpsServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ServiceMetrics metrics = new ServiceMetrics("ingest", "ingest-1");
    private final ReadinessChecks readiness = new ReadinessChecks();
    private OpsServer server;

    @BeforeEach
    void start() {
        server = OpsServer.start(0, metrics, readiness);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswerLiveWhileRunning() throws Exception {
        HttpResponse<String> live = get("/health/live");

        assertThat(server.port()).isPositive();
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void shouldTurnReadyOnlyWhenEveryCheckPasses() throws Exception {
        AtomicBoolean connected = new AtomicBoolean(false);
        readiness.register("exchange-connection", connected::get);
        readiness.register("kafka-producer", () -> true);
        readiness.register("broken-check", () -> {
            throw new IllegalStateException("boom");
        });

        HttpResponse<String> notReady = get("/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("{\"status\":\"DOWN\",\"failing\":[\"broken-check\","
                + "\"exchange-connection\"]}");

        readiness.remove("broken-check");
        connected.set(true);
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"checks\":[\"exchange-connection\","
                + "\"kafka-producer\"]}");
    }

    @Test
    void shouldServeMetricsWithServiceAndInstanceTags() throws Exception {
        metrics.messagesIn("market.book.v1").increment(3);
        metrics.endToEndLatency("market.book.v1").record(java.time.Duration.ofMillis(12));
        metrics.consumerLag("orders.commands.v1", () -> 42);

        HttpResponse<String> scrape = get("/metrics");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/plain"));
        assertThat(scrape.body())
                .contains("exbus_messages_in_total{instance=\"ingest-1\",service=\"ingest\",topic=\"market.book.v1\"}"
                        + " 3.0")
                .contains("exbus_end_to_end_latency_seconds_bucket{instance=\"ingest-1\",service=\"ingest\","
                        + "topic=\"market.book.v1\",le=")
                .contains("exbus_consumer_lag{instance=\"ingest-1\",service=\"ingest\",topic=\"orders.commands.v1\"}"
                        + " 42.0");
    }

    @Test
    void shouldAnswerUnknownPathsWithNotFound() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRefuseASecondCheckWithTheSameName() {
        readiness.register("kafka", () -> true);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> readiness.register("kafka", () -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'kafka'");
    }

    @Test
    void shouldServeAServiceRouteBesideTheOpsEndpoints() throws Exception {
        server.route("/subscriptions", exchange -> {
            byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });

        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/subscriptions/btc")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(deleted.body()).isEqualTo("DELETE /subscriptions/btc");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.route("/metrics", e -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
