package io.exchangebus.avro.serde;

import static io.exchangebus.avro.serde.DecimalFastPathTest.read;
import static io.exchangebus.avro.serde.DecimalFastPathTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.AvroData;
import io.exchangebus.events.AccountCurrency;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.EventSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** The compiled same-schema reader against Avro's own reader: the same values, scales and types, field for field. */
class SameSchemaReaderTest {

    @Test
    void shouldReadBooksAsAvroDoes() throws IOException {
        Random random = new Random(23);
        SpecificData model = SpecificData.getForClass(BookUpdate.class);
        Schema schema = BookUpdate.getClassSchema();
        DatumReader<Object> reader = SameSchemaReader.of(schema, model).orElseThrow();
        for (int i = 0; i < 300; i++) {
            BookUpdate book = DecimalFastPathTest.randomBook(random);
            byte[] bytes = write(new SpecificDatumWriter<>(schema, model), book);
            Object avro = read(new SpecificDatumReader<>(schema, schema, model), bytes);
            Object ours = read(reader, bytes);
            assertThat(ours).isInstanceOf(BookUpdate.class).isEqualTo(avro);
            assertThat(ours.toString()).as("scales and text").isEqualTo(avro.toString());
        }
    }

    @Test
    void shouldReadNullableDecimalsNestedRecordsAndEnumsAsAvroDoes() throws IOException {
        AccountUpdate account = AccountUpdate.newBuilder()
                .setExchange("binance-usdm").setAccount("main").setMarginAsset("USDT")
                .setEquity(new BigDecimal("-1234.500000000000000000")).setWalletBalance(null)
                .setCurrencies(List.of(AccountCurrency.newBuilder().setCurrency("BTC")
                        .setEquity(new BigDecimal("0.000000000000000001")).setBalance(null).build()))
                .setExchangeTime(Instant.parse("2026-01-02T03:04:05.123456Z")).setReceiveTime(Instant.EPOCH)
                .setSource(EventSource.RECOVERY)
                .build();
        Schema schema = account.getSchema();
        SpecificData model = SpecificData.getForClass(AccountUpdate.class);
        byte[] bytes = write(new SpecificDatumWriter<>(schema, model), account);
        Object ours = read(SameSchemaReader.of(schema, model).orElseThrow(), bytes);
        assertThat(ours).isEqualTo(read(new SpecificDatumReader<>(schema, schema, model), bytes)).isEqualTo(account);
        assertThat(ours.toString()).isEqualTo(account.toString());
    }

    @Test
    void shouldReadEveryTypeOfAGenericRecordAsAvroDoes() throws IOException {
        Schema decimal = LogicalTypes.decimal(38, 18).addToSchema(Schema.create(Schema.Type.BYTES));
        Schema micros = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        Schema javaString = Schema.create(Schema.Type.STRING);
        javaString.addProp(GenericData.STRING_PROP, "String");
        Schema schema = SchemaBuilder.record("Everything").namespace("test").fields()
                .name("text").type(javaString).noDefault()
                .name("utf8").type().stringType().noDefault()
                .name("raw").type().bytesType().noDefault()
                .name("price").type(decimal).noDefault()
                .name("maybePrice").type(Schema.createUnion(Schema.create(Schema.Type.NULL), decimal)).noDefault()
                .name("prices").type(Schema.createArray(decimal)).noDefault()
                .name("byName").type(Schema.createMap(Schema.create(Schema.Type.LONG))).noDefault()
                .name("when").type(micros).noDefault()
                .name("side").type().enumeration("Side").symbols("BUY", "SELL").noDefault()
                .name("flag").type().booleanType().noDefault()
                .name("count").type().intType().noDefault()
                .name("ratio").type().doubleType().noDefault()
                .name("small").type().floatType().noDefault()
                .endRecord();
        GenericData.Record record = new GenericData.Record(schema);
        record.put("text", "BTCUSDT");
        record.put("utf8", "ETHUSDT");
        record.put("raw", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        record.put("price", new BigDecimal("65000.01"));
        record.put("maybePrice", null);
        record.put("prices", List.of(new BigDecimal("-1"), new BigDecimal("123456789012345678.123456789012345678")));
        record.put("byName", Map.of("a", 1L, "b", -2L));
        record.put("when", Instant.parse("2026-01-02T03:04:05.123456Z"));
        record.put("side", new GenericData.EnumSymbol(schema.getField("side").schema(), "SELL"));
        record.put("flag", true);
        record.put("count", -7);
        record.put("ratio", 0.25);
        record.put("small", 1.5f);
        byte[] bytes = write(new GenericDatumWriter<>(schema, AvroData.generic()), record);
        Object avro = read(new GenericDatumReader<>(schema, schema, AvroData.generic()), bytes);
        Object ours = read(SameSchemaReader.of(schema, AvroData.generic()).orElseThrow(), bytes);
        assertThat(ours).isEqualTo(avro);
        assertThat(ours.toString()).isEqualTo(avro.toString());
        GenericData.Record read = (GenericData.Record) ours;
        assertThat(read.get("text")).isInstanceOf(String.class);
        assertThat(read.get("utf8").getClass()).isEqualTo(((GenericData.Record) avro).get("utf8").getClass());
        assertThat(((BigDecimal) read.get("price")).scale()).isEqualTo(18);
    }

    @Test
    void shouldDeclineRecursiveRecords() {
        Schema node = SchemaBuilder.record("Node").namespace("test").fields()
                .name("value").type().longType().noDefault()
                .name("next").type().optional().type("Node")
                .endRecord();
        assertThat(SameSchemaReader.of(node, AvroData.generic())).isEmpty();
    }
}
