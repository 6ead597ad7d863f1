package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./exbus demo} in a process of its own, started from the repository's root as a newcomer starts it (after
 * the build), and other commands run beside it with the same {@code EXBUS_HOME}, so they find the demo as a user's
 * would. Closing it kills the demo and what it started, if a test has not stopped it itself.
 */
final class DemoProcess implements AutoCloseable {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final String READY = "exbus demo: ready in";

    private final Path tmp;
    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private DemoProcess(Path tmp, Process process) {
        this.tmp = tmp;
        this.process = process;
        followOutput();
    }

    /** Starts {@code ./exbus demo} with its folder and home under {@code tmp}, on a free query-API port. */
    static DemoProcess start(Path tmp) throws IOException {
        Process process = command(tmp, "demo", "--dir", tmp.resolve("demo").toString(), "--streams-port",
                String.valueOf(freePort())).redirectError(tmp.resolve("demo.stderr").toFile()).start();
        return new DemoProcess(tmp, process);
    }

    /** Waits for the ready line and returns it. */
    String awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (output) {
                for (String line : output) {
                    if (line.startsWith(READY)) {
                        return line;
                    }
                }
            }
            assertThat(process.isAlive()).as("demo running; output:%n%s%nstderr:%n%s", String.join("\n", output),
                    Files.readString(tmp.resolve("demo.stderr"))).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + READY + "' within " + READY_TIMEOUT + "; output:\n"
                + String.join("\n", output) + "\nstderr:\n" + Files.readString(tmp.resolve("demo.stderr")));
    }

    /** Everything the demo has printed on stdout so far, one line each. */
    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** What the summary prints after {@code label} ("dashboard", "Kafka bootstrap", "schema registry"). */
    String printed(String label) {
        synchronized (output) {
            return output.stream().map(String::trim).filter(line -> line.startsWith(label + " "))
                    .map(line -> line.substring(label.length()).trim()).findFirst()
                    .orElseThrow(() -> new AssertionError("the demo printed no '" + label + "' line"));
        }
    }

    Process process() {
        return process;
    }

    /** The folder the demo and every command run beside it share (stack file included). */
    Path home() {
        return home(tmp);
    }

    /** Runs {@code ./exbus ARGS} to its end (60 s at most), stdout and stderr together. */
    Run exbus(String... args) throws IOException, InterruptedException {
        return run(command(tmp, args), Duration.ofSeconds(60), tmp);
    }

    /** Runs {@code command} in the repository's root with this demo's {@code EXBUS_HOME}, to its end. */
    Run run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(repositoryRoot().toFile());
        builder.environment().put("EXBUS_HOME", home().toString());
        return run(builder, timeout, tmp);
    }

    /**
     * Runs {@code builder}'s command to its end, stdout and stderr together in a file under {@code logs}; fails the
     * test when it takes longer than {@code timeout}.
     */
    static Run run(ProcessBuilder builder, Duration timeout, Path logs) throws IOException, InterruptedException {
        Path log = logs.resolve("run-" + UUID.randomUUID() + ".log");
        Process run = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = run.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            run.destroyForcibly();
        }
        assertThat(finished).as("%s finished within %s; output:%n%s", builder.command(), timeout,
                Files.readString(log)).isTrue();
        return new Run(run.exitValue(), Files.readString(log));
    }

    /** A finished command: its exit code and what it printed. */
    record Run(int code, String output) {
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            List<ProcessHandle> children = process.toHandle().descendants().toList();
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static ProcessBuilder command(Path tmp, String... args) {
        List<String> command = new ArrayList<>();
        // As a terminal starts a foreground job: SIGINT at its default. This JVM may have been started with SIGINT
        // ignored (Maven run in the background by a script), which a child would inherit and a JVM cannot undo;
        // perl (essential on Debian) resets it and execs the command in the same process.
        command.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", "--"));
        command.add(repositoryRoot().resolve("exbus").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repositoryRoot().toFile());
        builder.environment().put("EXBUS_HOME", home(tmp).toString());
        // Run what the build just made, as a newcomer does after building; the script's own check for changed
        // sources would start a second Maven build inside this one.
        builder.environment().put("EXBUS_SKIP_BUILD", "1");
        return builder;
    }

    private static Path home(Path tmp) {
        return tmp.resolve("home");
    }

    private void followOutput() {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output unreadable: " + e + ")");
            }
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("exbus")).as("the exbus script at the repository's root").isExecutable();
        return root;
    }
}
