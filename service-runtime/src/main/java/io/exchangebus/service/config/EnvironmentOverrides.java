package io.exchangebus.service.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Environment variables that override the file. A variable {@code EXBUS_<PATH>} sets a key when its name holds
 * {@code __}: {@code __} separates path segments, each lower-cased with '_' turned into '-'
 * ({@code EXBUS_ACCOUNTS__MAIN__KEY_TYPE} is {@code accounts.main.key-type}). Under a pass-through map the rest of
 * the name is the map's key, lower-cased with '_' turned into '.' ({@code EXBUS_KAFKA__CLIENT__SECURITY_PROTOCOL}
 * is {@code security.protocol} of {@code kafka.client}).
 *
 * <p>{@code EXBUS_} variables without {@code __} ({@code EXBUS_LOG_FORMAT}, {@code EXBUS_REGISTRY_APP}) belong
 * to other parts and are left alone; one with {@code __} that names no key is an error, like a typo in the file.
 */
final class EnvironmentOverrides {
    static final String PREFIX = "EXBUS_";
    static final String SEPARATOR = "__";

    private final ConfigSchema schema;

    EnvironmentOverrides(ConfigSchema schema) {
        this.schema = schema;
    }

    /** Applies the overrides in {@code environment} to {@code raw}, in name order. */
    void apply(Map<String, String> environment, RawConfig raw, ConfigErrors errors) {
        new TreeMap<>(environment).forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.contains(SEPARATOR)) {
                applyOne(name, value, raw, errors);
            }
        });
    }

    private void applyOne(String variable, String value, RawConfig raw, ConfigErrors errors) {
        String[] parts = variable.substring(PREFIX.length()).split(SEPARATOR, -1);
        List<String> path = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            path.add(parts[i].toLowerCase(Locale.ROOT).replace('_', '-'));
            Optional<ConfigKey<?>> key = schema.keyAt(path);
            boolean isMap = key.isPresent() && key.get().type().shape() == ConfigType.Shape.MAP;
            if (isMap && i < parts.length - 1) {
                if (registerEntry(key.get(), path, raw, errors)) {
                    String entryKey = String.join(".", Arrays.asList(parts).subList(i + 1, parts.length))
                            .toLowerCase(Locale.ROOT).replace('_', '.');
                    raw.putMapEntry(ConfigKey.join(path), entryKey, value, variable);
                }
                return;
            }
        }
        Optional<ConfigKey<?>> key = schema.keyAt(path);
        if (key.isEmpty()) {
            errors.add(ConfigKey.join(path), "unknown key (from environment variable " + variable + ")");
            return;
        }
        if (registerEntry(key.get(), path, raw, errors)) {
            raw.put(ConfigKey.join(path), value, variable);
        }
    }

    private static boolean registerEntry(ConfigKey<?> key, List<String> path, RawConfig raw, ConfigErrors errors) {
        int at = key.segments().indexOf(ConfigKey.WILDCARD);
        return at < 0 || raw.addEntry(path.subList(0, at + 1), errors);
    }
}
