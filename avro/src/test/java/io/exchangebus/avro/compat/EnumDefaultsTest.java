package io.exchangebus.avro.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.avro.EventModel;
import io.exchangebus.events.OrderType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/** A reader on today's model survives a symbol a later model adds, through the enum's default. */
class EnumDefaultsTest {
    private static final String LATER_SYMBOL = "ADDED_BY_A_LATER_VERSION";

    /** The enums that will grow (a decision per enum, in the README's evolution section) and their default. */
    private static final Map<String, String> GROWING = Map.of(
            "InstrumentKind", "UNKNOWN", "OrderType", "UNKNOWN", "TimeInForce", "UNKNOWN", "EventSource", "UNKNOWN",
            "RecoveryItemKind", "UNKNOWN", "OrderStatus", "UNKNOWN", "ErrorKind", "UNKNOWN");

    @Test
    void shouldGiveEveryGrowingEnumItsDefaultAndNoOtherEnumOne() {
        Map<String, String> defaults = enums().stream().filter(e -> e.getEnumDefault() != null)
                .collect(Collectors.toMap(Schema::getName, Schema::getEnumDefault));

        assertThat(defaults).isEqualTo(GROWING);
    }

    @Test
    void shouldAddNewDefaultSymbolsAtTheEndSoNoExistingSymbolMoves() throws Exception {
        Map<String, Schema> before = new java.util.HashMap<>();
        ReleasedSchemas.load(java.nio.file.Path.of("src/test/resources/compat/76e03e1")).values()
                .forEach(s -> before.putAll(NamedTypes.of(s)));
        for (Schema now : enums()) {
            Schema old = before.get(now.getFullName());
            if (old != null) {
                assertThat(now.getEnumSymbols().subList(0, old.getEnumSymbols().size())).as(now.getName())
                        .isEqualTo(old.getEnumSymbols());
            }
        }
    }

    @Test
    void shouldReadASymbolAddedLaterAsTheDefaultInEveryGrowingEnum() throws IOException {
        for (Schema current : enums()) {
            if (current.getEnumDefault() == null) {
                continue;
            }
            Schema later = later(current, LATER_SYMBOL);

            Object read = readAs(current, later, new GenericData.EnumSymbol(later, LATER_SYMBOL), false);

            assertThat(read).as(current.getName()).hasToString(current.getEnumDefault());
        }
    }

    @Test
    void shouldReadANewOrderTypeAsUnknownIntoTheGeneratedEnum() throws IOException {
        Schema later = later(OrderType.getClassSchema(), "TRAILING_STOP");

        Object read = readAs(OrderType.getClassSchema(), later, new GenericData.EnumSymbol(later, "TRAILING_STOP"), true);

        assertThat(read).isSameAs(OrderType.UNKNOWN);
    }

    @Test
    void shouldFailWithoutADefaultWhichIsWhyTheGrowingEnumsHaveOne() {
        Schema closed = Schema.createEnum("Side", null, EventModel.NAMESPACE, List.of("BUY", "SELL"));
        Schema later = Schema.createEnum("Side", null, EventModel.NAMESPACE, List.of("BUY", "SELL", "SELL_SHORT"));

        assertThatThrownBy(() -> readAs(closed, later, new GenericData.EnumSymbol(later, "SELL_SHORT"), false))
                .isInstanceOf(AvroTypeException.class).hasMessageContaining("SELL_SHORT");
    }

    private static List<Schema> enums() {
        List<Schema> enums = new ArrayList<>();
        EventModel.TOPIC_VALUES.forEach(t -> NamedTypes.of(t).values().stream()
                .filter(s -> s.getType() == Schema.Type.ENUM && enums.stream()
                        .noneMatch(e -> e.getFullName().equals(s.getFullName())))
                .forEach(enums::add));
        return enums;
    }

    /** {@code current} with one more symbol, as a later version of the model would have it. */
    private static Schema later(Schema current, String symbol) {
        List<String> symbols = new ArrayList<>(current.getEnumSymbols());
        symbols.add(symbol);
        return Schema.createEnum(current.getName(), current.getDoc(), current.getNamespace(), symbols,
                current.getEnumDefault());
    }

    private static Object readAs(Schema reader, Schema writer, Object value, boolean specific) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<Object>(writer).write(value, encoder);
        encoder.flush();
        GenericDatumReader<Object> datumReader = specific ? new SpecificDatumReader<>(writer, reader)
                : new GenericDatumReader<>(writer, reader);
        return datumReader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
