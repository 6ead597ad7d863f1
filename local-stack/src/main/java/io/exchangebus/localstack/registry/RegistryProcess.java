package io.exchangebus.localstack.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.exchangebus.localstack.LocalStackException;
import io.exchangebus.localstack.process.ChildProcess;
import io.exchangebus.localstack.process.Deadline;
import io.exchangebus.localstack.process.JvmOptions;
import io.exchangebus.localstack.process.ParentWatchdog;
import io.exchangebus.localstack.process.Ports;

/**
 * The schema registry (Apicurio Registry, Quarkus fast-jar) in its own JVM on a free loopback port.
 *
 * <p>The child runs {@link ParentWatchdog} with the application's own main class (read from the jar's manifest),
 * on a classpath of {@code quarkus-run.jar} (whose manifest brings the rest of the application) and a directory
 * holding only the watchdog class, so nothing else of ours reaches the registry. Quarkus finds its application
 * files from the location of its bootstrap jar, not from the classpath, so the extra entry is harmless.
 *
 * <p>It binds port 0; the port is read from the "Listening on" line of its log, then the registry counts as
 * ready once {@code GET /apis/ccompat/v7/subjects} answers 200.
 */
public final class RegistryProcess implements AutoCloseable {

    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    /** System property with the registry JVM's heap, JIT and GC options, replacing {@link #DEFAULT_JVM_OPTIONS}. */
    public static final String JVM_OPTIONS_PROPERTY = "exbus.stack.registry.jvm-options";
    public static final List<String> DEFAULT_JVM_OPTIONS = Stream.concat(
            Stream.of("-Xmx512m"), JvmOptions.QUICK_START.stream()).toList();
    static final String DEFAULT_MAIN = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";
    private static final Pattern LISTENING = Pattern.compile("Listening on: https?://[^\\s:]+:(\\d+)");
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_LINES_ON_FAILURE = 40;

    private final ChildProcess process;
    private final String baseUrl;

    private RegistryProcess(ChildProcess process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts the registry and waits until its Confluent-compatible API answers.
     *
     * @param dir  directory for {@code registry.log}; created if missing
     * @param app  the application's {@code quarkus-run.jar} (see {@link RegistryLocator})
     * @throws LocalStackException if it is not ready within {@code timeout}, with the end of its log
     */
    public static RegistryProcess start(Path dir, Path app, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        Path watchdogDir = dir.resolve("watchdog");
        copyWatchdog(watchdogDir);
        List<String> jvmOptions = new ArrayList<>(JvmOptions.fromProperty(JVM_OPTIONS_PROPERTY, DEFAULT_JVM_OPTIONS));
        jvmOptions.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                "-Dquarkus.http.host=" + Ports.LOOPBACK, "-Dquarkus.http.port=0"));
        ChildProcess process = ChildProcess.start("registry", dir, List.of(app.toString(), watchdogDir.toString()),
                jvmOptions, mainClass(app), List.of());
        try {
            int port = awaitPort(process, deadline);
            String baseUrl = "http://" + Ports.LOOPBACK + ":" + port;
            awaitHttp(process, URI.create(baseUrl + CCOMPAT_PATH + "/subjects"), deadline);
            return new RegistryProcess(process, baseUrl);
        } catch (InterruptedException e) {
            process.stop(Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for the schema registry", e);
        } catch (RuntimeException | Error e) {
            process.stop(Duration.ZERO);
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT}, the registry's root. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code http://127.0.0.1:PORT/apis/ccompat/v7}, the Confluent-compatible API. */
    public String ccompatUrl() {
        return baseUrl + CCOMPAT_PATH;
    }

    public long pid() {
        return process.pid();
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }

    private static int awaitPort(ChildProcess process, Deadline deadline) throws InterruptedException {
        while (true) {
            Matcher matcher = LISTENING.matcher(readLog(process));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            checkAlive(process);
            if (deadline.passed()) {
                throw notReady(process, deadline, "its log never said which port it listens on");
            }
            deadline.pause(50);
        }
    }

    private static void awaitHttp(ChildProcess process, URI uri, Deadline deadline) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
        String last = "no answer";
        while (true) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            checkAlive(process);
            if (deadline.passed()) {
                throw notReady(process, deadline, "GET " + uri + " gave " + last);
            }
            deadline.pause(100);
        }
    }

    private static String readLog(ChildProcess process) {
        try {
            return Files.readString(process.logFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void checkAlive(ChildProcess process) {
        if (!process.isAlive()) {
            throw new LocalStackException("schema registry exited before it was ready; "
                    + process.describe(LOG_LINES_ON_FAILURE));
        }
    }

    private static LocalStackException notReady(ChildProcess process, Deadline deadline, String why) {
        return new LocalStackException("schema registry not ready within " + deadline.timeout().toMillis() + " ms ("
                + why + "); " + process.describe(LOG_LINES_ON_FAILURE));
    }

    private static String mainClass(Path app) {
        try (JarFile jar = new JarFile(app.toFile())) {
            String main = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            return main == null ? DEFAULT_MAIN : main;
        } catch (IOException e) {
            throw new LocalStackException("cannot read the schema registry application " + app + ": " + e, e);
        }
    }

    /** Copies the watchdog's class file out of our jar or classes directory, so the child sees only that class. */
    private static void copyWatchdog(Path dir) {
        String resource = ParentWatchdog.class.getName().replace('.', '/') + ".class";
        Path target = dir.resolve(resource);
        try (InputStream in = ParentWatchdog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not found on the classpath");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + resource + " to " + dir, e);
        }
    }
}
