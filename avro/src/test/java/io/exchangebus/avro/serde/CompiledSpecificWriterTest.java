package io.exchangebus.avro.serde;

import static io.exchangebus.avro.serde.DecimalFastPathTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.AvroData;
import io.exchangebus.avro.EventModel;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.PriceLevel;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.AvroTypeException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compiled writer against Avro's SpecificDatumWriter with its DecimalConversion: the same bytes for random events
 * of every type in the catalogue, and the same refusals (exception type and message) for what Avro refuses.
 */
class CompiledSpecificWriterTest {
    /** Decimals at the edges of decimal(38, 18): zero at two scales, signs, the last digit, the widest values. */
    private static final List<BigDecimal> EDGES = List.of(BigDecimal.ZERO, new BigDecimal("0E-18"),
            new BigDecimal("-1"), new BigDecimal("0.000000000000000001"), new BigDecimal("-0.000000000000000001"),
            new BigDecimal("65000.01"), new BigDecimal("1E+19"), new BigDecimal("-9.223372036854775808"),
            new BigDecimal("99999999999999999999.999999999999999999"),
            new BigDecimal("-99999999999999999999.999999999999999999"), new BigDecimal("99999999999999999999"),
            new BigDecimal("1.0000000000000000000"));

    @Test
    void shouldWriteEveryEventOfTheCatalogueAsAvroDoes() throws IOException {
        Random random = new Random(2);
        for (Schema schema : EventModel.TOPIC_VALUES) {
            SpecificData model = SpecificData.getForClass(SpecificData.get().getClass(schema));
            DatumWriter<Object> avro = new SpecificDatumWriter<>(schema, model);
            DatumWriter<Object> compiled = compiled(schema, model);
            for (int i = 0; i < 300; i++) {
                Object event = randomValue(schema, model, random);
                assertThat(outcome(compiled, event)).as(schema.getName() + " " + event).isEqualTo(outcome(avro, event));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"100000000000000000000", "1E+20", "-100000000000000000000", "0.0000000000000000001",
            "-0.0000000000000000001", "123456789012345678901.5"})
    void shouldRefuseDecimalsOutOfRangeAsTheSerializerDoes(String text) {
        BookUpdate book = DecimalFastPathTest.randomBook(new Random(1));
        book.getAsks().set(7, new PriceLevel(new BigDecimal("65000.01"), new BigDecimal(text)));
        SpecificData model = SpecificData.getForClass(BookUpdate.class);
        String today = outcome(new SpecificDecimalWriter<>(book.getSchema(), model), book);
        assertThat(today).startsWith(AvroTypeException.class.getName());
        assertThat(outcome(compiled(book.getSchema(), model), book)).isEqualTo(today);
    }

    @Test
    void shouldRefuseNullsInRequiredFieldsAndNullableDecimalsOutOfRangeAsTheSerializerDoes() {
        AccountUpdate account = AccountUpdate.newBuilder()
                .setExchange("binance-usdm").setAccount("main").setMarginAsset("USDT")
                .setEquity(new BigDecimal("-1234.5")).setWalletBalance(new BigDecimal("1E+21"))
                .setCurrencies(List.of()).setExchangeTime(Instant.EPOCH).setReceiveTime(Instant.EPOCH)
                .setSource(EventSource.STREAM)
                .build();
        SpecificData model = SpecificData.getForClass(AccountUpdate.class);
        Schema schema = account.getSchema();
        assertSameRefusal(schema, model, account);
        account.setWalletBalance(null);
        account.setAccount(null);
        assertSameRefusal(schema, model, account);
        BookUpdate book = DecimalFastPathTest.randomBook(new Random(1));
        book.getBids().get(3).setQuantity(null);
        assertSameRefusal(book.getSchema(), SpecificData.getForClass(BookUpdate.class), book);
    }

    @Test
    void shouldDeclineRecordsWithoutAGeneratedClass() {
        Schema generic = SchemaBuilder.record("Holder").namespace("test").fields()
                .name("one").type().longType().noDefault().endRecord();
        SpecificData model = SpecificData.get();
        assertThat(CompiledSpecificWriter.of(generic, model, new SpecificDatumWriter<>(generic, model))).isEmpty();
    }

    @Test
    void shouldWriteAGenericRecordOfAGeneratedSchemaWithAvro() throws IOException {
        Schema schema = PriceLevel.getClassSchema();
        GenericData.Record level = new GenericData.Record(schema);
        level.put("price", new BigDecimal("65000.01"));
        level.put("quantity", new BigDecimal("-0.5"));
        SpecificData model = SpecificData.getForClass(PriceLevel.class);
        assertThat(write(compiled(schema, model), level))
                .isEqualTo(write(new GenericDecimalWriter<>(schema, AvroData.generic()), level));
    }

    private static void assertSameRefusal(Schema schema, SpecificData model, Object event) {
        String today = outcome(new SpecificDecimalWriter<>(schema, model), event);
        assertThat(today).as("Avro refuses " + event).doesNotStartWith("[");
        assertThat(outcome(compiled(schema, model), event)).isEqualTo(today);
    }

    private static DatumWriter<Object> compiled(Schema schema, SpecificData model) {
        return CompiledSpecificWriter.of(schema, model, new SpecificDecimalWriter<>(schema, model)).orElseThrow();
    }

    /** The bytes written, or the refusal's exception class and message (a scale-19 edge is one Avro may refuse). */
    private static String outcome(DatumWriter<Object> writer, Object event) {
        try {
            return Arrays.toString(write(writer, event));
        } catch (IOException | RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** A random value of {@code s} as a generated class holds it: nulls in optional fields, empty arrays and maps. */
    private static Object randomValue(Schema s, SpecificData model, Random random) {
        if (s.getLogicalType() instanceof LogicalTypes.Decimal) {
            return randomDecimal((LogicalTypes.Decimal) s.getLogicalType(), random);
        }
        if (s.getLogicalType() instanceof LogicalTypes.TimestampMicros) {
            return Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000) * 1000L);
        }
        switch (s.getType()) {
            case RECORD:
                return randomRecord(s, model, random);
            case ARRAY:
                return randomList(s.getElementType(), model, random);
            case MAP:
                return randomMap(s.getValueType(), model, random);
            case UNION:
                return randomValue(s.getTypes().get(random.nextInt(s.getTypes().size())), model, random);
            case ENUM:
                return model.createEnum(s.getEnumSymbols().get(random.nextInt(s.getEnumSymbols().size())), s);
            case STRING:
                return randomText(random);
            case BYTES:
                return ByteBuffer.wrap(randomText(random).getBytes(StandardCharsets.UTF_8));
            case INT:
                return random.nextBoolean() ? random.nextInt() : random.nextInt(100) - 50;
            case LONG:
                return random.nextBoolean() ? random.nextLong() : (long) random.nextInt(1000) - 500;
            case BOOLEAN:
                return random.nextBoolean();
            case DOUBLE:
                return random.nextGaussian();
            case NULL:
                return null;
            default:
                throw new IllegalArgumentException("no random values of " + s);
        }
    }

    private static IndexedRecord randomRecord(Schema s, SpecificData model, Random random) {
        IndexedRecord record = (IndexedRecord) model.newRecord(null, s);
        for (Schema.Field f : s.getFields()) {
            record.put(f.pos(), randomValue(f.schema(), model, random));
        }
        return record;
    }

    private static List<Object> randomList(Schema item, SpecificData model, Random random) {
        List<Object> items = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            items.add(randomValue(item, model, random));
        }
        return items;
    }

    private static Map<String, Object> randomMap(Schema value, SpecificData model, Random random) {
        Map<String, Object> entries = new HashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            entries.put(randomText(random), randomValue(value, model, random));
        }
        return entries;
    }

    /** An edge value, or a random one within the type's precision at a scale up to the type's. */
    private static BigDecimal randomDecimal(LogicalTypes.Decimal type, Random random) {
        if (random.nextInt(4) == 0) {
            return EDGES.get(random.nextInt(EDGES.size()));
        }
        int scale = random.nextInt(type.getScale() + 1);
        int digits = 1 + random.nextInt(type.getPrecision() - type.getScale() + scale);
        BigInteger unscaled = new BigInteger(digits * 10, random).mod(BigInteger.TEN.pow(digits));
        BigDecimal value = new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale);
        return random.nextBoolean() ? value.setScale(type.getScale()) : value;
    }

    private static String randomText(Random random) {
        String[] texts = {"", "BTCUSDT", "BTC-PERPETUAL", "Grüße €", "日本", "a\u0000b", "\uD83D\uDE80 rocket"};
        return texts[random.nextInt(texts.length)] + (random.nextBoolean() ? "" : Integer.toString(random.nextInt()));
    }
}
