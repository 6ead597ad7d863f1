package io.exchangebus.avro.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.avro.compat.BackwardCompatibility.Break;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Forward compatibility of the current model with a release: the released schema, as reader, must read data
 * written with the current one (Avro schema resolution). That is what lets a consumer not yet upgraded survive a
 * producer upgraded first — the reason enums that will grow carry a default symbol.
 *
 * <p>One allowance, and only one: an enum's default symbol is never written (mapping fails on an exchange value it
 * does not know rather than writing the default), so when the current model gives an enum a default symbol the
 * release lacks, that symbol is left out of the writer's schema before the check. Any other symbol the release's
 * reader lacks, without a default of its own, is a break.
 */
public final class ForwardCompatibility {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ForwardCompatibility() {
    }

    /** What breaks, empty when every released record reads what the current schemas write. */
    public static List<Break> check(Map<String, Schema> released, Map<String, Schema> current) {
        List<Break> breaks = new ArrayList<>();
        released.forEach((name, old) -> {
            Schema now = current.get(name);
            if (now == null) {
                // A removed record is a backward break (BackwardCompatibility); an old reader just gets no more data.
                return;
            }
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(old, asWritten(now, old));
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
                    breaks.add(new Break(name, incompatibility.getLocation(),
                            incompatibility.getType() + ": " + incompatibility.getMessage()));
                }
            }
        });
        return breaks;
    }

    /**
     * {@code current} as producers write it next to readers on {@code released}: without the default symbol of each
     * enum whose released version lacks that symbol.
     */
    static Schema asWritten(Schema current, Schema released) {
        Map<String, Schema> oldEnums = new HashMap<>();
        NamedTypes.of(released).forEach((n, s) -> {
            if (s.getType() == Schema.Type.ENUM) {
                oldEnums.put(n, s);
            }
        });
        Map<String, String> unwritten = new HashMap<>();
        NamedTypes.of(current).forEach((n, s) -> {
            Schema old = oldEnums.get(n);
            if (s.getType() == Schema.Type.ENUM && s.getEnumDefault() != null && old != null
                    && !old.hasEnumSymbol(s.getEnumDefault())) {
                unwritten.put(n, s.getEnumDefault());
            }
        });
        if (unwritten.isEmpty()) {
            return current;
        }
        try {
            JsonNode json = JSON.readTree(current.toString());
            strip(json, null, unwritten);
            return new Schema.Parser().parse(json.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Avro's own JSON of " + current.getFullName() + " does not parse", e);
        }
    }

    /** Removes the unwritten default symbols (and the default itself) from the enums defined in {@code node}. */
    private static void strip(JsonNode node, String namespace, Map<String, String> unwritten) {
        if (node.isArray()) {
            node.forEach(child -> strip(child, namespace, unwritten));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        String ns = object.hasNonNull("namespace") ? object.get("namespace").asText() : namespace;
        String type = object.path("type").isTextual() ? object.get("type").asText() : "";
        if (("record".equals(type) || "enum".equals(type)) && object.has("name")) {
            String name = object.get("name").asText();
            String full = name.contains(".") ? name : (ns == null || ns.isEmpty() ? name : ns + "." + name);
            ns = full.contains(".") ? full.substring(0, full.lastIndexOf('.')) : ns;
            String symbol = unwritten.get(full);
            if ("enum".equals(type) && symbol != null) {
                ArrayNode kept = JSON.createArrayNode();
                object.get("symbols").forEach(s -> {
                    if (!s.asText().equals(symbol)) {
                        kept.add(s);
                    }
                });
                object.set("symbols", kept);
                object.remove("default");
            }
        }
        for (String field : List.of("type", "fields", "items", "values")) {
            if (object.has(field)) {
                strip(object.get(field), ns, unwritten);
            }
        }
    }
}
