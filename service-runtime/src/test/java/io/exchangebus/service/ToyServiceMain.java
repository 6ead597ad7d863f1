package io.exchangebus.service;

import io.exchangebus.service.config.CommonKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A service process for {@link ShutdownOnSigtermTest}: writes "closed" to the file $TOY_MARKER when closed. */
public final class ToyServiceMain {
    private ToyServiceMain() {
    }

    public static void main(String[] args) {
        Path marker = Path.of(System.getenv("TOY_MARKER"));
        ServiceRunner.runAndExit("toy", CommonKeys.SCHEMA, args, context -> new ToyService(context) {
            {
                connected.set(true);
            }

            @Override
            public void close(Duration timeout) {
                try {
                    Thread.sleep(200); // in-flight work the JVM must wait for
                    Files.writeString(marker, "closed within " + timeout);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }
}
