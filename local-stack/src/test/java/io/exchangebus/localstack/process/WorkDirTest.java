package io.exchangebus.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirTest {

    @TempDir
    Path tmp;

    @Test
    void shouldDeleteTheDirectoriesOfOwnersThatAreGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path orphan = workDirOwnedBy(gone.pid() + " " + gone.info().startInstant().map(i -> i.toEpochMilli()).orElse(-1L));
        Path mine = workDirOwnedBy(ProcessHandle.current().pid() + " -1");

        WorkDir.sweepOrphans(tmp);

        assertThat(orphan).doesNotExist();
        assertThat(mine).exists();
    }

    @Test
    void shouldKeepAFreshDirectoryThatHasNoOwnerYet() throws IOException {
        Path fresh = Files.createDirectory(tmp.resolve(WorkDir.PREFIX + "fresh"));

        WorkDir.sweepOrphans(tmp);

        assertThat(fresh).exists();
    }

    @Test
    void shouldDeleteItselfOnClose() {
        WorkDir workDir = WorkDir.create();
        Path path = workDir.path();

        workDir.close();

        assertThat(path).doesNotExist();
    }

    private Path workDirOwnedBy(String owner) throws IOException {
        Path dir = Files.createTempDirectory(tmp, WorkDir.PREFIX);
        Files.createDirectories(dir.resolve("broker/data"));
        Files.writeString(dir.resolve(WorkDir.OWNER_FILE), owner);
        return dir;
    }
}
