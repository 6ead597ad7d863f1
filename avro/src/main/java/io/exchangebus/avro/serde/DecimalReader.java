package io.exchangebus.avro.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;

/**
 * The decimal fast path of one datum reader ({@link SameSchemaReader}, {@link SpecificDecimalReader}): a
 * {@code bytes} decimal read with Avro's decimal conversion is read into a scratch buffer and built by
 * {@link DecimalBytes#decode} — the same value and scale Avro's conversion gives, without its ByteBuffer, two byte
 * array copies and (up to 8 bytes) BigInteger. A value of more than 16 bytes, or none, goes to Avro's conversion.
 * One thread: the reader that holds it is not shared.
 */
final class DecimalReader {
    private final ByteBuffer scratch = ByteBuffer.allocate(DecimalBytes.MAX_LENGTH);

    /** Whether {@link #read} reads a value of {@code schema} with {@code conversion}. */
    static boolean reads(Schema schema, LogicalType type, Conversion<?> conversion) {
        return conversion instanceof Conversions.DecimalConversion && type instanceof LogicalTypes.Decimal
                && schema.getType() == Schema.Type.BYTES;
    }

    /** Reads one value for which {@link #reads} said yes. */
    Object read(Schema schema, LogicalType type, Conversion<?> conversion, Decoder in) throws IOException {
        ByteBuffer bytes = in.readBytes(scratch);
        int length = bytes.remaining();
        if (bytes != scratch || length == 0) {
            return ((Conversions.DecimalConversion) conversion).fromBytes(bytes, schema, type);
        }
        return DecimalBytes.decode(scratch.array(), length, ((LogicalTypes.Decimal) type).getScale());
    }
}
