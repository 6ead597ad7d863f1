package io.exchangebus.service.config;

import java.util.List;

/**
 * A configuration that cannot be used: every problem found, one per line, each naming its key. Messages never hold
 * a secret's value (secret references are shown as written, {@code env:NAME} or {@code file:/path}).
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** A single problem with one key. */
    public static ConfigException of(String path, String problem) {
        ConfigErrors errors = new ConfigErrors();
        errors.add(path, problem);
        return new ConfigException(errors.problems());
    }

    /** The problems, each {@code config key '<path>': <what is wrong>}. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return "the configuration has " + problems.size() + " problems:\n  " + String.join("\n  ", problems);
    }
}
