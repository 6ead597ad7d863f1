package io.exchangebus.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.exchangebus.localstack.process.Classpath;
import io.exchangebus.localstack.process.WorkDir;
import io.exchangebus.localstack.registry.RegistryLocator;

class ParentKillIT {

    @Test
    void shouldLeaveNoProcessBehindWhenParentIsKilled() throws Exception {
        Process parent = new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + RegistryLocator.PROPERTY + "=" + RegistryLocator.fromEnvironment().locate(),
                "-cp", String.join(File.pathSeparator, Classpath.current()),
                StackHolderMain.class.getName())
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        String stackLine = readStackLine(parent, output);
        assertThat(stackLine).as("parent output: %s", output).isNotNull();
        String[] fields = stackLine.split(" ");
        Path workDir = Paths.get(fields[1]);
        List<ProcessHandle> children = new ArrayList<>();
        for (int i = 2; i < fields.length; i++) {
            children.add(ProcessHandle.of(Long.parseLong(fields[i])).orElseThrow());
        }
        assertThat(children).hasSize(2).allMatch(ProcessHandle::isAlive);

        parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
        assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();

        for (ProcessHandle child : children) {
            assertThat(child.onExit()).as("child %d", child.pid()).succeedsWithin(Duration.ofSeconds(5));
        }
        // What the killed parent left on disk goes with the next stack's start.
        WorkDir.create().close();
        assertThat(workDir).doesNotExist();
    }

    /** Reads the parent's output until its STACK line; null if it ends or 90 s pass first. */
    private static String readStackLine(Process parent, List<String> output) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        Thread timeout = new Thread(() -> {
            try {
                if (!parent.waitFor(90, TimeUnit.SECONDS)) {
                    parent.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        timeout.setDaemon(true);
        timeout.start();
        for (String line; (line = reader.readLine()) != null; ) {
            output.add(line);
            if (line.startsWith("STACK ")) {
                return line;
            }
        }
        return null;
    }
}
