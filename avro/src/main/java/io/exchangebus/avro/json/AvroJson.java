package io.exchangebus.avro.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import io.exchangebus.avro.AvroData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Renders an Avro record as one line of JSON for people and scripts: decimals as strings (exact, never a JSON
 * number that a reader might parse as a double), timestamps as ISO-8601 UTC, enums as their names, byte fields in
 * base64. A union of several record types writes its value as {@code {"TypeName": {...}}} so the branch is known.
 */
public final class AvroJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private AvroJson() {
    }

    /** The record as one line of JSON. */
    public static String toJson(IndexedRecord record) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writeRecord(json, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeRecord(JsonGenerator json, IndexedRecord record) throws IOException {
        json.writeStartObject();
        for (Schema.Field field : record.getSchema().getFields()) {
            json.writeFieldName(field.name());
            writeValue(json, field.schema(), record.get(field.pos()));
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, Schema schema, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (schema.getType()) {
            case UNION -> writeUnion(json, schema, value);
            case RECORD -> writeRecord(json, (IndexedRecord) value);
            case ARRAY -> {
                json.writeStartArray();
                for (Object item : (List<?>) value) {
                    writeValue(json, schema.getElementType(), item);
                }
                json.writeEndArray();
            }
            case MAP -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    json.writeFieldName(e.getKey().toString());
                    writeValue(json, schema.getValueType(), e.getValue());
                }
                json.writeEndObject();
            }
            case ENUM -> json.writeString(value instanceof GenericEnumSymbol<?> s ? s.toString() : value.toString());
            case STRING -> json.writeString(value.toString());
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case INT -> json.writeNumber((Integer) value);
            case LONG -> writeLong(json, schema, value);
            case BYTES, FIXED -> writeBytes(json, schema, value);
            default -> json.writeString(value.toString());
        }
    }

    private static void writeUnion(JsonGenerator json, Schema union, Object value) throws IOException {
        Schema branch = union.getTypes().get(AvroData.generic().resolveUnion(union, value));
        long nonNull = union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).count();
        if (nonNull > 1 && branch.getType() == Schema.Type.RECORD) {
            json.writeStartObject();
            json.writeFieldName(branch.getName());
            writeValue(json, branch, value);
            json.writeEndObject();
        } else {
            writeValue(json, branch, value);
        }
    }

    private static void writeLong(JsonGenerator json, Schema schema, Object value) throws IOException {
        if (value instanceof Instant instant) {
            json.writeString(instant.toString());
        } else if (schema.getLogicalType() instanceof LogicalTypes.TimestampMicros) {
            long micros = (Long) value;
            json.writeString(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L).toString());
        } else {
            json.writeNumber((Long) value);
        }
    }

    private static void writeBytes(JsonGenerator json, Schema schema, Object value) throws IOException {
        if (value instanceof BigDecimal decimal) {
            json.writeString(decimal.stripTrailingZeros().toPlainString());
            return;
        }
        byte[] bytes = value instanceof ByteBuffer buffer ? toArray(buffer) : ((GenericFixed) value).bytes();
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            BigDecimal number = new BigDecimal(new BigInteger(bytes), decimal.getScale());
            json.writeString(number.stripTrailingZeros().toPlainString());
        } else {
            json.writeString(Base64.getEncoder().encodeToString(bytes));
        }
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
