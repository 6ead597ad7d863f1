package io.exchangebus.pms;

import io.exchangebus.localstack.LocalStack;
import io.exchangebus.service.ServiceFactory;
import io.exchangebus.service.ServiceRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code pms-service} run by the real {@link ServiceRunner} on a thread of the test, from a YAML file. */
final class RunningService implements AutoCloseable {
    private final ServiceRunner runner;
    private final CompletableFuture<Integer> exit;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newHttpClient();

    RunningService(LocalStack stack, Path dir, String yaml, ServiceFactory factory) throws Exception {
        Path config = Files.writeString(dir.resolve("pms-service.yaml"), yaml);
        Map<String, String> env = Map.of(
                "EXBUS_KAFKA__BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", stack.registryUrl(),
                "EXBUS_SERVICE__HTTP_PORT", "0",
                "EXBUS_SERVICE__SHUTDOWN_TIMEOUT", "10s",
                "EXBUS_SERVICE__INSTANCE_ID", "pms-it");
        this.runner = new ServiceRunner(PmsServiceMain.SERVICE_NAME, PmsKeys.SCHEMA, env,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        this.exit = CompletableFuture.supplyAsync(() -> runner.run(new String[] {"--config", config.toString()},
                factory));
        if (!runner.awaitStarted(Duration.ofSeconds(40)) || exit.isDone()) {
            throw new IllegalStateException("pms-service did not start: exit " + exit.getNow(null) + " " + err);
        }
    }

    /** Waits until {@code GET /health/ready} answers 200; whether it did within {@code timeout}. */
    boolean awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (get("/health/ready").statusCode() == 200) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The Prometheus text of {@code GET /metrics}. */
    String metrics() throws Exception {
        return get("/metrics").body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.opsPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the service as SIGTERM does; its exit code. */
    int stop() throws Exception {
        runner.stop();
        return exit.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (!exit.isDone()) {
            stop();
        }
    }
}
