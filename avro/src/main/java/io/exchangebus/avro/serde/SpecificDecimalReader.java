package io.exchangebus.avro.serde;

import java.io.IOException;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Avro's SpecificDatumReader with {@link DecimalReader}'s fast path for decimals: fields of generated classes come
 * through {@code readWithConversion}, values in arrays and unions through {@code read}. One thread.
 */
final class SpecificDecimalReader<D> extends SpecificDatumReader<D> {
    private final DecimalReader decimals = new DecimalReader();

    SpecificDecimalReader(Schema writer, Schema reader, SpecificData data) {
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

    @Override
    protected Object readWithConversion(Object old, Schema expected, LogicalType type, Conversion<?> conversion,
                                        ResolvingDecoder in) throws IOException {
        return DecimalReader.reads(expected, type, conversion)
                ? decimals.read(expected, type, conversion, in) : super.readWithConversion(old, expected, type, conversion, in);
    }
}
