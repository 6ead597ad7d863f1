package io.exchangebus.benchmarks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;

/**
 * The floor of the serde benchmark: a copy of a record's schema whose {@code bytes} decimals are plain {@code long}s
 * (records renamed into {@value #NAMESPACE}, so that no generated class answers for them), and a copy of a record in
 * that shape, each decimal as its unscaled value at {@link #SCALE} (exact for the benchmark's prices and quantities).
 * Everything else — strings, enums, timestamps, arrays, unions — is kept as it is.
 */
final class DecimalsAsLongs {
    static final String NAMESPACE = "io.exchangebus.benchmarks.floor";
    static final int SCALE = 8;

    private DecimalsAsLongs() {
    }

    static Schema schemaOf(Schema schema) {
        switch (schema.getType()) {
            case RECORD:
                List<Schema.Field> fields = new ArrayList<>();
                for (Schema.Field f : schema.getFields()) {
                    fields.add(new Schema.Field(f, schemaOf(f.schema())));
                }
                return Schema.createRecord(schema.getName(), schema.getDoc(), NAMESPACE, false, fields);
            case ARRAY:
                return Schema.createArray(schemaOf(schema.getElementType()));
            case UNION:
                return Schema.createUnion(schema.getTypes().stream().map(DecimalsAsLongs::schemaOf).toList());
            case BYTES:
                return schema.getLogicalType() instanceof LogicalTypes.Decimal ? Schema.create(Schema.Type.LONG) : schema;
            default:
                return schema;
        }
    }

    /** {@code value} (of a generated class, or any field of one) in the shape of {@code schema}, from {@link #schemaOf}. */
    static Object valueOf(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        switch (schema.getType()) {
            case RECORD:
                IndexedRecord from = (IndexedRecord) value;
                GenericData.Record to = new GenericData.Record(schema);
                for (Schema.Field f : schema.getFields()) {
                    to.put(f.pos(), valueOf(from.get(f.pos()), f.schema()));
                }
                return to;
            case ARRAY:
                List<Object> items = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    items.add(valueOf(item, schema.getElementType()));
                }
                return items;
            case UNION:
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL) {
                        return valueOf(value, branch);
                    }
                }
                return value;
            case ENUM:
                return new GenericData.EnumSymbol(schema, value.toString());
            case LONG:
                return value instanceof BigDecimal ? ((BigDecimal) value).movePointRight(SCALE).longValueExact() : value;
            default:
                return value;
        }
    }
}
