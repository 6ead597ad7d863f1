package io.exchangebus.avro.serde;

import java.io.IOException;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.Encoder;

/** Avro's GenericDatumWriter with {@link DecimalWriter}'s fast path for decimals. One thread. */
final class GenericDecimalWriter<D> extends GenericDatumWriter<D> {
    private final DecimalWriter decimals = new DecimalWriter();

    GenericDecimalWriter(Schema schema, GenericData data) {
        super(schema, data);
    }

    @Override
    protected <T> Object convert(Schema schema, LogicalType type, Conversion<T> conversion, Object datum) {
        return DecimalWriter.skipsConversion(schema, type, conversion, datum)
                ? datum : super.convert(schema, type, conversion, datum);
    }

    @Override
    protected void writeWithoutConversion(Schema schema, Object datum, Encoder out) throws IOException {
        if (!decimals.tryWrite(schema, datum, out)) {
            super.writeWithoutConversion(schema, datum, out);
        }
    }
}
