package io.exchangebus.benchmarks.pipeline;

import io.exchangebus.localstack.process.ChildProcess;
import io.exchangebus.localstack.process.Classpath;
import io.exchangebus.localstack.process.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One ExchangeBus service run as it is deployed: its own JVM ({@code java -cp … <Main> --config <yaml>}, started by
 * local-stack's {@link ChildProcess}, so that it dies with this JVM), its ops port on loopback, its output in
 * {@code <workDir>/<name>.log}. Started when {@code /health/ready} answers 200.
 */
final class ServiceProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final ChildProcess child;
    private final int opsPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(ChildProcess child, int opsPort) {
        this.child = child;
        this.opsPort = opsPort;
    }

    /**
     * Starts {@code mainClass} of this class path with the configuration {@code yaml.apply(opsPort)} and waits until
     * it is ready.
     *
     * @throws IllegalStateException if it exits or is not ready within 90 s (with the tail of its log)
     */
    static ServiceProcess start(String name, String mainClass, Path workDir, List<String> jvmOptions,
                                IntFunction<String> yaml) {
        int port = Ports.freeLoopbackPorts(1).get(0);
        Path config = workDir.resolve(name + ".yaml");
        try {
            Files.writeString(config, yaml.apply(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcess child = ChildProcess.start(name, workDir, Classpath.current(), jvmOptions, mainClass,
                List.of("--config", config.toString()));
        ServiceProcess service = new ServiceProcess(child, port);
        service.awaitReady();
        return service;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new IllegalStateException(child.name() + " exited before it was ready: " + child.describe(40));
            }
            try {
                if (get("/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            pause(200);
        }
        child.stop(STOP_GRACE);
        throw new IllegalStateException(child.name() + " not ready within " + READY_TIMEOUT.toSeconds() + " s: "
                + child.describe(40));
    }

    int opsPort() {
        return opsPort;
    }

    boolean isAlive() {
        return child.isAlive();
    }

    /** Where its stdout and stderr go. */
    Path logFile() {
        return child.logFile();
    }

    /** A one-line state and the tail of its log, for failure messages. */
    String describe() {
        return child.describe(40);
    }

    /** {@code GET http://127.0.0.1:<opsPort><path>}. */
    HttpResponse<String> get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Stops it as SIGTERM does (graceful), killing it after 20 s. */
    @Override
    public void close() {
        child.stop(STOP_GRACE);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
