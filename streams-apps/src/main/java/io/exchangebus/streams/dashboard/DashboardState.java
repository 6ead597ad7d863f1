package io.exchangebus.streams.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;

/**
 * What the dashboard currently shows, and what changed since the last push.
 *
 * <p>A state kind keeps the latest value per key; between two pushes only the latest value of a key is pending, so
 * a book that changes a hundred times in an interval is pushed once. An event kind keeps the last {@code recent}
 * events of each list (one list per book for trades, one per kind otherwise); at most that many are pending per
 * list, since a client keeps no more.
 *
 * <p>Values are kept as records and turned into JSON when a push or a snapshot sends them ({@link FeedValue}), so
 * a value replaced before the next push, or read while no client watches ({@link #discardChanges()}), costs no JSON.
 *
 * <p>Thread-safe: the feed's reader applies records while its pusher drains changes and takes snapshots.
 */
public final class DashboardState {
    private final int recent;
    private final Map<FeedKind, Map<String, FeedValue>> latest = new EnumMap<>(FeedKind.class);
    private final Map<String, Deque<Entry>> recentLists = new LinkedHashMap<>();
    private final Map<String, Entry> pendingStates = new LinkedHashMap<>();
    private final Map<String, Deque<Entry>> pendingEvents = new LinkedHashMap<>();

    /** @param recent events kept per list, at least 1 */
    public DashboardState(int recent) {
        if (recent < 1) {
            throw new IllegalArgumentException("recent must be at least 1, was " + recent);
        }
        this.recent = recent;
        for (FeedKind kind : FeedKind.values()) {
            if (kind.isState()) {
                latest.put(kind, new LinkedHashMap<>());
            }
        }
    }

    /** Events kept per list. */
    public int recent() {
        return recent;
    }

    /**
     * Takes in one record: a state's new value (null {@code json} deletes the key), or one more event (a null
     * event is ignored: an event topic has no tombstones).
     */
    public void apply(FeedKind kind, String key, String json) {
        applyValue(kind, key, json == null ? null : FeedValue.of(json));
    }

    /** {@link #apply(FeedKind, String, String)} of a record (null: a tombstone), turned into JSON only when sent. */
    public void applyRecord(FeedKind kind, String key, IndexedRecord record) {
        applyValue(kind, key, record == null ? null : FeedValue.of(record));
    }

    synchronized void applyValue(FeedKind kind, String key, FeedValue value) {
        Entry item = new Entry(kind, key, value);
        if (kind.isState()) {
            Map<String, FeedValue> values = latest.get(kind);
            if (value == null) {
                if (values.remove(key) == null) {
                    return;
                }
            } else {
                values.put(key, value);
            }
            String id = kind.wireName() + '\u0000' + key;
            // Re-inserted so that the pending order is the order of the latest changes.
            pendingStates.remove(id);
            pendingStates.put(id, item);
        } else if (value != null) {
            String list = listOf(kind, key);
            append(recentLists.computeIfAbsent(list, l -> new ArrayDeque<>()), item);
            append(pendingEvents.computeIfAbsent(list, l -> new ArrayDeque<>()), item);
        }
    }

    /** Whether anything changed since the last {@link #drainChanges()}. */
    public synchronized boolean hasChanges() {
        return !pendingStates.isEmpty() || !pendingEvents.isEmpty();
    }

    /** What changed since the last call, coalesced: states first (latest per key), then events oldest first. */
    public synchronized List<FeedItem> drainChanges() {
        List<FeedItem> out = new ArrayList<>(pendingStates.size());
        pendingStates.values().forEach(e -> out.add(e.item()));
        pendingEvents.values().forEach(list -> list.forEach(e -> out.add(e.item())));
        discardChanges();
        return out;
    }

    /** Forgets what changed since the last drain, without making it JSON: nobody is fed (a later snapshot has it). */
    public synchronized void discardChanges() {
        pendingStates.clear();
        pendingEvents.clear();
    }

    /** Everything shown now, for a new client: every state, then every kept event, oldest first per list. */
    public synchronized List<FeedItem> snapshot() {
        List<FeedItem> out = new ArrayList<>();
        latest.forEach((kind, values) -> values.forEach((key, value) -> out.add(new FeedItem(kind, key,
                value.json()))));
        recentLists.values().forEach(list -> list.forEach(e -> out.add(e.item())));
        return out;
    }

    /** {@link #snapshot()} and {@link #drainChanges()} at one instant: a client joining now misses nothing. */
    public synchronized Batch drain(boolean withSnapshot) {
        List<FeedItem> snapshot = withSnapshot ? snapshot() : List.of();
        return new Batch(drainChanges(), snapshot);
    }

    private void append(Deque<Entry> list, Entry item) {
        list.addLast(item);
        if (list.size() > recent) {
            list.removeFirst();
        }
    }

    private static String listOf(FeedKind kind, String key) {
        return kind.recentPerKey() ? kind.wireName() + '\u0000' + key : kind.wireName();
    }

    /** A value taken in, as it will be sent; null value: a state deleted. */
    private record Entry(FeedKind kind, String key, FeedValue value) {
        FeedItem item() {
            return new FeedItem(kind, key, value == null ? null : value.json());
        }
    }

    /**
     * What one push sends.
     *
     * @param changes  for the clients already fed
     * @param snapshot for clients joining now (empty when none joins); it already holds the changes
     */
    public record Batch(List<FeedItem> changes, List<FeedItem> snapshot) {
    }
}
