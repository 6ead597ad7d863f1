package io.exchangebus.avro.serde;

import io.exchangebus.avro.AvroData;
import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.avro.InexactValueException;
import io.exchangebus.avro.registry.SchemaRegistryClient;
import io.exchangebus.avro.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated event classes or GenericRecord) in the Confluent wire format, registering or
 * looking up the schema under the subject {@code <topic>-value} ({@code <topic>-key} for keys).
 *
 * <p>The subject's schema id is asked of the registry once per topic and schema, then cached. A record that
 * cannot be encoded (a money value that does not fit its decimal field exactly, a null in a required field) fails
 * with a {@link SerializationException} naming the field; nothing is rounded. Thread-safe.
 */
public final class AvroSerializer<T extends GenericContainer> implements Serializer<T> {
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    private final Map<TopicSchema, Encoding> encodings = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private boolean autoRegister;
    private String subjectSuffix = "-value";
    /** The encoding used last: a producer usually writes one schema to one topic, so this hits nearly always. */
    private volatile Encoding last;

    /** For Kafka, which calls {@link #configure} with the client's properties. */
    public AvroSerializer() {
    }

    /** For direct use: a serializer of record values with a registry client of the caller's. */
    public AvroSerializer(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.registry = config.newRegistryClient();
        this.autoRegister = config.getBoolean(AvroSerdeConfig.AUTO_REGISTER);
        this.subjectSuffix = isKey ? "-key" : "-value";
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        Schema schema = data.getSchema();
        Encoding encoding = last;
        if (encoding == null || encoding.schema != schema || !encoding.topic.equals(topic)) {
            encoding = encodings.computeIfAbsent(new TopicSchema(topic, schema), this::newEncoding);
            last = encoding;
        }
        Buffer buffer = BUFFERS.get();
        buffer.startRecord();
        buffer.encoder = EncoderFactory.get().directBinaryEncoder(buffer, buffer.encoder);
        try {
            encoding.writers.get().write(data, buffer.encoder);
        } catch (IOException | RuntimeException e) {
            throw encodingError(topic, data, e);
        }
        return buffer.toFramedBytes(encoding.id);
    }

    private Encoding newEncoding(TopicSchema key) {
        String subject = key.topic + subjectSuffix;
        int id;
        try {
            if (autoRegister) {
                id = registry.register(subject, key.schema);
            } else {
                Optional<Integer> found = registry.lookup(subject, key.schema);
                id = found.orElseThrow(() -> new SerializationException("Schema " + key.schema.getFullName()
                        + " is not registered under subject '" + subject + "' and auto-registration is off ("
                        + AvroSerdeConfig.AUTO_REGISTER + "=false)"));
            }
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot get a schema id for " + key.schema.getFullName()
                    + " under subject '" + subject + "': " + e.getMessage(), e);
        }
        return new Encoding(key.topic, key.schema, id, ThreadLocal.withInitial(() -> writerFor(key.schema)));
    }

    /**
     * A writer for one thread: it holds the scratch space of its decimals ({@link DecimalWriter}). Generated records
     * are written by a writer compiled from their schema, Avro's (with the decimal fast path) where it declines one.
     */
    private static DatumWriter<Object> writerFor(Schema schema) {
        Class<?> generated = SpecificData.get().getClass(schema);
        if (generated != null && SpecificRecordBase.class.isAssignableFrom(generated)) {
            SpecificData model = SpecificData.getForClass(generated);
            DatumWriter<Object> avro = new SpecificDecimalWriter<>(schema, model);
            return CompiledSpecificWriter.of(schema, model, avro).<DatumWriter<Object>>map(w -> w).orElse(avro);
        }
        return new GenericDecimalWriter<>(schema, AvroData.generic());
    }

    /** Cold path: say which field and value could not be encoded. */
    private static SerializationException encodingError(String topic, GenericContainer data, Exception e) {
        if (data instanceof IndexedRecord) {
            Optional<InexactValueException> inexact = ExactDecimals.findInexact((IndexedRecord) data);
            if (inexact.isPresent()) {
                return new SerializationException("Cannot write " + data.getSchema().getName() + " to topic '" + topic
                        + "': " + inexact.get().getMessage(), inexact.get());
            }
        }
        return new SerializationException("Cannot write " + data.getSchema().getName() + " to topic '" + topic
                + "': " + e.getMessage(), e);
    }

    @Override
    public void close() {
        encodings.clear();
        last = null;
    }

    private record TopicSchema(String topic, Schema schema) {
    }

    private record Encoding(String topic, Schema schema, int id, ThreadLocal<DatumWriter<Object>> writers) {
    }

    /** A growable buffer reused by one thread: header space first, then the Avro body. */
    private static final class Buffer extends ByteArrayOutputStream {
        BinaryEncoder encoder;

        Buffer() {
            super(512);
        }

        void startRecord() {
            count = WireFormat.HEADER_LENGTH;
        }

        /*
         * Unsynchronized: the buffer is one thread's, and the direct encoder writes every varint and every field
         * through here, so ByteArrayOutputStream's monitor cost more than the encoding of a book's 80 numbers.
         */
        @Override
        public void write(int b) {
            ensureCapacity(count + 1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensureCapacity(count + len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void ensureCapacity(int capacity) {
            if (capacity > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, capacity));
            }
        }

        byte[] toFramedBytes(int schemaId) {
            byte[] out = Arrays.copyOf(buf, count);
            WireFormat.writeHeader(out, schemaId);
            return out;
        }
    }
}
