package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** oms-service in a JVM of its own, as deployed, so that a test can kill it with SIGKILL and start it again. */
final class OmsProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final long startedNanos;

    private OmsProcess(Process process, Path log, long startedNanos) {
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** Starts {@code OmsServiceMain --config config}, its output to {@code log}. */
    static OmsProcess start(Path config, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long started = System.nanoTime();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                OmsServiceMain.class.getName(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new OmsProcess(process, log, started);
    }

    /** Waits for {@code text} in the log; the time from the process's start until it was seen. */
    Duration awaitLog(String text, Duration wait) throws InterruptedException {
        await(() -> {
            try {
                return Files.exists(log) && Files.readString(log).contains(text);
            } catch (IOException e) {
                return false;
            }
        }, "'" + text + "' in " + log, wait);
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook, no clean close of anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    static void await(BooleanSupplier condition, String what, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** SIGTERM, then waits for the clean stop. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
