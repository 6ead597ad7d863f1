package io.exchangebus.sim.binance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One WebSocket connection's state: what it is (by handshake path), its streams, session and subscriptions. */
final class WsConn {

    enum Kind { STREAM, API, USER }

    final Kind kind;
    final long connectedSince;
    volatile boolean combined;
    final Set<String> streams = new LinkedHashSet<>();
    final Map<String, long[]> partial = new ConcurrentHashMap<>();
    String listenKey;
    volatile String sessionAccount;
    volatile String sessionApiKey;
    volatile long authorizedSince;
    final Map<Integer, String> subscriptions = new ConcurrentHashMap<>();
    int nextSubscriptionId;

    WsConn(Kind kind, long connectedSince) {
        this.kind = kind;
        this.connectedSince = connectedSince;
    }

    synchronized List<String> streamList() {
        return new ArrayList<>(streams);
    }

    /** A market-stream frame as this connection wants it: raw, or wrapped with the stream name when combined. */
    String frame(String stream, String raw) {
        return combined ? "{\"stream\":\"" + stream + "\",\"data\":" + raw + "}" : raw;
    }

    /** Subscribes {@code account}'s user data on this WebSocket-API connection; the new subscription id. */
    synchronized int subscribe(String account) {
        int id = nextSubscriptionId++;
        subscriptions.put(id, account);
        return id;
    }

    /** Ends one subscription, or all when {@code subscriptionId} is null. */
    synchronized void unsubscribe(String subscriptionId) {
        if (subscriptionId != null) {
            subscriptions.remove(Integer.parseInt(subscriptionId));
        } else {
            subscriptions.clear();
        }
    }
}
