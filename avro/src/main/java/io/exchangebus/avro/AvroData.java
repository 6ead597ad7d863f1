package io.exchangebus.avro;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;

/** The Avro data model for generic records: decimals as BigDecimal and timestamps as Instant, as in our classes. */
public final class AvroData {
    private static final GenericData GENERIC = newGeneric();

    private AvroData() {
    }

    /** A shared GenericData with the decimal and timestamp conversions. */
    public static GenericData generic() {
        return GENERIC;
    }

    private static GenericData newGeneric() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        return data;
    }
}
