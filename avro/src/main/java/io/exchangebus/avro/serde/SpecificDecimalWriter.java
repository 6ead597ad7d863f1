package io.exchangebus.avro.serde;

import java.io.IOException;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/** Avro's SpecificDatumWriter with {@link DecimalWriter}'s fast path for decimals. One thread. */
final class SpecificDecimalWriter<D> extends SpecificDatumWriter<D> {
    private final DecimalWriter decimals = new DecimalWriter();

    SpecificDecimalWriter(Schema schema, SpecificData data) {
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
