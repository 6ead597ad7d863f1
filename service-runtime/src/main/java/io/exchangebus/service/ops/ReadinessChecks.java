package io.exchangebus.service.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** The named readiness checks of a process: it is ready when every one passes. Thread-safe. */
public final class ReadinessChecks {
    private final Map<String, ReadinessCheck> checks = new ConcurrentSkipListMap<>();

    /**
     * Adds a check under {@code name} (shown in the {@code /health/ready} body when it fails).
     *
     * @throws IllegalArgumentException if the name is taken
     */
    public void register(String name, ReadinessCheck check) {
        if (checks.putIfAbsent(name, check) != null) {
            throw new IllegalArgumentException("a readiness check named '" + name + "' is already registered");
        }
    }

    /** Removes the check {@code name}, if there is one. */
    public void remove(String name) {
        checks.remove(name);
    }

    /** The names of the checks, sorted. */
    public List<String> names() {
        return new ArrayList<>(checks.keySet());
    }

    /** The names of the checks that fail now (or throw), sorted; empty when ready. */
    public List<String> failing() {
        List<String> failing = new ArrayList<>();
        checks.forEach((name, check) -> {
            if (!passes(check)) {
                failing.add(name);
            }
        });
        return failing;
    }

    private static boolean passes(ReadinessCheck check) {
        try {
            return check.isReady();
        } catch (Exception e) {
            return false;
        }
    }
}
