package io.exchangebus.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One ExchangeBus service run as it is deployed: its own JVM ({@code java -cp … <Main> --config <yaml>}, started as
 * a {@link ChildProcess}, so that it dies with this JVM), its ops port on loopback, its output in
 * {@code <logDir>/<name>.log}. Ready when {@code /health/ready} answers 200.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_LINES = 40;

    private final ChildProcess child;
    private final int opsPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(ChildProcess child, int opsPort) {
        this.child = child;
        this.opsPort = opsPort;
    }

    /**
     * Starts {@code mainClass} of this class path with the configuration {@code yaml.apply(opsPort)} (a free port),
     * written to {@code <workDir>/<name>.yaml}, and waits until it is ready.
     *
     * @throws IllegalStateException if it exits or is not ready within 90 s (with the tail of its log)
     */
    public static ServiceProcess start(String name, String mainClass, Path workDir, List<String> jvmOptions,
                                       IntFunction<String> yaml) {
        int port = Ports.freeLoopbackPorts(1).get(0);
        Path config = workDir.resolve(name + ".yaml");
        try {
            Files.writeString(config, yaml.apply(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServiceProcess service = launch(name, mainClass, workDir, jvmOptions, config, port);
        service.awaitReady(READY_TIMEOUT);
        return service;
    }

    /**
     * Starts {@code mainClass} with {@code --config config}, whose {@code service.http-port} is {@code opsPort}, and
     * returns at once; {@link #awaitReady} waits for it. Several launched together start side by side.
     */
    public static ServiceProcess launch(String name, String mainClass, Path logDir, List<String> jvmOptions,
                                        Path config, int opsPort) {
        ChildProcess child = ChildProcess.start(name, logDir, Classpath.current(), jvmOptions, mainClass,
                List.of("--config", config.toString()));
        return new ServiceProcess(child, opsPort);
    }

    /**
     * Waits until {@code /health/ready} answers 200.
     *
     * @throws IllegalStateException if it exits first, or is not ready within {@code timeout} (then it is
     *                               stopped); the message has the tail of its log
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new IllegalStateException(child.name() + " exited before it was ready: "
                        + child.describe(LOG_LINES));
            }
            try {
                if (get("/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            pause(100);
        }
        child.stop(STOP_GRACE);
        throw new IllegalStateException(child.name() + " not ready within " + timeout.toSeconds() + " s: "
                + child.describe(LOG_LINES));
    }

    /** Stops {@code services} together: SIGTERM to all, SIGKILL to those still running after {@code grace}. */
    public static void stopAll(Collection<ServiceProcess> services, Duration grace) {
        ChildProcess.stopAll(services.stream().map(s -> s.child).toList(), grace);
    }

    public String name() {
        return child.name();
    }

    public int opsPort() {
        return opsPort;
    }

    /** The service's process id (its JVM). */
    public long pid() {
        return child.pid();
    }

    public boolean isAlive() {
        return child.isAlive();
    }

    /** Where its stdout and stderr go. */
    public Path logFile() {
        return child.logFile();
    }

    /** A one-line state and the tail of its log, for failure messages. */
    public String describe() {
        return child.describe(LOG_LINES);
    }

    /** {@code GET http://127.0.0.1:<opsPort><path>}. */
    public HttpResponse<String> get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Kills it with SIGKILL, as a crash would. */
    public void kill() {
        child.kill();
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
