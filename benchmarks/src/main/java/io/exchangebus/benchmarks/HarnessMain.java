package io.exchangebus.benchmarks;

import java.util.List;
import java.util.function.Function;

/** The start of a harness's {@code main}: its logging, and its options or its usage. */
public final class HarnessMain {
    private HarnessMain() {
    }

    /**
     * The harness's logging configuration, unless one is given: before the first logger, since the services' own
     * logback.xml is on this class path too.
     */
    public static void useHarnessLogging() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "exbus-benchmarks-logback.xml");
        }
    }

    /**
     * The options {@code parse} reads from {@code args}; null after printing {@code usage} for {@code --help}. A bad
     * option prints {@code name: reason} and the usage, and exits with status 2.
     */
    public static <O> O optionsOrExit(String[] args, String name, String usage, Function<String[], O> parse) {
        if (List.of(args).contains("--help")) {
            System.out.println(usage);
            return null;
        }
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage() + "\n" + usage);
            System.exit(2);
            return null;
        }
    }
}
