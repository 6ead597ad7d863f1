package io.exchangebus.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by local-stack, wrapped in {@link ParentWatchdog} so that it dies with this JVM.
 *
 * <p>Its stdout and stderr go to one log file (never this JVM's console), read back by {@link #logTail(int)}
 * when something fails. Every child is registered with {@link ChildReaper} until it is stopped, so a normal
 * JVM exit stops it too.
 */
public final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code java [jvmOptions] -cp classpath ParentWatchdog <thisPid> mainClass args}.
     *
     * @param name       short name, used for the log file ({@code <name>.log} in {@code logDir}) and in messages
     * @param classpath  the child's classpath; must contain {@link ParentWatchdog}
     */
    public static ChildProcess start(String name, Path logDir, List<String> classpath, List<String> jvmOptions,
                                     String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classpath));
        command.add(ParentWatchdog.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(mainClass);
        command.addAll(args);

        Path logFile = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(logDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        try {
            Files.createDirectories(logDir);
            writeCommand(logDir.resolve(name + ".cmd"), command);
            ChildProcess child = new ChildProcess(name, builder.start(), logFile);
            ChildReaper.register(child);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " process: " + command, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Stops the process: SIGTERM, then SIGKILL if it has not ended within {@code grace}. Idempotent.
     * Returns once the process has ended (or after a further second if even SIGKILL did not end it).
     */
    public void stop(Duration grace) {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(1, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            ChildReaper.unregister(this);
        }
    }

    /** Kills the process at once with SIGKILL, as a crash would (no shutdown hook runs), and waits for its end. */
    public void kill() {
        try {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ChildReaper.unregister(this);
        }
    }

    /**
     * Stops {@code children} together: SIGTERM to all at once, then SIGKILL to those still running when the one
     * shared {@code grace} has passed. Returns once all have ended.
     */
    public static void stopAll(Collection<ChildProcess> children, Duration grace) {
        children.forEach(ChildProcess::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        children.forEach(child -> child.awaitOrKill(deadline));
        children.forEach(child -> child.stop(Duration.ofSeconds(1)));
    }

    /** Waits up to {@code timeout} for the process to end: its exit status, or empty if it is still running. */
    public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
    }

    /** Sends SIGTERM without waiting; see {@link #awaitOrKill(long)}. */
    void destroy() {
        process.destroy();
    }

    /** Waits until {@code deadlineNanos} (a {@link System#nanoTime()} value) for the process, then kills it. */
    void awaitOrKill(long deadlineNanos) {
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of the process's output, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log " + logFile + " unreadable: " + e + ")";
        }
    }

    /** A one-line description of the process state, plus the tail of its log, for error messages. */
    public String describe(int lines) {
        String state = process.isAlive() ? "running" : "exited with status " + process.exitValue();
        return name + " process (pid " + pid() + ", " + state + ", log " + logFile + "), last lines:"
                + System.lineSeparator() + logTail(lines);
    }

    @Override
    public String toString() {
        return name + "[pid " + pid() + "]";
    }

    private static Path javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java");
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void writeCommand(Path file, List<String> command) throws IOException {
        Files.writeString(file, String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
    }
}
