package io.exchangebus.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The temporary directory of one stack: data directories and the children's logs. Deleted on close.
 *
 * <p>It records its owner's pid and start time, so that a directory left behind by a JVM that was killed
 * (no shutdown hook ran) is deleted by the next stack started on the machine.
 */
public final class WorkDir implements AutoCloseable {

    static final String PREFIX = "exbus-stack-";
    static final String OWNER_FILE = "owner.pid";
    private static final Duration UNOWNED_GRACE = Duration.ofMinutes(1);

    private final Path path;
    private final Runnable deleteAtExit;

    private WorkDir(Path path) {
        this.path = path;
        this.deleteAtExit = this::delete;
    }

    public static WorkDir create() {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        sweepOrphans(tmp);
        try {
            Path path = Files.createTempDirectory(tmp, PREFIX);
            ProcessHandle self = ProcessHandle.current();
            Files.writeString(path.resolve(OWNER_FILE), self.pid() + " " + startMillis(self).orElse(-1L),
                    StandardCharsets.UTF_8);
            WorkDir workDir = new WorkDir(path);
            ChildReaper.atExit(workDir.deleteAtExit);
            return workDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory in " + tmp, e);
        }
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() {
        ChildReaper.cancelAtExit(deleteAtExit);
        delete();
    }

    private void delete() {
        deleteRecursively(path);
    }

    /** Deletes {@code exbus-stack-*} directories in {@code tmp} whose owner process is gone. */
    static void sweepOrphans(Path tmp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir) && isOrphan(dir)) {
                    deleteRecursively(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: a directory we cannot read or delete is someone else's business.
        }
    }

    private static boolean isOrphan(Path dir) throws IOException {
        Path owner = dir.resolve(OWNER_FILE);
        if (!Files.exists(owner)) {
            Instant modified = Files.getLastModifiedTime(dir).toInstant();
            return modified.isBefore(Instant.now().minus(UNOWNED_GRACE));
        }
        String[] fields = Files.readString(owner, StandardCharsets.UTF_8).trim().split("\\s+");
        long pid = Long.parseLong(fields[0]);
        long started = fields.length > 1 ? Long.parseLong(fields[1]) : -1;
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return true;
        }
        // Same pid, another process: the owner died and its pid was reused.
        Optional<Long> actual = startMillis(process.get());
        return started >= 0 && actual.isPresent() && actual.get() != started;
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    /** Deletes {@code root} and everything under it; nothing if it does not exist. */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
