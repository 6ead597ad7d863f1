package io.exchangebus.service.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Configuration values as written, before conversion: by concrete path ({@code accounts.main.api-key}), each a
 * {@code String}, a {@code List<String>} or (pass-through maps) a {@code Map<String, String>}, with where it came
 * from; and the names of the named entries of each collection.
 */
final class RawConfig {
    private static final Pattern ENTRY_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** One value and where it was set: {@code null} for the file, else the environment variable's name. */
    record RawValue(Object value, String source) {
        String origin() {
            return source == null ? "" : " (set by " + source + ")";
        }
    }

    private final Map<String, RawValue> values = new LinkedHashMap<>();
    private final Map<String, Set<String>> entries = new TreeMap<>();

    void put(String path, Object value, String source) {
        values.put(path, new RawValue(value, source));
    }

    /** Sets one entry of a pass-through map, keeping its other entries. */
    @SuppressWarnings("unchecked")
    void putMapEntry(String path, String entryKey, String value, String source) {
        RawValue existing = values.get(path);
        Map<String, String> map = existing != null && existing.value() instanceof Map
                ? new LinkedHashMap<>((Map<String, String>) existing.value()) : new LinkedHashMap<>();
        map.put(entryKey, value);
        values.put(path, new RawValue(map, source != null ? source : existing == null ? null : existing.source()));
    }

    RawValue get(String path) {
        return values.get(path);
    }

    /**
     * Records a named entry found at {@code concrete} (its last segment is the name), checking the name.
     *
     * @return whether the name is acceptable
     */
    boolean addEntry(List<String> concrete, ConfigErrors errors) {
        String name = concrete.get(concrete.size() - 1);
        if (!ENTRY_NAME.matcher(name).matches()) {
            errors.add(ConfigKey.join(concrete), "entry names are lower-case letters, digits and '-'");
            return false;
        }
        String collection = ConfigKey.join(concrete.subList(0, concrete.size() - 1));
        entries.computeIfAbsent(collection, c -> new TreeSet<>()).add(name);
        return true;
    }

    Set<String> entries(String collection) {
        return entries.getOrDefault(collection, Set.of());
    }

    Map<String, Set<String>> allEntries() {
        return entries;
    }
}
