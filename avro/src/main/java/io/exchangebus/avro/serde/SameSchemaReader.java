package io.exchangebus.avro.serde;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Reads records written with the reader's own schema — the usual case: the producer's schema is the consumer's — by
 * readers compiled once from the schema, one per field, as Avro's own fast reader does, with decimals through
 * {@link DecimalReader}'s scratch buffer and {@link DecimalBytes#decode} instead of Avro's conversion. The values
 * are those Avro's reader gives: generated classes (or GenericRecords), Strings where the schema says
 * {@code avro.java.string: String} (else Utf8), decimals at the schema's scale, timestamps through the model's
 * conversions. {@link #of} declines a schema it does not cover (fixed, recursive records, {@code java-class}); the
 * caller then resolves with Avro. One thread: it holds the decimals' scratch.
 */
final class SameSchemaReader<D> implements DatumReader<D> {
    private final Schema schema;
    private final ValueReader root;

    private SameSchemaReader(Schema schema, ValueReader root) {
        this.schema = schema;
        this.root = root;
    }

    /** A reader of {@code schema} written with {@code schema}, or empty when its shape is not covered here. */
    static <D> Optional<SameSchemaReader<D>> of(Schema schema, GenericData model) {
        try {
            return Optional.of(new SameSchemaReader<>(schema, new Builder(model).reader(schema, null)));
        } catch (UnsupportedShape e) {
            return Optional.empty();
        }
    }

    @Override
    public void setSchema(Schema schema) {
        if (!this.schema.equals(schema)) {
            throw new IllegalArgumentException("a SameSchemaReader reads " + this.schema.getFullName() + " only");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public D read(D reuse, Decoder in) throws IOException {
        return (D) root.read(in);
    }

    /** Reads one value of its schema. */
    private interface ValueReader {
        Object read(Decoder in) throws IOException;
    }

    /** Compiles the readers; the decimals of one reader share one scratch buffer. */
    private static final class Builder {
        private final GenericData model;
        private final DecimalReader decimals = new DecimalReader();
        private final Set<String> recordsOnPath = new HashSet<>();

        Builder(GenericData model) {
            this.model = model;
        }

        /** {@code conversion}: the record field's own (generated classes carry one per field), else null. */
        ValueReader reader(Schema s, Conversion<?> conversion) {
            if (s.getProp(SpecificData.CLASS_PROP) != null || s.getProp(SpecificData.KEY_CLASS_PROP) != null) {
                throw new UnsupportedShape();
            }
            LogicalType logical = s.getLogicalType();
            if (logical != null) {
                Conversion<?> c = conversion != null ? conversion : model.getConversionFor(logical);
                if (c != null) {
                    return converted(s, logical, c);
                }
            }
            return plain(s);
        }

        private ValueReader converted(Schema s, LogicalType logical, Conversion<?> conversion) {
            if (DecimalReader.reads(s, logical, conversion)) {
                return in -> decimals.read(s, logical, conversion, in);
            }
            ValueReader raw = plain(s);
            return in -> Conversions.convertToLogicalType(raw.read(in), s, logical, conversion);
        }

        private ValueReader plain(Schema s) {
            switch (s.getType()) {
                case RECORD:
                    return record(s);
                case ARRAY:
                    return array(reader(s.getElementType(), null));
                case MAP:
                    return map(reader(s.getValueType(), null), isJavaString(s));
                case UNION:
                    return union(s);
                case ENUM:
                    return enumeration(s);
                case STRING:
                    return isJavaString(s) ? Decoder::readString : in -> in.readString(null);
                case BYTES:
                    return in -> in.readBytes(null);
                case INT:
                    return Decoder::readInt;
                case LONG:
                    return Decoder::readLong;
                case FLOAT:
                    return Decoder::readFloat;
                case DOUBLE:
                    return Decoder::readDouble;
                case BOOLEAN:
                    return Decoder::readBoolean;
                case NULL:
                    return in -> {
                        in.readNull();
                        return null;
                    };
                default:
                    throw new UnsupportedShape();
            }
        }

        private ValueReader record(Schema s) {
            if (!recordsOnPath.add(s.getFullName())) {
                throw new UnsupportedShape(); // recursive
            }
            Constructor<?> generated = generatedConstructor(s);
            Object prototype = generated == null ? null : newInstance(generated);
            List<Schema.Field> fields = s.getFields();
            ValueReader[] readers = new ValueReader[fields.size()];
            for (Schema.Field f : fields) {
                Conversion<?> c = prototype instanceof SpecificRecordBase r ? r.getConversion(f.pos()) : null;
                readers[f.pos()] = reader(f.schema(), c);
            }
            recordsOnPath.remove(s.getFullName());
            return in -> {
                IndexedRecord record = generated == null ? new GenericData.Record(s) : (IndexedRecord) newInstance(generated);
                for (int i = 0; i < readers.length; i++) {
                    record.put(i, readers[i].read(in));
                }
                return record;
            };
        }

        private Constructor<?> generatedConstructor(Schema s) {
            if (!(model instanceof SpecificData specific)) {
                return null;
            }
            Class<?> c = specific.getClass(s);
            if (c == null || !IndexedRecord.class.isAssignableFrom(c)) {
                return null;
            }
            try {
                return c.getConstructor();
            } catch (NoSuchMethodException e) {
                throw new UnsupportedShape();
            }
        }

        private static ValueReader array(ValueReader element) {
            return in -> {
                long n = in.readArrayStart();
                List<Object> items = new ArrayList<>((int) Math.min(n, 1024));
                for (; n > 0; n = in.arrayNext()) {
                    for (long i = 0; i < n; i++) {
                        items.add(element.read(in));
                    }
                }
                return items;
            };
        }

        private static ValueReader map(ValueReader value, boolean javaStringKeys) {
            return in -> {
                Map<Object, Object> entries = new HashMap<>();
                for (long n = in.readMapStart(); n > 0; n = in.mapNext()) {
                    for (long i = 0; i < n; i++) {
                        Object key = javaStringKeys ? in.readString() : in.readString(null);
                        entries.put(key, value.read(in));
                    }
                }
                return entries;
            };
        }

        private ValueReader union(Schema s) {
            List<Schema> branches = s.getTypes();
            ValueReader[] readers = new ValueReader[branches.size()];
            for (int i = 0; i < readers.length; i++) {
                readers[i] = reader(branches.get(i), null);
            }
            return in -> readers[in.readIndex()].read(in);
        }

        private ValueReader enumeration(Schema s) {
            List<String> symbols = s.getEnumSymbols();
            Object[] values = new Object[symbols.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = model.createEnum(symbols.get(i), s);
            }
            return in -> values[in.readEnum()];
        }

        private static boolean isJavaString(Schema s) {
            return "String".equals(s.getProp(GenericData.STRING_PROP));
        }

        private static Object newInstance(Constructor<?> c) {
            try {
                return c.newInstance();
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot make a " + c.getDeclaringClass().getName(), e);
            }
        }
    }
}
