package io.exchangebus.avro.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Writes generated records (SpecificRecordBase) by writers compiled once from the schema, one per field — the mirror
 * of {@link SameSchemaReader} — instead of Avro's dispatch on the schema's type and its conversion lookup for every
 * field of every record. The bytes are those Avro's SpecificDatumWriter writes with the model's conversions: a
 * record field is converted by the field's own conversion (the generated class's), any other value (array items,
 * map values, union branches) by the conversion for its class, as Avro does; decimals that {@link DecimalBytes#fits}
 * go through {@link DecimalWriter} straight to the encoder, anything else through Avro's conversion.
 *
 * <p>A record Avro refuses (a decimal that does not fit its field, a null in a required field) is refused with the
 * exception Avro's writer throws for it: on any failure the cold path writes the record again with {@code avro}, the
 * caller's Avro writer, to a null sink and throws what it throws. What was written to the encoder before the failure
 * is left there, as with Avro's writer. {@link #of} declines a schema it does not cover (fixed, recursive records,
 * records without a generated class, {@code java-class}, custom coders); the caller then writes with Avro.
 * One thread: it holds the decimals' scratch.
 */
final class CompiledSpecificWriter<D> implements DatumWriter<D> {
    private final Schema schema;
    private final ValueWriter root;
    private final DatumWriter<D> avro;

    private CompiledSpecificWriter(Schema schema, ValueWriter root, DatumWriter<D> avro) {
        this.schema = schema;
        this.root = root;
        this.avro = avro;
    }

    /**
     * A writer of the generated records of {@code schema}, or empty when its shape is not covered here.
     * {@code avro}: Avro's writer of the same schema and model, which the cold path asks why a record is refused.
     */
    static <D> Optional<CompiledSpecificWriter<D>> of(Schema schema, SpecificData model, DatumWriter<D> avro) {
        if (model.useCustomCoders()) {
            return Optional.empty(); // Avro would write records with their generated coders
        }
        try {
            return Optional.of(new CompiledSpecificWriter<>(schema, new Builder(model).value(schema), avro));
        } catch (UnsupportedShape e) {
            return Optional.empty();
        }
    }

    @Override
    public void setSchema(Schema schema) {
        if (!this.schema.equals(schema)) {
            throw new IllegalArgumentException("a CompiledSpecificWriter writes " + this.schema.getFullName()
                    + " only");
        }
    }

    @Override
    public void write(D datum, Encoder out) throws IOException {
        if (!(datum instanceof SpecificRecordBase)) {
            avro.write(datum, out); // a GenericRecord of a generated schema: Avro converts its fields by class
            return;
        }
        try {
            root.write(datum, out);
        } catch (RuntimeException e) {
            throw refusal(datum, e);
        }
    }

    /** Cold path: the exception Avro's writer throws for {@code datum}; a bug here if Avro writes it. */
    private RuntimeException refusal(D datum, RuntimeException ours) throws IOException {
        try {
            avro.write(datum, EncoderFactory.get().directBinaryEncoder(OutputStream.nullOutputStream(), null));
        } catch (RuntimeException avroRefusal) {
            return avroRefusal;
        }
        return new IllegalStateException("Avro writes the " + schema.getFullName() + " the compiled writer refused",
                ours);
    }

    /** Writes one value of its schema. */
    private interface ValueWriter {
        void write(Object datum, Encoder out) throws IOException;
    }

    /** Compiles the writers; the decimals of one writer share one scratch buffer. */
    private static final class Builder {
        private final SpecificData model;
        private final DecimalWriter decimals = new DecimalWriter();
        private final Set<String> recordsOnPath = new HashSet<>();

        Builder(SpecificData model) {
            this.model = model;
        }

        /** A record field: Avro converts its value by the field's own conversion only, and writes it as is without. */
        ValueWriter field(Schema s, Conversion<?> conversion) {
            LogicalType logical = s.getLogicalType();
            return conversion != null && logical != null ? converted(s, logical, conversion) : plain(s);
        }

        /** Any other value: Avro converts it by the conversion registered for its class, if any. */
        ValueWriter value(Schema s) {
            LogicalType logical = s.getLogicalType();
            Conversion<?> expected = logical == null ? null : model.getConversionFor(logical);
            if (expected == null) {
                return plain(s); // no conversion of this logical type at all, so none for any class
            }
            ValueWriter converted = converted(s, logical, expected);
            ValueWriter plain = plain(s);
            Class<?> convertedType = expected.getConvertedType();
            return (datum, out) -> {
                if (datum != null && datum.getClass() == convertedType) {
                    converted.write(datum, out);
                } else {
                    Conversion<?> c = datum == null ? null : model.getConversionByClass(datum.getClass(), logical);
                    plain.write(c == null ? datum : Conversions.convertToRawType(datum, s, logical, c), out);
                }
            };
        }

        private ValueWriter converted(Schema s, LogicalType logical, Conversion<?> conversion) {
            ValueWriter raw = plain(s);
            if (DecimalWriter.writes(s, logical, conversion)) {
                LogicalTypes.Decimal type = (LogicalTypes.Decimal) logical;
                return (datum, out) -> {
                    if (!(datum instanceof BigDecimal value) || !decimals.tryWrite(value, type, out)) {
                        raw.write(Conversions.convertToRawType(datum, s, logical, conversion), out);
                    }
                };
            }
            return (datum, out) -> raw.write(Conversions.convertToRawType(datum, s, logical, conversion), out);
        }

        private ValueWriter plain(Schema s) {
            if (s.getProp(SpecificData.CLASS_PROP) != null || s.getProp(SpecificData.KEY_CLASS_PROP) != null) {
                throw new UnsupportedShape(); // Avro writes such values through their toString
            }
            switch (s.getType()) {
                case RECORD:
                    return record(s);
                case ARRAY:
                    return array(value(s.getElementType()));
                case MAP:
                    return map(value(s.getValueType()));
                case UNION:
                    return union(s);
                case ENUM:
                    return (datum, out) -> out.writeEnum(datum instanceof Enum<?> e
                            ? e.ordinal() : s.getEnumOrdinal(((GenericEnumSymbol<?>) datum).toString()));
                case STRING:
                    return (datum, out) -> out.writeString((CharSequence) datum);
                case BYTES:
                    return (datum, out) -> out.writeBytes((ByteBuffer) datum);
                case INT:
                    return (datum, out) -> out.writeInt(((Number) datum).intValue());
                case LONG:
                    return (datum, out) -> out.writeLong(((Number) datum).longValue());
                case FLOAT:
                    return (datum, out) -> out.writeFloat(((Number) datum).floatValue());
                case DOUBLE:
                    return (datum, out) -> out.writeDouble(((Number) datum).doubleValue());
                case BOOLEAN:
                    return (datum, out) -> out.writeBoolean((Boolean) datum);
                case NULL:
                    return (datum, out) -> out.writeNull();
                default:
                    throw new UnsupportedShape();
            }
        }

        private ValueWriter record(Schema s) {
            if (!recordsOnPath.add(s.getFullName())) {
                throw new UnsupportedShape(); // recursive
            }
            if (!(model.newRecord(null, s) instanceof SpecificRecordBase prototype)) {
                throw new UnsupportedShape(); // Avro writes other records' fields with conversions by class
            }
            List<Schema.Field> fields = s.getFields();
            ValueWriter[] writers = new ValueWriter[fields.size()];
            for (Schema.Field f : fields) {
                writers[f.pos()] = field(f.schema(), prototype.getConversion(f.pos()));
            }
            recordsOnPath.remove(s.getFullName());
            return (datum, out) -> {
                IndexedRecord record = (IndexedRecord) datum;
                for (int i = 0; i < writers.length; i++) {
                    writers[i].write(record.get(i), out);
                }
            };
        }

        private static ValueWriter array(ValueWriter item) {
            return (datum, out) -> {
                Collection<?> items = (Collection<?>) datum;
                out.writeArrayStart();
                out.setItemCount(items.size());
                if (items instanceof List<?> list && items instanceof RandomAccess) {
                    for (int i = 0, n = list.size(); i < n; i++) {
                        out.startItem();
                        item.write(list.get(i), out);
                    }
                } else {
                    for (Object each : items) {
                        out.startItem();
                        item.write(each, out);
                    }
                }
                out.writeArrayEnd();
            };
        }

        private static ValueWriter map(ValueWriter value) {
            return (datum, out) -> {
                Map<?, ?> entries = (Map<?, ?>) datum;
                out.writeMapStart();
                out.setItemCount(entries.size());
                for (Map.Entry<?, ?> entry : entries.entrySet()) {
                    out.startItem();
                    out.writeString(entry.getKey().toString());
                    value.write(entry.getValue(), out);
                }
                out.writeMapEnd();
            };
        }

        /**
         * A union of null and one branch needs no resolution: a generated class's field holds only the branch's type
         * (its setter and {@code put} cast to it). Any other union is resolved by the model, as Avro does.
         */
        private ValueWriter union(Schema s) {
            List<Schema> branches = s.getTypes();
            ValueWriter[] writers = new ValueWriter[branches.size()];
            for (int i = 0; i < writers.length; i++) {
                writers[i] = value(branches.get(i));
            }
            Integer nullIndex = s.getIndexNamed(Schema.Type.NULL.getName());
            if (branches.size() == 2 && nullIndex != null) {
                int isNull = nullIndex;
                int other = 1 - isNull;
                ValueWriter branch = writers[other];
                return (datum, out) -> {
                    if (datum == null) {
                        out.writeIndex(isNull);
                        out.writeNull();
                    } else {
                        out.writeIndex(other);
                        branch.write(datum, out);
                    }
                };
            }
            return (datum, out) -> {
                int i = model.resolveUnion(s, datum);
                out.writeIndex(i);
                writers[i].write(datum, out);
            };
        }
    }
}
