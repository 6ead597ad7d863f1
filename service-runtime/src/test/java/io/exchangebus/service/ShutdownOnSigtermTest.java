package io.exchangebus.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real service process, stopped with SIGTERM: the shutdown hook closes the service before the JVM exits. */
class ShutdownOnSigtermTest {
    @TempDir
    Path dir;

    @Test
    void shouldCloseTheServiceOnSigterm() throws Exception {
        Path marker = dir.resolve("marker");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ToyServiceMain.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("EXBUS_KAFKA__BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        builder.environment().put("EXBUS_KAFKA__SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081");
        builder.environment().put("EXBUS_SERVICE__HTTP_PORT", "0");
        builder.environment().put("EXBUS_SERVICE__INSTANCE_ID", "toy-9");
        builder.environment().put("EXBUS_SERVICE__SHUTDOWN_TIMEOUT", "7s");
        builder.environment().put("TOY_MARKER", marker.toString());
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        Thread reader = copy(process.getInputStream(), output);
        try {
            awaitText(output, "toy toy-9 ready after", Duration.ofSeconds(20));

            // SIGTERM, through the handle: Process.destroy() would also close our end of its output.
            process.toHandle().destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited: " + output).isTrue();
            assertThat(process.exitValue()).as("143: ended by SIGTERM").isEqualTo(143);
            reader.join(5_000);
        } finally {
            process.destroyForcibly();
        }

        assertThat(output.toString()).contains("toy toy-9 starting: health and metrics on port",
                "toy toy-9 stopping: up to PT7S for in-flight work", "toy toy-9 stopped");
        assertThat(Files.readString(marker)).as(output.toString()).isEqualTo("closed within PT7S");
    }

    private static Thread copy(InputStream in, StringBuffer out) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                out.append("[output ended: ").append(e).append(']');
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void awaitText(StringBuffer output, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output.toString().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' within " + timeout + " in:\n" + output);
            }
            Thread.sleep(50);
        }
    }
}
