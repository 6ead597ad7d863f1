package io.exchangebus.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ParentWatchdogTest {

    @Test
    void shouldRunTheRealMainWithItsArguments() throws Exception {
        Process child = watchdog(ProcessHandle.current().pid(), EchoMain.class.getName(), "a", "b c");

        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim())
                .isEqualTo("args=[a, b c]");
        assertThat(child.exitValue()).isZero();
    }

    @Test
    void shouldHaltAtOnceWhenTheParentIsAlreadyGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();

        Process child = watchdog(gone.pid(), SleepMain.class.getName());

        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(ParentWatchdog.ORPHAN_EXIT_STATUS);
    }

    @Test
    void shouldHaltWhenTheParentDiesEvenIfNobodyReapsIt() throws Exception {
        // outer shell -> inner shell (the parent) -> watchdog child. The outer shell execs into "sleep" and never
        // reaps, so the killed parent stays a zombie: only the child's changed parent pid tells it died.
        String child = String.join(" ", javaCommand(SleepMain.class.getName(), "$$"));
        String inner = "echo $$; " + child + " >/dev/null 2>&1 & exec sleep 60";
        Process outer = new ProcessBuilder("sh", "-c", "sh -c '" + inner + "' & exec sleep 60").start();
        try {
            long parentPid = Long.parseLong(new BufferedReader(new InputStreamReader(
                    outer.getInputStream(), StandardCharsets.UTF_8)).readLine().trim());
            ProcessHandle parent = ProcessHandle.of(parentPid).orElseThrow();
            ProcessHandle watchdog = awaitChild(parent);
            assertThat(watchdog.onExit().isDone()).as("child runs while its parent lives").isFalse();

            parent.destroyForcibly();

            assertThat(watchdog.onExit()).as("child halted").succeedsWithin(Duration.ofSeconds(5));
        } finally {
            outer.descendants().forEach(ProcessHandle::destroyForcibly);
            outer.destroyForcibly();
        }
    }

    private static ProcessHandle awaitChild(ProcessHandle parent) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<ProcessHandle> child = parent.children().findFirst();
            if (child.isPresent()) {
                Thread.sleep(300); // let it reach the watchdog loop; not needed for correctness of the check below
                return child.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the parent never started its child");
    }

    private static Process watchdog(long parentPid, String mainClass, String... args) throws IOException {
        List<String> command = javaCommand(mainClass, Long.toString(parentPid));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static List<String> javaCommand(String mainClass, String parentPid) {
        return new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp", String.join(File.pathSeparator, Classpath.current()),
                ParentWatchdog.class.getName(), parentPid, mainClass));
    }

    /** Prints its arguments. */
    public static final class EchoMain {
        public static void main(String[] args) {
            System.out.println("args=" + List.of(args));
        }
    }

    /** Stands for a server: runs until killed. */
    public static final class SleepMain {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(60_000);
        }
    }
}
