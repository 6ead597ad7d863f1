package io.exchangebus.connectors.core.ws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The subscriptions a {@link WsConnection} resends on every new socket: key to message supplier, in the order they
 * were first made. The supplier is asked at each send, so a message may carry a fresh request id. Timer thread only.
 */
final class Subscriptions {

    private final Map<String, Supplier<String>> byKey = new LinkedHashMap<>();

    /** Remembers {@code message} under {@code key}, replacing any with that key. */
    void put(String key, Supplier<String> message) {
        byKey.put(key, message);
    }

    /** Forgets the subscription under {@code key}; true if there was one. */
    boolean remove(String key) {
        return byKey.remove(key) != null;
    }

    /** Sends every subscription on {@code socket}, in order. */
    void sendAll(WsSender socket) {
        for (Supplier<String> message : byKey.values()) {
            socket.send(message.get());
        }
    }

    int size() {
        return byKey.size();
    }
}
