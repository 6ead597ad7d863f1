package io.exchangebus.streams.dashboard;

import io.exchangebus.avro.json.AvroJson;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.avro.generic.IndexedRecord;

/**
 * A value the dashboard may show, turned into its JSON line once, when a push or a snapshot first needs it: a book
 * view replaced by a newer one before the next push, or read while nobody watches, is never turned into JSON.
 * Used under {@link DashboardState}'s lock only.
 */
final class FeedValue {
    private Supplier<String> toJson;
    private String json;

    private FeedValue(Supplier<String> toJson) {
        this.toJson = toJson;
    }

    /** A JSON line as it is. */
    static FeedValue of(String json) {
        FeedValue value = new FeedValue(null);
        value.json = Objects.requireNonNull(json, "json");
        return value;
    }

    /** A record, as {@link AvroJson#toJson} when first asked for. */
    static FeedValue of(IndexedRecord record) {
        Objects.requireNonNull(record, "record");
        return lazy(() -> AvroJson.toJson(record));
    }

    /** The JSON {@code toJson} makes, made once when first asked for. */
    static FeedValue lazy(Supplier<String> toJson) {
        return new FeedValue(Objects.requireNonNull(toJson, "toJson"));
    }

    String json() {
        if (json == null) {
            json = toJson.get();
            toJson = null; // the record is no longer needed
        }
        return json;
    }
}
