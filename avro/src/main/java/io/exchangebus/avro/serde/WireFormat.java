package io.exchangebus.avro.serde;

/**
 * The Confluent wire format of a record value:
 * <pre>
 *   0        1                5
 *   +--------+----------------+---------------------------+
 *   | magic  | schema id      | Avro binary body          |
 *   | 0x00   | int32, big end.| (writer schema = the id's)|
 *   +--------+----------------+---------------------------+
 * </pre>
 */
final class WireFormat {
    static final byte MAGIC = 0;
    static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    static void writeHeader(byte[] into, int schemaId) {
        into[0] = MAGIC;
        into[1] = (byte) (schemaId >>> 24);
        into[2] = (byte) (schemaId >>> 16);
        into[3] = (byte) (schemaId >>> 8);
        into[4] = (byte) schemaId;
    }

    static int readSchemaId(byte[] from) {
        return ((from[1] & 0xff) << 24) | ((from[2] & 0xff) << 16) | ((from[3] & 0xff) << 8) | (from[4] & 0xff);
    }
}
