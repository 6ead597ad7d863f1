package io.exchangebus.avro.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/** The named types (records, enums, fixed) reachable from a schema, each once, by full name. */
final class NamedTypes {
    private NamedTypes() {
    }

    static Map<String, Schema> of(Schema root) {
        Map<String, Schema> seen = new LinkedHashMap<>();
        List<Schema> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            Schema s = pending.remove(pending.size() - 1);
            switch (s.getType()) {
                case RECORD -> {
                    if (seen.putIfAbsent(s.getFullName(), s) == null) {
                        s.getFields().forEach(f -> pending.add(f.schema()));
                    }
                }
                case ENUM, FIXED -> seen.putIfAbsent(s.getFullName(), s);
                case UNION -> pending.addAll(s.getTypes());
                case ARRAY -> pending.add(s.getElementType());
                case MAP -> pending.add(s.getValueType());
                default -> {
                }
            }
        }
        return seen;
    }
}
