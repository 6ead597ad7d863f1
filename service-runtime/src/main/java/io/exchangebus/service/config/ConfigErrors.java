package io.exchangebus.service.config;

import java.util.ArrayList;
import java.util.List;

/** The problems found while reading a configuration, each naming its key; reported together. */
public final class ConfigErrors {
    private final List<String> problems = new ArrayList<>();

    /** Records {@code config key '<path>': <problem>}. */
    public void add(String path, String problem) {
        problems.add("config key '" + path + "': " + problem);
    }

    /** Records a problem that is not about one key (an unreadable file). */
    public void addGeneral(String problem) {
        problems.add(problem);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws a {@link ConfigException} listing every problem, if there is any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    List<String> problems() {
        return problems;
    }
}
