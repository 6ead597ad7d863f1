package io.exchangebus.cli.deploy;

import io.exchangebus.service.config.ConfigKey;
import io.exchangebus.service.config.ConfigSchema;
import io.exchangebus.service.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The naming rule of {@code EXBUS_} variables (service-runtime's {@code EnvironmentOverrides}) read backwards: which
 * declared key a variable sets. {@code EXBUS_} + the key's path in upper case, {@code __} between segments, {@code _}
 * for {@code -}; below a pass-through map ({@code kafka.client}, {@code kafka.producer}, {@code kafka.consumer},
 * {@code kafka.streams}, {@code exchanges.*.settings}) the rest of the name is an entry of the map, any entry.
 */
final class EnvironmentNames {
    static final String PREFIX = "EXBUS_";
    static final String SEPARATOR = "__";

    private EnvironmentNames() {
    }

    /** Whether the variable is meant to set a configuration key (it has {@code __}), rather than something else. */
    static boolean namesAKey(String variable) {
        return variable.startsWith(PREFIX) && variable.contains(SEPARATOR);
    }

    /** The key {@code variable} sets in {@code schema}, if any; a named entry ({@code *}) matches any name. */
    static Optional<ConfigKey<?>> keyFor(String variable, ConfigSchema schema) {
        if (!namesAKey(variable)) {
            return Optional.empty();
        }
        String[] parts = variable.substring(PREFIX.length()).split(SEPARATOR, -1);
        List<String> path = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                return Optional.empty();
            }
            path.add(parts[i].toLowerCase(Locale.ROOT).replace('_', '-'));
            Optional<ConfigKey<?>> key = keyAt(path, schema);
            if (key.isPresent() && key.get().type().shape() == ConfigType.Shape.MAP) {
                // The rest names one entry of the map, whatever it is; with nothing left it sets the map itself.
                return key;
            }
        }
        return keyAt(path, schema);
    }

    private static Optional<ConfigKey<?>> keyAt(List<String> path, ConfigSchema schema) {
        return schema.keys().stream().filter(key -> matches(key.segments(), path)).findFirst();
    }

    private static boolean matches(List<String> segments, List<String> path) {
        if (segments.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!segments.get(i).equals(ConfigKey.WILDCARD) && !segments.get(i).equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }
}
