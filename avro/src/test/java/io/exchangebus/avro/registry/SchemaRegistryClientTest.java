package io.exchangebus.avro.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.serde.AvroSerializer;
import io.exchangebus.avro.SampleEvents;
import io.exchangebus.events.Trade;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry client's failure paths, against loopback servers that fail on purpose (the real registry cannot be
 * made to answer 500 or to go silent on demand; its normal answers are tested in AvroSerdeIT).
 */
class SchemaRegistryClientTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldFailFastWithAClearErrorWhenNothingListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SchemaRegistryClient client = client("http://127.0.0.1:" + closedPort, Duration.ofSeconds(2), 3);

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isUnavailable()).isTrue();
                    assertThat(e.status()).isZero();
                })
                .hasMessageContaining("http://127.0.0.1:" + closedPort)
                .hasMessageContaining("unavailable after 3 attempts")
                .hasMessageContaining("ConnectException");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldKeepCredentialsInTheUrlOutOfErrorMessages() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SchemaRegistryClient client = client("http://svc-user:s3cr3t-Pa55@127.0.0.1:" + closedPort
                + "/apis/ccompat/v7?token=s3cr3t-T0ken", Duration.ofSeconds(1), 1);

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("http://127.0.0.1:" + closedPort + "/apis/ccompat/v7")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t").doesNotContain("svc-user"));
    }

    @Test
    void shouldTimeOutInsteadOfHangingWhenTheRegistryNeverAnswers() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SchemaRegistryClient client = client("http://127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(300), 2);

            long start = System.nanoTime();
            assertThatThrownBy(() -> client.register("t-value", Trade.getClassSchema()))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.isUnavailable()).isTrue();
                        assertThat(e.subject()).isEqualTo("t-value");
                    })
                    .hasMessageContaining("subject 't-value'")
                    .hasMessageContaining("HttpTimeoutException");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void shouldRetryServerErrorsWithBackoffAndThenSucceed() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        start("/subjects/t-value/versions", exchange -> {
            int n = calls.incrementAndGet();
            respond(exchange, n < 3 ? 503 : 200, n < 3 ? "{\"error_code\":50003,\"message\":\"busy\"}" : "{\"id\":42}");
        });
        SchemaRegistryClient client = client(url(), Duration.ofSeconds(2), 4);

        assertThat(client.register("t-value", Trade.getClassSchema())).isEqualTo(42);
        assertThat(calls).hasValue(3);
        assertThat(client.register("t-value", Trade.getClassSchema())).as("cached").isEqualTo(42);
        assertThat(calls).hasValue(3);
    }

    @Test
    void shouldGiveUpOnPersistentServerErrorsWithTheLastStatusAndReason() throws IOException {
        start("/schemas/ids/7", exchange -> respond(exchange, 500, "{\"error_code\":50001,\"message\":\"store down\"}"));
        SchemaRegistryClient client = client(url(), Duration.ofSeconds(2), 2);

        assertThatThrownBy(() -> client.schemaById(7))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isUnavailable()).isTrue();
                    assertThat(e.status()).isEqualTo(500);
                })
                .hasMessageContaining("HTTP 500").hasMessageContaining("store down");
    }

    @Test
    void shouldNotRetryAClientErrorAndShouldNameSubjectAndReason() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        start("/subjects/t-value/versions", exchange -> {
            calls.incrementAndGet();
            respond(exchange, 422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
        });
        SchemaRegistryClient client = client(url(), Duration.ofSeconds(2), 4);

        assertThatThrownBy(() -> client.register("t-value", Trade.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isUnavailable()).isFalse();
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42201);
                })
                .hasMessage("Schema registry refused subject 't-value' (HTTP 422, error 42201): Invalid schema");
        assertThat(calls).hasValue(1);
    }

    @Test
    void shouldFailASerializerCleanlyWhenTheRegistryIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (AvroSerializer<Trade> serializer = new AvroSerializer<>()) {
            serializer.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, "http://127.0.0.1:" + closedPort,
                    AvroSerdeConfig.MAX_ATTEMPTS, 2), false);

            assertThatThrownBy(() -> serializer.serialize("market.trades.v1", SampleEvents.trade()))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("'market.trades.v1-value'")
                    .hasCauseInstanceOf(SchemaRegistryException.class);
        }
    }

    private interface Handler {
        void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException;
    }

    private void start(String path, Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, handler::handle);
        server.start();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static SchemaRegistryClient client(String url, Duration timeout, int attempts) {
        return new SchemaRegistryClient(new SchemaRegistryClient.Settings(URI.create(url), timeout, attempts,
                Duration.ofMillis(20)));
    }
}
