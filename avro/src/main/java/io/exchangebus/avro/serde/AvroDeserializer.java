package io.exchangebus.avro.serde;

import io.exchangebus.avro.AvroData;
import io.exchangebus.avro.registry.SchemaRegistryClient;
import io.exchangebus.avro.registry.SchemaRegistryException;
import io.exchangebus.avro.serde.MalformedPayloadException.Problem;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro record values, fetching the writer's schema by id from the registry (once per id).
 * With {@link AvroSerdeConfig#SPECIFIC_READER} (the default) a record whose name has a generated class on the
 * classpath is read into that class, resolving the writer's schema to it (Avro schema resolution); any other
 * record comes back as a GenericRecord.
 *
 * <p>Errors are typed: a payload that is not well formed gives a {@link MalformedPayloadException} (route it to a
 * dead-letter topic and go on); a registry that cannot be reached gives a plain {@link SerializationException}
 * caused by a {@link SchemaRegistryException} (retry the same offset later). Kafka's consumer wraps either in a
 * {@code RecordDeserializationException} that names the partition and offset. Thread-safe.
 */
public final class AvroDeserializer<T> implements Deserializer<T> {
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private final Map<Integer, Decoding> decodings = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private boolean specific = true;

    /** For Kafka, which calls {@link #configure} with the client's properties. */
    public AvroDeserializer() {
    }

    /** For direct use, with a registry client of the caller's. */
    public AvroDeserializer(SchemaRegistryClient registry, boolean specific) {
        this.registry = registry;
        this.specific = specific;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.registry = config.newRegistryClient();
        this.specific = config.getBoolean(AvroSerdeConfig.SPECIFIC_READER);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < WireFormat.HEADER_LENGTH) {
            throw malformed(Problem.TRUNCATED, topic, -1, data, "shorter than the 5-byte header", null);
        }
        if (data[0] != WireFormat.MAGIC) {
            throw malformed(Problem.WRONG_MAGIC_BYTE, topic, -1, data,
                    "first byte is " + (data[0] & 0xff) + ", expected 0", null);
        }
        int schemaId = WireFormat.readSchemaId(data);
        Decoding decoding = decodings.get(schemaId);
        if (decoding == null) {
            decoding = newDecoding(topic, schemaId, data);
            decodings.putIfAbsent(schemaId, decoding);
        }
        if (decoding.incompatibility != null) {
            throw malformed(Problem.INCOMPATIBLE_SCHEMA, topic, schemaId, data, decoding.incompatibility, null);
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_LENGTH,
                data.length - WireFormat.HEADER_LENGTH, DECODERS.get());
        DECODERS.set(decoder);
        try {
            return (T) decoding.readers.get().read(null, decoder);
        } catch (EOFException e) {
            throw malformed(Problem.TRUNCATED, topic, schemaId, data, "the Avro body ends early", e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
                 | ClassCastException e) {
            throw malformed(Problem.UNDECODABLE, topic, schemaId, data, String.valueOf(e.getMessage()), e);
        }
    }

    private Decoding newDecoding(String topic, int schemaId, byte[] data) {
        Schema writer;
        try {
            writer = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw malformed(Problem.UNKNOWN_SCHEMA_ID, topic, schemaId, data, "the registry has no schema with this id", e);
            }
            throw new SerializationException("Cannot fetch schema id " + schemaId + " for topic '" + topic + "': "
                    + e.getMessage(), e);
        }
        Class<?> generated = specific ? SpecificData.get().getClass(writer) : null;
        if (generated == null || !SpecificRecordBase.class.isAssignableFrom(generated)) {
            return new Decoding(ThreadLocal.withInitial(() -> genericReader(writer)), null);
        }
        SpecificData model = SpecificData.getForClass(generated);
        Schema reader = model.getSchema(generated);
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return new Decoding(null, "writer schema cannot be read as " + reader.getFullName() + ": "
                    + compatibility.getResult().getIncompatibilities());
        }
        return new Decoding(ThreadLocal.withInitial(() -> specificReader(writer, reader, model)), null);
    }

    private static DatumReader<?> genericReader(Schema writer) {
        Optional<SameSchemaReader<Object>> same = SameSchemaReader.of(writer, AvroData.generic());
        // a shape SameSchemaReader does not cover (fixed, recursive records): Avro's own reader
        return same.isPresent() ? same.get() : new GenericDatumReader<>(writer, writer, AvroData.generic());
    }

    /** Our own compiled reader when the writer's schema is the reader's (nearly always), else Avro's resolution. */
    private static DatumReader<?> specificReader(Schema writer, Schema reader, SpecificData model) {
        if (writer.equals(reader)) {
            Optional<SameSchemaReader<Object>> same = SameSchemaReader.of(reader, model);
            if (same.isPresent()) {
                return same.get();
            }
        }
        return new SpecificDecimalReader<>(writer, reader, model);
    }

    private static MalformedPayloadException malformed(Problem problem, String topic, int schemaId, byte[] data,
                                                       String detail, Throwable cause) {
        return new MalformedPayloadException(problem, topic, schemaId, data, detail, cause);
    }

    @Override
    public void close() {
        decodings.clear();
    }

    /** Readers by thread: each holds the scratch space of its decimals ({@link DecimalReader}). */
    private record Decoding(ThreadLocal<DatumReader<?>> readers, String incompatibility) {
    }
}
