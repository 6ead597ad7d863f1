package io.exchangebus.connectors.deribit.mapping;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Our instrument id of each Deribit instrument name seen, so that the name is parsed once rather than on every
 * market-data message. Bounded: past {@link #MAX_NAMES} names (options expire and new ones are listed every day) it
 * starts again empty. A name that is not an instrument is never stored. Thread-safe.
 */
final class InstrumentIdCache {
    static final int MAX_NAMES = 20_000;

    private final Map<String, String> ids = new ConcurrentHashMap<>();

    /**
     * Our id of {@code name}.
     *
     * @throws UnmappableMessageException as {@link DeribitSymbols#instrumentId} does
     */
    String of(String name) {
        String id = ids.get(name);
        if (id != null) {
            return id;
        }
        id = DeribitSymbols.instrumentId(name).toString();
        if (ids.size() >= MAX_NAMES) {
            ids.clear();
        }
        ids.put(name, id);
        return id;
    }

    int size() {
        return ids.size();
    }
}
