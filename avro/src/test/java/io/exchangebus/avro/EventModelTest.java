package io.exchangebus.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class EventModelTest {
    private static final Map<String, Schema> TYPES = EventModel.allNamedTypes();

    /** Field names that hold money or amounts: they must be exact decimals. */
    private static final Set<String> MONEY_WORDS = Set.of("price", "quantity", "fee", "balance", "pnl", "size",
            "notional", "strike", "equity", "margin", "free", "locked", "total", "rate", "interest", "volume",
            "leverage");

    @Test
    void shouldDocumentEveryRecordEnumAndField() {
        List<String> undocumented = new ArrayList<>();
        TYPES.values().forEach(type -> {
            if (isBlank(type.getDoc())) {
                undocumented.add(type.getFullName());
            }
            if (type.getType() == Schema.Type.RECORD) {
                type.getFields().stream().filter(f -> isBlank(f.doc()))
                        .forEach(f -> undocumented.add(type.getName() + "." + f.name()));
            }
        });

        assertThat(TYPES).hasSizeGreaterThan(25);
        assertThat(undocumented).isEmpty();
    }

    @Test
    void shouldUseNoBinaryFloatingPointAnywhere() {
        List<String> floating = new ArrayList<>();
        forEachField((record, field) -> leaves(field.schema()).stream()
                .filter(s -> s.getType() == Schema.Type.FLOAT || s.getType() == Schema.Type.DOUBLE)
                .forEach(s -> floating.add(record.getName() + "." + field.name())));

        assertThat(floating).isEmpty();
    }

    @Test
    void shouldHoldEveryMoneyFieldAsAnExactDecimal() {
        List<String> notDecimal = new ArrayList<>();
        List<String> decimals = new ArrayList<>();
        forEachField((record, field) -> {
            String lower = field.name().toLowerCase();
            boolean money = MONEY_WORDS.stream().anyMatch(lower::contains) && !lower.contains("side")
                    && !lower.endsWith("asset");
            List<Schema> leaves = leaves(field.schema());
            boolean decimal = leaves.stream().anyMatch(s -> s.getLogicalType() instanceof LogicalTypes.Decimal d
                    && d.getPrecision() == ExactDecimals.PRECISION && d.getScale() == ExactDecimals.SCALE);
            if (money && !decimal && leaves.stream().noneMatch(s -> s.getType() == Schema.Type.RECORD
                    || s.getType() == Schema.Type.ARRAY)) {
                notDecimal.add(record.getName() + "." + field.name());
            }
            if (decimal) {
                decimals.add(record.getName() + "." + field.name());
            }
        });

        assertThat(notDecimal).isEmpty();
        assertThat(decimals).contains("PriceLevel.price", "PriceLevel.quantity", "Fill.fee", "BalanceUpdate.free",
                "PositionUpdate.realizedPnl", "Instrument.tickSize", "Instrument.minNotional", "PositionState.fees", "VenueQuote.bidPrice",
                "ConsolidatedQuote.bestAskPrice", "ReconciliationAlert.difference");
    }

    @Test
    void shouldCarryTheEnumMembersOfTheDesignDocuments() {
        // UNKNOWN, last where it was added, is the reader's default for a symbol added later; it is never written.
        assertThat(symbols("OrderStatus")).containsExactly("UNKNOWN", "NEW", "FILLED", "PARTIALLY_FILLED", "CANCELED",
                "PARTIALLY_CANCELED", "EXPIRED", "REJECTED");
        assertThat(symbols("OrderType")).containsExactly("LIMIT", "MARKET", "LIMIT_MAKER", "IMMEDIATE_OR_CANCEL",
                "FILL_OR_KILL", "STOP_LIMIT", "STOP_MARKET", "UNKNOWN");
        assertThat(symbols("Side")).containsExactly("BUY", "SELL");
        assertThat(symbols("TimeInForce")).containsExactly("GTC", "IOC", "FOK", "GTD", "UNKNOWN");
        assertThat(symbols("InstrumentKind")).containsExactly("SPOT", "PERPETUAL", "FUTURE", "OPTION", "UNKNOWN");
    }

    @Test
    void shouldCarryExchangeSymbolAndInstrumentIdOnEveryMarketAndOrderEvent() {
        for (String name : List.of("Instrument", "BookUpdate", "Trade", "Ticker", "OrderUpdate", "PositionUpdate")) {
            Schema record = TYPES.get(EventModel.NAMESPACE + "." + name);
            assertThat(record.getField("exchange")).as(name + ".exchange").isNotNull();
            assertThat(record.getField("symbol")).as(name + ".symbol").isNotNull();
            assertThat(record.getField("instrumentId")).as(name + ".instrumentId").isNotNull();
        }
    }

    @Test
    void shouldKeepBothExchangeAndReceiveTimesInMicroseconds() {
        for (String name : List.of("BookUpdate", "Trade", "Ticker", "OrderUpdate", "PositionUpdate", "BalanceUpdate",
                "AccountUpdate")) {
            Schema record = TYPES.get(EventModel.NAMESPACE + "." + name);
            assertThat(leaves(record.getField("exchangeTime").schema()))
                    .anyMatch(s -> s.getLogicalType() instanceof LogicalTypes.TimestampMicros);
            assertThat(record.getField("receiveTime").schema().getLogicalType())
                    .isInstanceOf(LogicalTypes.TimestampMicros.class);
        }
    }

    private static List<String> symbols(String enumName) {
        return TYPES.get(EventModel.NAMESPACE + "." + enumName).getEnumSymbols();
    }

    private static void forEachField(BiConsumer<Schema, Schema.Field> action) {
        TYPES.values().stream().filter(t -> t.getType() == Schema.Type.RECORD)
                .forEach(record -> record.getFields().forEach(field -> action.accept(record, field)));
    }

    /** The field's schema with unions and arrays unwrapped, one level (records are visited on their own). */
    private static List<Schema> leaves(Schema schema) {
        List<Schema> out = new ArrayList<>();
        if (schema.getType() == Schema.Type.UNION) {
            schema.getTypes().forEach(t -> out.addAll(leaves(t)));
        } else if (schema.getType() == Schema.Type.ARRAY) {
            out.add(schema);
            out.addAll(leaves(schema.getElementType()));
        } else if (schema.getType() == Schema.Type.MAP) {
            out.addAll(leaves(schema.getValueType()));
        } else {
            out.add(schema);
        }
        return out;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
