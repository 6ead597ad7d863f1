package io.exchangebus.localstack.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stops every live {@link ChildProcess} when this JVM exits normally (end of main, System.exit, SIGTERM, SIGINT).
 *
 * <p>It covers the exits where shutdown hooks run. SIGKILL of this JVM is covered by {@link ParentWatchdog}
 * in each child instead. All children get SIGTERM at once, then share one grace period before SIGKILL, so the
 * hook delays exit by at most {@link #GRACE}.
 */
public final class ChildReaper {

    static final Duration GRACE = Duration.ofSeconds(5);

    private static final Set<ChildProcess> LIVE = new LinkedHashSet<>();
    private static final List<Runnable> BEFORE_STOP = new ArrayList<>();
    private static final List<Runnable> AFTER_STOP = new ArrayList<>();
    private static boolean hookInstalled;

    private ChildReaper() {
    }

    static synchronized void register(ChildProcess child) {
        installHook();
        LIVE.add(child);
    }

    static synchronized void unregister(ChildProcess child) {
        LIVE.remove(child);
    }

    /** Runs {@code cleanup} at JVM exit, after the children are stopped (e.g. deleting their work directory). */
    public static synchronized void atExit(Runnable cleanup) {
        installHook();
        AFTER_STOP.add(cleanup);
    }

    /**
     * Runs {@code orderlyStop} at JVM exit before the remaining children get SIGTERM: a supervisor stops its own
     * children in order there (services before the broker they write to).
     */
    public static synchronized void beforeStop(Runnable orderlyStop) {
        installHook();
        BEFORE_STOP.add(orderlyStop);
    }

    public static synchronized void cancelAtExit(Runnable cleanup) {
        AFTER_STOP.remove(cleanup);
    }

    private static void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ChildReaper::stopAll, "exbus-child-reaper"));
            hookInstalled = true;
        }
    }

    private static void stopAll() {
        List<Runnable> orderlyStops;
        synchronized (ChildReaper.class) {
            orderlyStops = new ArrayList<>(BEFORE_STOP);
        }
        runAll(orderlyStops);
        List<ChildProcess> children;
        List<Runnable> cleanups;
        synchronized (ChildReaper.class) {
            children = new ArrayList<>(LIVE);
            cleanups = new ArrayList<>(AFTER_STOP);
        }
        children.forEach(ChildProcess::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        children.forEach(child -> child.awaitOrKill(deadline));
        runAll(cleanups);
    }

    private static void runAll(List<Runnable> tasks) {
        for (Runnable task : tasks) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // Nothing to report to at JVM exit; the next stack start sweeps what is left (WorkDir).
            }
        }
    }
}
