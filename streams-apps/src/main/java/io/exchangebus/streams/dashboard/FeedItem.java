package io.exchangebus.streams.dashboard;

/**
 * One thing the page shows: a state's latest value or one event.
 *
 * @param kind what it is
 * @param key  the record's key ({@code exchange:symbol}, {@code exchange:account}, ...)
 * @param json the value as one line of JSON (AvroJson: decimals are exact strings); null when a state was deleted
 *             (a tombstone on its compacted topic)
 */
public record FeedItem(FeedKind kind, String key, String json) {
}
