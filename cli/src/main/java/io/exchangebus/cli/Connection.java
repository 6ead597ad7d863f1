package io.exchangebus.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the broker and the registry are: from the options, else from the environment ({@code EXBUS_BOOTSTRAP},
 * {@code EXBUS_REGISTRY}), else from the file that a running {@code exbus stack} writes.
 */
final class Connection {
    /**
     * Written by {@code exbus stack} while it runs, so other commands find it with no options:
     * {@code ~/.exbus/stack.properties}, or under the folder the system property {@code exbus.home} names.
     */
    static Path stackFile() {
        return home().resolve("stack.properties");
    }

    /**
     * exbus's own folder: the system property {@code exbus.home} (which {@code ./exbus} sets from
     * {@code EXBUS_HOME}), else {@code ~/.exbus}.
     */
    static Path home() {
        String home = System.getProperty("exbus.home");
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".exbus");
    }

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--registry", paramLabel = "URL", description = "Schema registry URL (Confluent-compatible API).")
    String registry;

    String bootstrap() {
        return resolve(bootstrap, "EXBUS_BOOTSTRAP", "bootstrap", "--bootstrap");
    }

    String registry() {
        return registry(registry);
    }

    /** The registry URL: {@code option} if given, else as {@link #registry()} finds it. */
    static String registry(String option) {
        return resolve(option, "EXBUS_REGISTRY", "registry", "--registry");
    }

    private static String resolve(String option, String env, String key, String flag) {
        if (option != null) {
            return option;
        }
        String fromEnv = System.getenv(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        String fromStack = readStackFile().getProperty(key);
        if (fromStack != null) {
            return fromStack;
        }
        throw new IllegalArgumentException("no " + key + " given: pass " + flag + ", set " + env
                + ", or start ./exbus stack first");
    }

    /**
     * Writes the stack file for this process ({@code pid} added to {@code entries}), atomically, so that a reader
     * sees all of it or the previous one.
     */
    static void writeStackFile(Map<String, String> entries) throws IOException {
        Files.createDirectories(stackFile().getParent());
        Path tmp = Files.createTempFile(stackFile().getParent(), "stack", ".tmp");
        StringBuilder text = new StringBuilder("# written by a running exbus stack or demo\n")
                .append("pid=").append(ProcessHandle.current().pid()).append('\n');
        entries.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, stackFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the stack file if this process wrote it; best effort, for the way out. */
    static void deleteStackFileIfOurs() {
        try {
            if (String.valueOf(ProcessHandle.current().pid()).equals(readStackFile().getProperty("pid"))) {
                Files.deleteIfExists(stackFile());
            }
        } catch (IOException | RuntimeException e) {
            // Readers ignore a stack file whose pid is gone.
        }
    }

    /** The running stack's file, or empty properties when there is none or its process has gone. */
    static Properties readStackFile() {
        Properties props = new Properties();
        if (Files.isRegularFile(stackFile())) {
            try (var reader = Files.newBufferedReader(stackFile(), StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + stackFile(), e);
            }
        }
        boolean alive = false;
        try {
            alive = ProcessHandle.of(Long.parseLong(props.getProperty("pid", "-1"))).map(ProcessHandle::isAlive)
                    .orElse(false);
        } catch (NumberFormatException e) {
            alive = false;
        }
        return alive ? props : new Properties();
    }
}
