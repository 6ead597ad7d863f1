package io.exchangebus.service.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a configuration file into {@link RawConfig}, guided by the schema: every scalar is kept as the text
 * written (so {@code 0.10} stays {@code 0.10}, never a {@code double}), keys the schema does not know are errors,
 * and pass-through maps are taken whole.
 */
final class YamlReader {
    private static final YAMLFactory YAML = new YAMLFactory();

    private final ConfigSchema schema;
    private final RawConfig raw;
    private final ConfigErrors errors;

    YamlReader(ConfigSchema schema, RawConfig raw, ConfigErrors errors) {
        this.schema = schema;
        this.raw = raw;
        this.errors = errors;
    }

    /** Reads {@code yaml} (named {@code where} in messages) into the raw configuration. */
    void read(String yaml, String where) {
        Object tree;
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            tree = first == null ? null : readNode(parser, List.of());
        } catch (IOException e) {
            errors.addGeneral(where + " is not valid YAML: " + firstLine(e.getMessage()));
            return;
        }
        if (tree == null) {
            return;
        }
        if (!(tree instanceof Map)) {
            errors.addGeneral(where + " must be a YAML map of sections (service, kafka, ...)");
            return;
        }
        walk(tree, List.of());
    }

    /** The value at the parser's current token: text for scalars, lists and maps; null for YAML null. */
    private Object readNode(JsonParser parser, List<String> path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Object> map = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                List<String> child = append(path, name);
                Object value = readNode(parser, child);
                if (map.containsKey(name)) {
                    errors.add(ConfigKey.join(child), "set twice in the file");
                }
                map.put(name, value);
            }
            return map;
        }
        if (token == JsonToken.START_ARRAY) {
            List<Object> list = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                list.add(readNode(parser, path));
            }
            return list;
        }
        return token == JsonToken.VALUE_NULL ? null : parser.getText();
    }

    private void walk(Object node, List<String> path) {
        if (!path.isEmpty()) {
            Optional<ConfigKey<?>> key = schema.keyAt(path);
            if (key.isPresent()) {
                readValue(key.get(), node, path);
                return;
            }
            if (schema.isEntryName(path) && !raw.addEntry(path, errors)) {
                return;
            }
        }
        if (node == null) {
            return;
        }
        if (!(node instanceof Map)) {
            errors.add(ConfigKey.join(path), "is a section (" + String.join(", ", schema.childrenOf(path))
                    + "), not a value");
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) node;
        map.forEach((name, value) -> {
            List<String> child = append(path, name);
            if (schema.keyAt(child).isPresent() || schema.isSection(child)) {
                walk(value, child);
            } else {
                errors.add(ConfigKey.join(child), unknown(path));
            }
        });
    }

    private void readValue(ConfigKey<?> key, Object node, List<String> path) {
        String at = ConfigKey.join(path);
        if (node == null) {
            return;
        }
        switch (key.type().shape()) {
            case MAP:
                if (!(node instanceof Map)) {
                    errors.add(at, "must be a map of names to values");
                    return;
                }
                Map<String, String> flat = new LinkedHashMap<>();
                flatten(node, "", flat, at);
                raw.put(at, flat, null);
                return;
            case LIST:
                if (node instanceof List && ((List<?>) node).stream().allMatch(i -> i instanceof String)) {
                    raw.put(at, node, null);
                } else if (node instanceof String) {
                    raw.put(at, node, null);
                } else {
                    errors.add(at, "must be a list of strings");
                }
                return;
            default:
                if (node instanceof String) {
                    raw.put(at, node, null);
                } else {
                    errors.add(at, "must be a single value (" + key.type().name() + "), not a "
                            + (node instanceof List ? "list" : "map"));
                }
        }
    }

    /** Nested maps under a pass-through map are joined with '.', as the other system's keys are. */
    private void flatten(Object node, String prefix, Map<String, String> out, String mapPath) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) node;
        map.forEach((name, value) -> {
            String key = prefix.isEmpty() ? name : prefix + "." + name;
            if (value instanceof Map) {
                flatten(value, key, out, mapPath);
            } else if (value instanceof String) {
                out.put(key, (String) value);
            } else if (value != null) {
                errors.add(mapPath + "." + key, "a pass-through value is a single value, not a list");
            }
        });
    }

    private String unknown(List<String> parent) {
        return "unknown key" + (schema.childrenOf(parent).isEmpty() ? ""
                : " (known " + (parent.isEmpty() ? "sections" : "under '" + ConfigKey.join(parent) + "'") + ": "
                + String.join(", ", schema.childrenOf(parent)) + ")");
    }

    private static List<String> append(List<String> path, String name) {
        List<String> child = new ArrayList<>(path);
        child.add(name);
        return child;
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
