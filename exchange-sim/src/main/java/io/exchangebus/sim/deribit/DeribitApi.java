package io.exchangebus.sim.deribit;

import io.exchangebus.sim.server.JsonRpcReply;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The dispatch table shared by the WebSocket and HTTP transports: each method with whether it needs
 * authentication, whether it counts against the matching-engine credit bucket, and whether it needs a WebSocket
 * session (subscriptions, heartbeats, cancel on disconnect).
 */
final class DeribitApi {

    /** Methods that count against the matching-engine bucket (venue page §5). */
    static final Set<String> MATCHING_ENGINE = Set.of("private/buy", "private/sell", "private/edit",
            "private/cancel", "private/cancel_all", "private/cancel_all_by_instrument",
            "private/cancel_all_by_currency", "private/cancel_by_label", "private/close_position");

    record Entry(String name, DeribitMethod handler, boolean isPrivate, boolean webSocketOnly) {
        boolean matchingEngine() {
            return MATCHING_ENGINE.contains(name);
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    void publicMethod(String name, DeribitMethod handler) {
        entries.put(name, new Entry(name, handler, false, false));
    }

    void privateMethod(String name, DeribitMethod handler) {
        entries.put(name, new Entry(name, handler, true, false));
    }

    void sessionMethod(String name, boolean isPrivate, DeribitMethod handler) {
        entries.put(name, new Entry(name, handler, isPrivate, true));
    }

    Collection<Entry> entries() {
        return entries.values();
    }

    Entry entry(String name) {
        return entries.get(name);
    }

    /** Runs a call, turning a {@link DeribitCall.BadParam} into Deribit's invalid-params error. */
    static JsonRpcReply run(Entry entry, DeribitCall call) {
        try {
            return entry.handler().handle(call);
        } catch (DeribitCall.BadParam e) {
            return DeribitError.invalidParams(e.param, e.reason);
        }
    }
}
