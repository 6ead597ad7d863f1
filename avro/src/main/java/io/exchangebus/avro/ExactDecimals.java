package io.exchangebus.avro;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Exact decimals for every money field of the event model: prices, quantities, fees, balances and PnL are Avro
 * {@code decimal(38, 18)}, so any value with at most 18 decimal places and at most 20 integer digits is held
 * exactly. Nothing here rounds: a value that does not fit is refused with the field's name.
 */
public final class ExactDecimals {
    /** Decimal places of every money field. */
    public static final int SCALE = 18;
    /** Total digits of every money field. */
    public static final int PRECISION = 38;

    private ExactDecimals() {
    }

    /**
     * Returns {@code value} at the model's scale, or throws if that would lose a digit.
     *
     * @param field the field's name, for the error
     * @throws InexactValueException if the value has more than 18 decimal places or more than 20 integer digits
     */
    public static BigDecimal exact(String field, BigDecimal value) {
        final BigDecimal scaled;
        try {
            scaled = value.setScale(SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new InexactValueException(field, value, "more than " + SCALE + " decimal places");
        }
        if (scaled.precision() > PRECISION) {
            throw new InexactValueException(field, value, "more than " + (PRECISION - SCALE) + " integer digits");
        }
        return scaled;
    }

    /**
     * Returns {@code value} itself when the model's {@code decimal(38, 18)} holds it exactly, else what
     * {@link #exact} says. The hot-path twin of {@link #exact}: no rescaling and no allocation for a value that fits,
     * because Avro's decimal encoder sets the scale when it writes, without rounding. A value that fits compares
     * equal ({@code compareTo}) to its scale-18 form, but {@code equals} sees the scale: compare money with
     * {@code compareTo}.
     *
     * @param field the field's name, for the error
     * @throws InexactValueException if the value has more than 18 decimal places or more than 20 integer digits
     */
    public static BigDecimal checked(String field, BigDecimal value) {
        int scale = value.scale();
        if (scale <= SCALE && value.precision() - scale <= PRECISION - SCALE) {
            return value;
        }
        return exact(field, value);
    }

    /**
     * Parses decimal text as exchanges send it ("65000.10", "1e-8") without passing through binary floating point,
     * by the rules of {@link DecimalText} (JSON's number grammar; no rounding), and returns it at scale 18.
     *
     * @throws InexactValueException if the text does not fit exactly (the message shows the text as given)
     * @throws IllegalArgumentException if the text is not a number
     */
    public static BigDecimal parse(String field, String text) {
        BigDecimal value = text == null ? null : DecimalText.parse(text, 0, text.length());
        if (value != null) {
            return exact(field, value);
        }
        DecimalText.Refusal refusal = text == null ? DecimalText.Refusal.NOT_A_NUMBER
                : DecimalText.refusal(text, 0, text.length());
        switch (refusal) {
            case TOO_MANY_DECIMALS:
                throw new InexactValueException(field, text, "more than " + SCALE + " decimal places");
            case BEYOND_RANGE:
                throw new InexactValueException(field, text, "more than " + (PRECISION - SCALE) + " integer digits");
            default:
                throw new IllegalArgumentException("Field '" + field + "' is not a decimal number: '" + text + "'");
        }
    }

    /**
     * Walks a record and reports the first decimal field whose value cannot be held exactly by its schema.
     * Meant for the cold path, after Avro refused to encode a record, to say which field and which value.
     */
    public static Optional<InexactValueException> findInexact(IndexedRecord record) {
        return inRecord(record.getSchema().getName(), record);
    }

    private static Optional<InexactValueException> inRecord(String path, IndexedRecord record) {
        for (Schema.Field field : record.getSchema().getFields()) {
            Optional<InexactValueException> found =
                    inValue(path + "." + field.name(), field.schema(), record.get(field.pos()));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<InexactValueException> inValue(String path, Schema schema, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        switch (schema.getType()) {
            case UNION:
                int branch = AvroData.generic().resolveUnion(schema, value);
                return inValue(path, schema.getTypes().get(branch), value);
            case RECORD:
                return value instanceof IndexedRecord ? inRecord(path, (IndexedRecord) value) : Optional.empty();
            case ARRAY:
                int i = 0;
                for (Object item : (List<?>) value) {
                    Optional<InexactValueException> found = inValue(path + "[" + i++ + "]", schema.getElementType(), item);
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            case MAP:
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    Optional<InexactValueException> found =
                            inValue(path + "[" + e.getKey() + "]", schema.getValueType(), e.getValue());
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            default:
                return inDecimal(path, schema, value);
        }
    }

    private static Optional<InexactValueException> inDecimal(String path, Schema schema, Object value) {
        LogicalType logical = schema.getLogicalType();
        if (!(logical instanceof LogicalTypes.Decimal) || value instanceof ByteBuffer) {
            return Optional.empty();
        }
        LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) logical;
        BigDecimal number = (BigDecimal) value;
        try {
            BigDecimal scaled = number.setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
            if (scaled.precision() > decimal.getPrecision()) {
                return Optional.of(new InexactValueException(path, number,
                        "more than " + (decimal.getPrecision() - decimal.getScale()) + " integer digits"));
            }
        } catch (ArithmeticException e) {
            return Optional.of(new InexactValueException(path, number,
                    "more than " + decimal.getScale() + " decimal places"));
        }
        return Optional.empty();
    }
}
