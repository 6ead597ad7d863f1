package io.exchangebus.avro.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Backward compatibility of the current model with a release: every record released must still be there, and
 * the current schema, as reader, must read data written with the released one (Avro schema resolution). That is
 * what lets a consumer upgraded first read the topic's history.
 */
public final class BackwardCompatibility {
    private BackwardCompatibility() {
    }

    /** One way the current model breaks a release. */
    public record Break(String record, String location, String problem) {
        @Override
        public String toString() {
            return record + " at " + location + ": " + problem;
        }
    }

    /** What breaks, empty when the current schemas read every released record. */
    public static List<Break> check(Map<String, Schema> released, Map<String, Schema> current) {
        List<Break> breaks = new ArrayList<>();
        released.forEach((name, old) -> {
            Schema now = current.get(name);
            if (now == null) {
                breaks.add(new Break(name, "/", "record removed: data written with it could no longer be read"));
                return;
            }
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(now, old);
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
                    breaks.add(new Break(name, incompatibility.getLocation(),
                            incompatibility.getType() + ": " + incompatibility.getMessage()));
                }
            }
        });
        return breaks;
    }
}
