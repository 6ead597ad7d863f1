package io.exchangebus.service;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The standard command line of a service: {@code [--config FILE]}. Without a file, configuration comes from the
 * environment and defaults.
 *
 * @param configFile the YAML file, if given
 */
public record CommandLine(Optional<Path> configFile) {
    static final String USAGE = "usage: <service> [--config FILE]   (settings also from EXBUS_* environment "
            + "variables, which win over the file)";

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException saying what is wrong, for anything but one optional {@code --config FILE}
     */
    public static CommandLine parse(String... args) {
        Optional<Path> file = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            if (arg.equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--config needs a file");
                }
                value = args[++i];
            } else if (arg.startsWith("--config=")) {
                value = arg.substring("--config=".length());
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
            if (file.isPresent()) {
                throw new IllegalArgumentException("--config is given twice");
            }
            file = Optional.of(Path.of(value));
        }
        return new CommandLine(file);
    }
}
