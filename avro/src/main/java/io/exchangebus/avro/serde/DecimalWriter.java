package io.exchangebus.avro.serde;

import java.io.IOException;
import java.math.BigDecimal;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;

/**
 * The decimal fast path of one datum writer ({@link SpecificDecimalWriter}, {@link GenericDecimalWriter},
 * {@link CompiledSpecificWriter}): a
 * {@link BigDecimal} bound for a {@code bytes} decimal that {@link DecimalBytes#fits} skips Avro's conversion (which
 * makes a BigInteger, a byte array and a ByteBuffer per value) and is written from a scratch array, the same bytes.
 * Anything else takes Avro's own path, refusals included. One thread: the writer that holds it is not shared.
 */
final class DecimalWriter {
    private final byte[] scratch = new byte[DecimalBytes.MAX_LENGTH];

    /** Whether the writer should skip the conversion of {@code datum} and give it as is to {@link #tryWrite}. */
    static boolean skipsConversion(Schema schema, LogicalType type, Conversion<?> conversion, Object datum) {
        return writes(schema, type, conversion) && datum instanceof BigDecimal
                && DecimalBytes.fits((BigDecimal) datum, (LogicalTypes.Decimal) type);
    }

    /** Whether values of {@code schema} converted by {@code conversion} are decimals on bytes, this writer's kind. */
    static boolean writes(Schema schema, LogicalType type, Conversion<?> conversion) {
        return conversion instanceof Conversions.DecimalConversion && schema.getType() == Schema.Type.BYTES
                && type instanceof LogicalTypes.Decimal;
    }

    /** Writes {@code datum} if it is a decimal {@link #skipsConversion} let through; false for anything else. */
    boolean tryWrite(Schema schema, Object datum, Encoder out) throws IOException {
        if (!(datum instanceof BigDecimal) || schema.getType() != Schema.Type.BYTES
                || !(schema.getLogicalType() instanceof LogicalTypes.Decimal)) {
            return false;
        }
        return tryWrite((BigDecimal) datum, (LogicalTypes.Decimal) schema.getLogicalType(), out);
    }

    /** Writes {@code value} as a {@code bytes} decimal of {@code type} if it {@link DecimalBytes#fits}; else false. */
    boolean tryWrite(BigDecimal value, LogicalTypes.Decimal type, Encoder out) throws IOException {
        if (!DecimalBytes.fits(value, type)) {
            return false;
        }
        int length = DecimalBytes.encode(value, type.getScale(), scratch);
        out.writeBytes(scratch, DecimalBytes.MAX_LENGTH - length, length);
        return true;
    }
}
