package io.exchangebus.oms;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command ids this process has taken, each with the position of the record it came in: those whose acks are
 * committed (the last {@code remembered}) and those in flight. The same record read again after its offsets' commit
 * was lost is not acked again; another record with a taken id is a duplicate. Thread-safe.
 */
final class SeenCommands {
    /** What to do with a command record. */
    enum Verdict {
        /** Not seen: handle it. */
        NEW,
        /** This very record was acked in a committed transaction: commit its offset, write nothing. */
        ACKED_BEFORE,
        /** Another record carried this command id: ack DUPLICATE. */
        DUPLICATE
    }

    private final Map<String, String> inFlight = new HashMap<>();
    private final Map<String, String> acked;

    SeenCommands(int remembered) {
        this.acked = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > remembered;
            }
        };
    }

    /** The verdict on command {@code id} read at {@code position}; a NEW one is in flight from now on. */
    synchronized Verdict admit(String id, String position) {
        String ackedAt = acked.get(id);
        if (position.equals(ackedAt)) {
            return Verdict.ACKED_BEFORE;
        }
        if (ackedAt != null || inFlight.containsKey(id)) {
            return Verdict.DUPLICATE;
        }
        inFlight.put(id, position);
        return Verdict.NEW;
    }

    /** The acks of {@code ids} are committed. */
    synchronized void committed(Collection<String> ids) {
        for (String id : ids) {
            String position = inFlight.remove(id);
            if (position != null) {
                acked.put(id, position);
            }
        }
    }

    /** What was in flight will be read again. */
    synchronized void rewound() {
        inFlight.clear();
    }
}
