package io.exchangebus.benchmarks;

import io.exchangebus.avro.AvroData;
import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.avro.registry.SchemaRegistryClient;
import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerializer;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.localstack.process.WorkDir;
import io.exchangebus.localstack.registry.RegistryLocator;
import io.exchangebus.localstack.registry.RegistryProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serializing and deserializing a 20+20-level {@link BookUpdate} in the Confluent wire format, through the real
 * schema registry (started as a process for the trial; after the first call its answers are cached, so what is
 * measured is the framing and Avro encoding of 80 exact decimals, not HTTP):
 * <ul>
 * <li>{@code serialize}, {@code deserialize}: our serde ({@code AvroSerializer}, {@code AvroDeserializer}), whose
 *     decimals go through {@code DecimalBytes}, not a BigInteger per value; the generated BookUpdate is written by
 *     the writer compiled from its schema ({@code CompiledSpecificWriter}) and read by {@code SameSchemaReader};</li>
 * <li>{@code floorSerialize}, {@code floorDeserialize}: the floor — the same serde on the same record shape with its
 *     80 decimals replaced by longs ({@link DecimalsAsLongs}), a GenericRecord under a topic of its own; being no
 *     generated record, it is written by Avro's GenericDatumWriter (with the serde's decimal hook, idle here), so the
 *     floor stays "Avro encoding the same record with longs";</li>
 * <li>{@code avroConversionSerialize}, {@code avroConversionDeserialize}: Avro's own SpecificDatumWriter and
 *     SpecificDatumReader with its {@code DecimalConversion} (what the serde did before), on the body without the
 *     5-byte header.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BookUpdateSerdeBenchmark {
    private static final String TOPIC = Topics.MARKET_BOOK.name();
    private static final String FLOOR_TOPIC = "benchmark.book-decimals-as-longs";

    private WorkDir workDir;
    private RegistryProcess registry;
    private AvroSerializer<BookUpdate> serializer;
    private AvroDeserializer<BookUpdate> deserializer;
    private BookUpdate book;
    private byte[] bytes;
    private AvroSerializer<GenericRecord> floorSerializer;
    private AvroDeserializer<GenericRecord> floorDeserializer;
    private GenericRecord floorBook;
    private byte[] floorBytes;
    private SpecificDatumWriter<BookUpdate> avroWriter;
    private SpecificDatumReader<BookUpdate> avroReader;
    private final ByteArrayOutputStream avroOut = new ByteArrayOutputStream(1024);
    private BinaryEncoder avroEncoder;
    private BinaryDecoder avroDecoder;
    private byte[] avroBody;

    @Setup(Level.Trial)
    public void startRegistry() throws IOException {
        workDir = WorkDir.create();
        registry = RegistryProcess.start(workDir.resolve("registry"), RegistryLocator.fromEnvironment().locate(),
                Duration.ofSeconds(90));
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClient.Settings.of(registry.ccompatUrl()));
        serializer = new AvroSerializer<>(client, true);
        deserializer = new AvroDeserializer<>(client, true);
        book = twentyByTwenty();
        bytes = serializer.serialize(TOPIC, book);
        if (!book.equals(deserializer.deserialize(TOPIC, bytes))) {
            throw new IllegalStateException("round trip changed the book");
        }
        floorSerializer = new AvroSerializer<>(client, true);
        floorDeserializer = new AvroDeserializer<>(client, true);
        floorBook = (GenericRecord) DecimalsAsLongs.valueOf(book, DecimalsAsLongs.schemaOf(book.getSchema()));
        floorBytes = floorSerializer.serialize(FLOOR_TOPIC, floorBook);
        if (AvroData.generic().compare(floorBook, floorDeserializer.deserialize(FLOOR_TOPIC, floorBytes),
                floorBook.getSchema()) != 0) {
            throw new IllegalStateException("round trip changed the floor's book");
        }
        SpecificData model = SpecificData.getForClass(BookUpdate.class);
        avroWriter = new SpecificDatumWriter<>(book.getSchema(), model);
        avroReader = new SpecificDatumReader<>(book.getSchema(), book.getSchema(), model);
        avroBody = Arrays.copyOfRange(bytes, 5, bytes.length);
        if (!Arrays.equals(avroConversionSerialize(), avroBody) || !book.equals(avroConversionDeserialize())) {
            throw new IllegalStateException("Avro's own conversion does not write or read the serde's bytes");
        }
    }

    @TearDown(Level.Trial)
    public void stopRegistry() {
        registry.close();
        workDir.close();
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize(TOPIC, book);
    }

    @Benchmark
    public BookUpdate deserialize() {
        return deserializer.deserialize(TOPIC, bytes);
    }

    @Benchmark
    public byte[] floorSerialize() {
        return floorSerializer.serialize(FLOOR_TOPIC, floorBook);
    }

    @Benchmark
    public GenericRecord floorDeserialize() {
        return floorDeserializer.deserialize(FLOOR_TOPIC, floorBytes);
    }

    @Benchmark
    public byte[] avroConversionSerialize() throws IOException {
        avroOut.reset();
        avroEncoder = EncoderFactory.get().directBinaryEncoder(avroOut, avroEncoder);
        avroWriter.write(book, avroEncoder);
        return avroOut.toByteArray();
    }

    @Benchmark
    public BookUpdate avroConversionDeserialize() throws IOException {
        avroDecoder = DecoderFactory.get().binaryDecoder(avroBody, avroDecoder);
        return avroReader.read(null, avroDecoder);
    }

    /** A BTCUSDT-like book: 20 bids and 20 asks one tick apart, quantities with 5 to 8 decimals. */
    static BookUpdate twentyByTwenty() {
        List<PriceLevel> bids = new ArrayList<>(20);
        List<PriceLevel> asks = new ArrayList<>(20);
        BigDecimal tick = new BigDecimal("0.01");
        for (int i = 0; i < 20; i++) {
            BigDecimal offset = tick.multiply(BigDecimal.valueOf(i));
            bids.add(new PriceLevel(exact(new BigDecimal("65000.00").subtract(offset)),
                    exact(new BigDecimal("0.00125").add(new BigDecimal("0.00031417").multiply(BigDecimal.valueOf(i))))));
            asks.add(new PriceLevel(exact(new BigDecimal("65000.01").add(offset)),
                    exact(new BigDecimal("1.5").add(new BigDecimal("0.25").multiply(BigDecimal.valueOf(i))))));
        }
        return BookUpdate.newBuilder()
                .setExchange("binance-spot").setSymbol("BTCUSDT").setInstrumentId("BTC-USDT")
                .setKind(BookUpdateKind.SNAPSHOT).setResync(false).setDepth(20)
                .setSequence(51234567890L).setPreviousSequence(null)
                .setBids(bids).setAsks(asks)
                .setExchangeTime(Instant.parse("2026-11-21T10:15:30.123Z"))
                .setReceiveTime(Instant.parse("2026-11-21T10:15:30.125001Z"))
                .build();
    }

    private static BigDecimal exact(BigDecimal value) {
        return ExactDecimals.exact("benchmark", value);
    }
}
