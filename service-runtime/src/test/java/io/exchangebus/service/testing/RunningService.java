package io.exchangebus.service.testing;

import io.exchangebus.localstack.LocalStack;
import io.exchangebus.service.ServiceFactory;
import io.exchangebus.service.ServiceRunner;
import io.exchangebus.service.config.ConfigSchema;
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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A service run by the real {@link ServiceRunner} on a thread of the test, from a YAML file, against a
 * {@link LocalStack}: ops server on a free port, instance id {@code <service>-it} unless the environment says.
 */
public final class RunningService implements AutoCloseable {
    private final ServiceRunner runner;
    private final CompletableFuture<Integer> exit;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newHttpClient();

    /** Starts {@code service} from {@code yaml} (written into {@code dir}) and waits until it has started. */
    public RunningService(String service, ConfigSchema schema, LocalStack stack, Path dir, String yaml,
                          ServiceFactory factory) throws Exception {
        this(service, schema, stack, dir, yaml, factory, Map.of());
    }

    /** The same, with more environment variables ({@code EXBUS_...} overrides) over the defaults. */
    public RunningService(String service, ConfigSchema schema, LocalStack stack, Path dir, String yaml,
                          ServiceFactory factory, Map<String, String> environment) throws Exception {
        Path config = Files.writeString(Files.createTempFile(dir, service, ".yaml"), yaml);
        Map<String, String> env = new HashMap<>(Map.of(
                "EXBUS_KAFKA__BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", stack.registryUrl(),
                "EXBUS_SERVICE__HTTP_PORT", "0",
                "EXBUS_SERVICE__SHUTDOWN_TIMEOUT", "10s",
                "EXBUS_SERVICE__INSTANCE_ID", service + "-it"));
        env.putAll(environment);
        this.runner = new ServiceRunner(service, schema, env, new PrintStream(err, true, StandardCharsets.UTF_8));
        this.exit = CompletableFuture.supplyAsync(() -> runner.run(new String[] {"--config", config.toString()},
                factory));
        if (!runner.awaitStarted(Duration.ofSeconds(40)) || exit.isDone()) {
            throw new IllegalStateException(service + " did not start: exit " + exit.getNow(null) + " " + err);
        }
    }

    /** Waits until {@code GET /health/ready} answers 200; whether it did within {@code timeout}. */
    public boolean awaitReady(Duration timeout) throws Exception {
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
    public String metrics() throws Exception {
        return get("/metrics").body();
    }

    /** {@code GET path} on the ops port. */
    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.opsPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the service as SIGTERM does; its exit code. */
    public int stop() throws Exception {
        runner.stop();
        return exit.get(30, TimeUnit.SECONDS);
    }

    /** The port of the ops server (health, metrics and the service's own routes). */
    public int port() {
        return runner.opsPort();
    }

    /** What the runner printed about bad configuration. */
    public String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        if (!exit.isDone()) {
            stop();
        }
    }
}
