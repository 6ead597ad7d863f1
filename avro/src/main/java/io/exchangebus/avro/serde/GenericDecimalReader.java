package io.exchangebus.avro.serde;

import java.io.IOException;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.ResolvingDecoder;

/** Avro's GenericDatumReader with {@link DecimalReader}'s fast path for decimals. One thread. */
final class GenericDecimalReader<D> extends GenericDatumReader<D> {
    private final DecimalReader decimals = new DecimalReader();

    GenericDecimalReader(Schema writer, Schema reader, GenericData data) {
        super(writer, reader, data);
    }

    /**
     * Avro's resolving read, which calls the overrides here; Avro's default, its fast reader
     * ({@code GenericData.isFastReaderEnabled}), builds its own readers and would skip them.
     */
    @Override
    @SuppressWarnings("unchecked")
    public D read(D reuse, Decoder in) throws IOException {
        ResolvingDecoder resolver = getResolver(getSchema(), getExpected());
        resolver.configure(in);
        D result = (D) read(reuse, getExpected(), resolver);
        resolver.drain();
        return result;
    }

    @Override
    protected Object read(Object old, Schema expected, ResolvingDecoder in) throws IOException {
        LogicalType type = expected.getLogicalType();
        Conversion<?> conversion = type == null ? null : getData().getConversionFor(type);
        return DecimalReader.reads(expected, type, conversion)
                ? decimals.read(expected, type, conversion, in) : super.read(old, expected, in);
    }
}
