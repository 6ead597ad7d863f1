package io.exchangebus.ingest;

import io.exchangebus.service.ServiceRunner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Ingest run in this JVM by its {@link ServiceRunner}, as {@code main} runs it, with HTTP to its ops port. */
final class RunningIngest implements AutoCloseable {
    private final ServiceRunner runner;
    private final Thread thread;
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningIngest(ServiceRunner runner, Thread thread) {
        this.runner = runner;
        this.thread = thread;
    }

    /** Starts ingest with the configuration {@code yaml} and waits until it has started. */
    static RunningIngest start(Path dir, String yaml) throws Exception {
        Path file = Files.writeString(Files.createTempFile(dir, "ingest", ".yaml"), yaml);
        ServiceRunner runner = new ServiceRunner(IngestMain.SERVICE, IngestKeys.SCHEMA, Map.of(), System.err);
        RunningIngest[] self = new RunningIngest[1];
        Thread thread = new Thread(() -> self[0].exitCode.set(
                runner.run(new String[] {"--config", file.toString()}, IngestMain::create)), "ingest-under-test");
        self[0] = new RunningIngest(runner, thread);
        thread.start();
        if (!runner.awaitStarted(Duration.ofSeconds(60)) || !thread.isAlive()) {
            thread.join(10_000);
            throw new AssertionError("ingest did not start: exit code " + self[0].exitCode.get());
        }
        return self[0];
    }

    int opsPort() {
        return runner.opsPort();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops it as SIGTERM would, waits, and returns the exit code. */
    int stop() throws InterruptedException {
        runner.stop();
        thread.join(60_000);
        return exitCode.get();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + opsPort() + path);
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            stop();
        }
    }
}
