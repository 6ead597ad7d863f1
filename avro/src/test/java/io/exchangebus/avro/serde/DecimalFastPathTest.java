package io.exchangebus.avro.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.avro.AvroData;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.PriceLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.AvroTypeException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decimal fast path of the serde against Avro's own {@code DecimalConversion}, byte for byte when writing and
 * value and scale when reading: random values of every width and scale, the edges, and the values Avro refuses.
 */
class DecimalFastPathTest {
    private static final Schema MONEY = decimal(38, 18);
    private static final Schema[] SCHEMAS = {MONEY, decimal(20, 8), decimal(38, 0), decimal(10, 2), decimal(38, 30),
            decimal(1, 0)};

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.000000000000000000", "-0", "1", "-1", "0.000000000000000001",
            "-0.000000000000000001", "65000.01", "65000.01000000", "-65000.01", "0.00125", "1.5", "9.223372036854775807",
            "9.223372036854775808", "-9.223372036854775808", "-9.223372036854775809", "18.446744073709551616",
            "127", "128", "-128", "-129", "255", "256", "99999999999999999999.999999999999999999",
            "-99999999999999999999.999999999999999999", "12345678901234567890", "1E+19", "1E+2", "1.0000000000000000000"})
    void shouldWriteTheBytesAvroWritesForEdgeValues(String text) throws IOException {
        assertSameWrite(MONEY, new BigDecimal(text));
        assertSameRoundTrip(MONEY, new BigDecimal(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999999999999999999999", "-99999999999999999999999999999999999999",
            "18446744073709551616", "-18446744073709551617", "170141183460469231731687303715884105727",
            "9223372036854775808", "-9223372036854775809"})
    void shouldWriteTheBytesAvroWritesAtTheEdgesOfScaleZero(String text) throws IOException {
        assertSameWrite(decimal(38, 0), new BigDecimal(text));
    }

    @Test
    void shouldTakeTheHighHalfExactlyAroundEveryMultipleOfTwoToThe64() {
        Random random = new Random(64);
        for (int i = 0; i < 20_000; i++) {
            BigInteger multiple = BigInteger.valueOf(random.nextLong() >> random.nextInt(64)).shiftLeft(64);
            BigInteger value = multiple.add(BigInteger.valueOf(random.nextInt(2049) - 1024)
                    .shiftLeft(random.nextBoolean() ? 0 : random.nextInt(60)));
            if (value.bitLength() > 126) {
                continue;
            }
            assertThat(DecimalBytes.highBits(value)).as(value.toString()).isEqualTo(value.shiftRight(64).longValue());
        }
        for (int bits = 64; bits <= 126; bits++) {
            for (BigInteger edge : List.of(BigInteger.ONE.shiftLeft(bits), BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE),
                    BigInteger.ONE.shiftLeft(bits).add(BigInteger.ONE))) {
                for (BigInteger value : List.of(edge, edge.negate())) {
                    assertThat(DecimalBytes.highBits(value)).as(value.toString()).isEqualTo(value.shiftRight(64).longValue());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"100000000000000000000", "1E+20", "-100000000000000000000", "123456789012345678901.5",
            "0.0000000000000000001", "-0.0000000000000000001", "1.0000000000000000001"})
    void shouldRefuseWhatAvroRefuses(String text) {
        BigDecimal value = new BigDecimal(text);
        assertThatThrownBy(() -> write(avroWriter(MONEY), value)).isInstanceOf(AvroTypeException.class);
        assertThat(messageOf(() -> write(fastWriter(MONEY), value)))
                .isEqualTo(messageOf(() -> write(avroWriter(MONEY), value)));
    }

    @Test
    void shouldWriteAndReadLikeAvroForRandomValuesOfEveryWidthAndScale() throws IOException {
        Random random = new Random(19);
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            Schema schema = SCHEMAS[random.nextInt(SCHEMAS.length)];
            BigDecimal value = randomDecimal(random);
            assertSameWrite(schema, value);
            if (DecimalBytes.fits(value, (LogicalTypes.Decimal) schema.getLogicalType())) {
                fast++;
                assertSameRoundTrip(schema, value);
            }
        }
        assertThat(fast).as("values on the fast path").isGreaterThan(25_000);
    }

    @Test
    void shouldReadAnyBytesAsAvroReadsThem() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            byte[] unscaled = new byte[random.nextInt(21)];
            random.nextBytes(unscaled);
            if (unscaled.length > 1 && random.nextInt(4) == 0) {
                unscaled[0] = (byte) (random.nextBoolean() ? 0 : -1); // a redundant sign byte, as no Avro writer sends
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(body, null);
            encoder.writeBytes(unscaled);
            Schema schema = SCHEMAS[random.nextInt(SCHEMAS.length)];
            Object expected = readOrError(new GenericDatumReader<>(schema, schema, AvroData.generic()), body.toByteArray());
            Object actual = readOrError(fastReader(schema), body.toByteArray());
            assertThat(actual).as(Arrays.toString(unscaled)).isEqualTo(expected);
        }
    }

    @Test
    void shouldWriteAndReadGeneratedRecordsLikeAvro() throws IOException {
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            BookUpdate book = randomBook(random);
            Schema schema = book.getSchema();
            SpecificData model = SpecificData.getForClass(BookUpdate.class);
            byte[] expected = write(new SpecificDatumWriter<>(schema, model), book);
            byte[] actual = write(new SpecificDecimalWriter<>(schema, model), book);
            assertThat(actual).isEqualTo(expected);
            Object avroRead = read(new SpecificDatumReader<>(schema, schema, model), expected);
            Object fastRead = read(new SpecificDecimalReader<>(schema, schema, model), expected);
            assertThat(fastRead).isEqualTo(avroRead);
            assertSameScales((BookUpdate) fastRead, (BookUpdate) avroRead);
        }
    }

    @Test
    void shouldWriteAndReadNullableDecimalsOfGeneratedRecordsLikeAvro() throws IOException {
        AccountUpdate account = AccountUpdate.newBuilder()
                .setExchange("binance-usdm").setAccount("main").setMarginAsset("USDT")
                .setEquity(new BigDecimal("-1234.5")).setWalletBalance(null)
                .setUnrealizedPnl(new BigDecimal("0.000000000000000001").setScale(18))
                .setCurrencies(List.of()).setExchangeTime(Instant.EPOCH).setReceiveTime(Instant.EPOCH)
                .setSource(EventSource.STREAM)
                .build();
        Schema schema = account.getSchema();
        SpecificData model = SpecificData.getForClass(AccountUpdate.class);
        byte[] expected = write(new SpecificDatumWriter<>(schema, model), account);
        assertThat(write(new SpecificDecimalWriter<>(schema, model), account)).isEqualTo(expected);
        assertThat(read(new SpecificDecimalReader<>(schema, schema, model), expected))
                .isEqualTo(read(new SpecificDatumReader<>(schema, schema, model), expected));
    }

    @Test
    void shouldWriteDecimalsInArraysOfGenericRecordsLikeAvro() throws IOException {
        Schema schema = SchemaBuilder.record("Holder").namespace("test").fields()
                .name("one").type(MONEY).noDefault()
                .name("many").type(Schema.createArray(MONEY)).noDefault()
                .endRecord();
        GenericData.Record holder = new GenericData.Record(schema);
        holder.put("one", new BigDecimal("65000.01"));
        holder.put("many", List.of(new BigDecimal("1"), new BigDecimal("-123456789.123456789123456789")));
        byte[] expected = write(new GenericDatumWriter<>(schema, AvroData.generic()), holder);
        assertThat(write(new GenericDecimalWriter<>(schema, AvroData.generic()), holder)).isEqualTo(expected);
        Object avroRead = read(new GenericDatumReader<>(schema, schema, AvroData.generic()), expected);
        assertThat(read(fastReader(schema), expected)).isEqualTo(avroRead);
    }

    @Test
    void shouldAllocateNoBigIntegerPerDecimalWhereAvroDoes() throws IOException {
        BookUpdate book = randomBook(new Random(5));
        Schema schema = book.getSchema();
        SpecificData model = SpecificData.getForClass(BookUpdate.class);
        byte[] bytes = write(new SpecificDatumWriter<>(schema, model), book);
        long avroWrites = allocatedPerCall(new SpecificDatumWriter<>(schema, model), book);
        long fastWrites = allocatedPerCall(new SpecificDecimalWriter<>(schema, model), book);
        long avroReads = allocatedPerRead(new SpecificDatumReader<>(schema, schema, model), bytes);
        long fastReads = allocatedPerRead(new SpecificDecimalReader<>(schema, schema, model), bytes);
        // Avro makes a BigInteger (with its int[]), a byte[] and a ByteBuffer per decimal written, and a ByteBuffer,
        // two byte[] and a BigInteger per decimal read: at least 100 bytes each way, 80 decimals a book
        assertThat(avroWrites - fastWrites).as("bytes saved writing a book").isGreaterThan(80 * 100);
        assertThat(avroReads - fastReads).as("bytes saved reading a book").isGreaterThan(80 * 60);
    }

    private static long allocatedPerCall(DatumWriter<BookUpdate> writer, BookUpdate book) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(OutputStream.nullOutputStream(), null);
        writer.write(book, encoder);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100; i++) {
            writer.write(book, encoder);
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / 100;
    }

    private static long allocatedPerRead(DatumReader<?> reader, byte[] bytes) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
        reader.read(null, decoder);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100; i++) {
            decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
            reader.read(null, decoder);
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / 100;
    }

    // ---- helpers ----

    private static void assertSameWrite(Schema schema, BigDecimal value) throws IOException {
        String avroError = messageOf(() -> write(avroWriter(schema), value));
        if (avroError != null) {
            assertThat(messageOf(() -> write(fastWriter(schema), value))).as("refusal of " + value).isEqualTo(avroError);
            return;
        }
        assertThat(write(fastWriter(schema), value)).as(value + " as " + schema).isEqualTo(write(avroWriter(schema), value));
    }

    private static void assertSameRoundTrip(Schema schema, BigDecimal value) throws IOException {
        byte[] bytes = write(avroWriter(schema), value);
        BigDecimal avro = (BigDecimal) read(new GenericDatumReader<>(schema, schema, AvroData.generic()), bytes);
        BigDecimal fast = (BigDecimal) read(fastReader(schema), bytes);
        assertThat(fast).as(value.toString()).isEqualTo(avro);
        assertThat(fast.compareTo(value)).isZero();
    }

    private static void assertSameScales(BookUpdate fast, BookUpdate avro) {
        for (int i = 0; i < avro.getBids().size(); i++) {
            assertThat(fast.getBids().get(i).getPrice().scale()).isEqualTo(avro.getBids().get(i).getPrice().scale());
            assertThat(fast.getBids().get(i).getQuantity().scale()).isEqualTo(avro.getBids().get(i).getQuantity().scale());
        }
    }

    private static BigDecimal randomDecimal(Random random) {
        int digits = 1 + random.nextInt(40);
        BigInteger unscaled = new BigInteger(digits * 4, random);
        if (random.nextInt(3) == 0) {
            unscaled = unscaled.shiftLeft(random.nextInt(8)).add(BigInteger.valueOf(random.nextInt(3) - 1));
        }
        if (random.nextBoolean()) {
            unscaled = unscaled.negate();
        }
        int scale = random.nextInt(10) == 0 ? random.nextInt(45) - 5 : random.nextInt(20);
        return new BigDecimal(unscaled, scale);
    }

    static BookUpdate randomBook(Random random) {
        List<PriceLevel> bids = new ArrayList<>();
        List<PriceLevel> asks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bids.add(new PriceLevel(moneyValue(random), moneyValue(random)));
            asks.add(new PriceLevel(moneyValue(random), moneyValue(random)));
        }
        return BookUpdate.newBuilder()
                .setExchange("binance-spot").setSymbol("BTCUSDT").setInstrumentId("BTC-USDT")
                .setKind(BookUpdateKind.DELTA).setResync(false).setDepth(0)
                .setSequence(1L).setPreviousSequence(null).setBids(bids).setAsks(asks)
                .setExchangeTime(Instant.EPOCH).setReceiveTime(Instant.EPOCH)
                .build();
    }

    /** A value the model holds: up to 20 integer digits and 18 decimals, at its own scale or at 18. */
    private static BigDecimal moneyValue(Random random) {
        int scale = random.nextInt(19);
        int digits = 1 + random.nextInt(20 + scale);
        BigDecimal value = new BigDecimal(new BigInteger(digits * 3, random), scale);
        return random.nextBoolean() ? value.setScale(18) : value;
    }

    private static Schema decimal(int precision, int scale) {
        return LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
    }

    /** Our generic reader: the compiled one, whose decimals go through DecimalReader (as SpecificDecimalReader's). */
    private static DatumReader<Object> fastReader(Schema schema) {
        return SameSchemaReader.<Object>of(schema, AvroData.generic()).orElseThrow();
    }

    private static DatumWriter<Object> avroWriter(Schema schema) {
        return new GenericDatumWriter<>(schema, AvroData.generic());
    }

    private static DatumWriter<Object> fastWriter(Schema schema) {
        return new GenericDecimalWriter<>(schema, AvroData.generic());
    }

    static <T> byte[] write(DatumWriter<T> writer, T value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(value, encoder);
        return out.toByteArray();
    }

    static Object read(DatumReader<?> reader, byte[] bytes) throws IOException {
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    private static Object readOrError(DatumReader<?> reader, byte[] bytes) {
        try {
            return read(reader, bytes);
        } catch (IOException | RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private interface Action {
        void run() throws IOException;
    }

    /** The message of what the action throws, or null when it does not throw. */
    private static String messageOf(Action action) {
        try {
            action.run();
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
