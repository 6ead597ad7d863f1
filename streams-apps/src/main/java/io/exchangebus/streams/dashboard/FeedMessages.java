package io.exchangebus.streams.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The events of the dashboard's feed. Both carry {@code {"recent": N, "items": [{"type", "key", "value"}...]}}, where
 * {@code value} is the record's JSON as {@code AvroJson} wrote it (decimals exact strings), copied in as it is, and
 * null for a deleted state:
 * <ul>
 *   <li>{@value #SNAPSHOT}: everything shown now, first on every connection; the page starts again from it;</li>
 *   <li>{@value #CHANGES}: what changed since the last push, latest per key.</li>
 * </ul>
 */
public final class FeedMessages {
    public static final String SNAPSHOT = "snapshot";
    public static final String CHANGES = "changes";

    private static final JsonFactory FACTORY = new JsonFactory();

    private FeedMessages() {
    }

    /** The {@value #SNAPSHOT} event, encoded for the wire. */
    public static byte[] snapshot(int recent, List<FeedItem> items) {
        return ServerSentEvents.event(SNAPSHOT, json(recent, items));
    }

    /** The {@value #CHANGES} event, encoded for the wire. */
    public static byte[] changes(int recent, List<FeedItem> items) {
        return ServerSentEvents.event(CHANGES, json(recent, items));
    }

    /** The JSON data of either event, on one line. */
    static String json(int recent, List<FeedItem> items) {
        StringWriter out = new StringWriter(64 + items.size() * 256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("recent", recent);
            json.writeArrayFieldStart("items");
            for (FeedItem item : items) {
                json.writeStartObject();
                json.writeStringField("type", item.kind().wireName());
                json.writeStringField("key", item.key());
                json.writeFieldName("value");
                if (item.json() == null) {
                    json.writeNull();
                } else {
                    // Already JSON (one line, from AvroJson): copied, never parsed, so decimals stay as written.
                    json.writeRawValue(item.json());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
