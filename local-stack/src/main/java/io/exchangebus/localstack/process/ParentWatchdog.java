package io.exchangebus.localstack.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Main class of every child process that local-stack starts: it makes the child die with the JVM that started it.
 *
 * <p>Arguments: {@code <parentPid> <realMainClass> <realMainArgs...>}, where the parent is the process that
 * started this JVM directly. A daemon thread checks every {@value #POLL_MILLIS} ms that the parent still lives
 * and halts this JVM as soon as it does not, whatever killed it (SIGKILL included, where the parent's shutdown
 * hooks never run). The real main is then called by reflection on the main thread, so the child behaves as if it
 * had been started with that main class.
 *
 * <p>The parent counts as gone when either test says so: its {@link ProcessHandle} is no longer alive (the handle
 * also checks the start time, so a recycled pid is not taken for the parent), or this process's parent pid has
 * changed. The second one matters: the kernel re-parents a process's children the moment it dies, while the dead
 * process itself stays a zombie, "alive" for {@link ProcessHandle#isAlive()}, until its own parent reaps it.
 *
 * <p>The JVM is halted, not exited: shutdown hooks of the child (a broker's controlled shutdown) could wait for
 * peers that are gone. This class must stay free of dependencies beyond the JDK: it runs on the registry's
 * classpath too, as a lone class file.
 */
public final class ParentWatchdog {

    static final long POLL_MILLIS = 200;
    /** Exit status of a child halted because its parent died: 128 + SIGKILL, as if it had been killed. */
    static final int ORPHAN_EXIT_STATUS = 137;

    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: ParentWatchdog <parentPid> <mainClass> [args...]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty() || !isAlive(parent.get())) {
            halt(parentPid);
        }
        Thread watchdog = new Thread(() -> watch(parent.get()), "exbus-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void watch(ProcessHandle parent) {
        try {
            while (isAlive(parent)) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        halt(parent.pid());
    }

    private static boolean isAlive(ProcessHandle parent) {
        long actualParent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        return actualParent == parent.pid() && parent.isAlive();
    }

    private static void halt(long parentPid) {
        System.err.println("[exbus-parent-watchdog] parent process " + parentPid + " is gone; halting");
        System.err.flush();
        Runtime.getRuntime().halt(ORPHAN_EXIT_STATUS);
    }
}
