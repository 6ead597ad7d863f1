package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.registry.SchemaRegistryClient;
import io.exchangebus.avro.topics.CatalogueSchemas;
import io.exchangebus.avro.topics.Topic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exbus stack} as a user runs it: its own JVM, with the broker and the registry as its children. */
class ExbusStackIT {
    private static final Pattern READY_LINE = Pattern.compile("bootstrap=(\\S+) registry=(\\S+)");

    @TempDir
    Path home;

    @Test
    void shouldBeReadyInSecondsAndLeaveNoProcessBehindAfterSigterm() throws Exception {
        long started = System.nanoTime();
        Process exbus = startExbusStack();
        Matcher ready = awaitReadyLine(exbus);
        long readyMs = (System.nanoTime() - started) / 1_000_000;
        List<ProcessHandle> children = exbus.toHandle().descendants().toList();
        System.out.println("exbus stack ready in " + readyMs + " ms (JVM start included), children " + children.size());

        // Every topic's value schema is there before anything writes, for clients that do not register their own.
        assertThat(new SchemaRegistryClient(SchemaRegistryClient.Settings.of(ready.group(2))).subjects())
                .containsAll(CatalogueSchemas.topics().stream().map(Topic::valueSubject).toList());
        // The stack works, and other commands find it through the stack file with no options.
        assertThat(Files.readString(home.resolve("stack.properties"))).contains("bootstrap=" + ready.group(1));
        assertThat(smoke(ready.group(1), ready.group(2))).isZero();
        assertThat(children).hasSizeGreaterThanOrEqualTo(2);

        exbus.destroy(); // SIGTERM, as kill does; Ctrl-C's SIGINT takes the same shutdown path
        assertThat(exbus.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertAllGone(children);
        assertThat(home.resolve("stack.properties")).doesNotExist();
    }

    @Test
    void shouldLeaveNoProcessBehindWhenKilledWithSigkill() throws Exception {
        Process exbus = startExbusStack();
        awaitReadyLine(exbus);
        List<ProcessHandle> children = exbus.toHandle().descendants().toList();
        assertThat(children).hasSizeGreaterThanOrEqualTo(2);

        exbus.destroyForcibly(); // SIGKILL: no shutdown hook runs; the children must notice and stop themselves
        assertThat(exbus.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertAllGone(children);
    }

    private Process startExbusStack() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dexbus.home=" + home, "-Dexbus.registry.app=" + System.getProperty("exbus.registry.app"),
                Exbus.class.getName(), "stack");
        builder.redirectError(home.resolve("stderr.log").toFile());
        return builder.start();
    }

    private Matcher awaitReadyLine(Process exbus) throws IOException {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(exbus.getInputStream(), StandardCharsets.UTF_8));
        String line = stdout.readLine();
        assertThat(line).as("first line of exbus stack; stderr: %s", stderr()).isNotNull();
        Matcher matcher = READY_LINE.matcher(line);
        assertThat(matcher.matches()).as("ready line '%s'", line).isTrue();
        return matcher;
    }

    private String stderr() throws IOException {
        Path log = home.resolve("stderr.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static int smoke(String bootstrap, String registry) {
        var cli = Exbus.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("smoke", "--bootstrap", bootstrap, "--registry", registry);
        assertThat(err.toString()).contains("OK");
        return code;
    }

    private static void assertAllGone(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList())
                .as("processes still alive").isEmpty();
    }
}
