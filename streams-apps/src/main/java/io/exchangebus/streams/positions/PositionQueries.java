package io.exchangebus.streams.positions;

import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.PositionState;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries of the positions stores held by this instance. Which instance holds an account is the
 * caller's to find ({@link KafkaStreams#queryMetadataForKey} with {@link #routingKey}); these read only what is
 * here. Thread-safe.
 */
public final class PositionQueries {
    private static final StringSerializer KEYS = new StringSerializer();

    private PositionQueries() {
    }

    /** Stores are partitioned by the input topics' key exchange:account: route a query with this key. */
    public static String routingKey(String exchange, String account) {
        return TopicKey.exchangeAccount(exchange, account);
    }

    /**
     * The positions of one account and of its sub-accounts (each state says its {@code subAccount}) held in this
     * instance's local store (prefix scans "exchange:account:" and "exchange:account/"); empty list
     * if none or not held here, including while the store cannot be queried (not started, rebalancing, migrated:
     * {@link InvalidStateStoreException}).
     *
     * @throws IllegalArgumentException if {@code exchange} or {@code account} is empty or holds ':'
     * @throws IllegalStateException    if {@code streams} has stopped (as {@link KafkaStreams#store} does)
     */
    public static List<PositionState> localPositions(KafkaStreams streams, String exchange, String account) {
        return local(streams, PositionTopology.POSITION_STORE, exchange, account);
    }

    /**
     * The balances of one account and of its sub-accounts held in this instance's local store, one per sub-account
     * and asset as last reported; empty list if
     * none or not held here, as {@link #localPositions}.
     *
     * @throws IllegalArgumentException if {@code exchange} or {@code account} is empty or holds ':'
     * @throws IllegalStateException    if {@code streams} has stopped
     */
    public static List<BalanceUpdate> localBalances(KafkaStreams streams, String exchange, String account) {
        return local(streams, PositionTopology.BALANCE_STORE, exchange, account);
    }

    /** The account's own entries (prefix "exchange:account:"), then its sub-accounts' ("exchange:account/"). */
    private static <V> List<V> local(KafkaStreams streams, String storeName, String exchange, String account) {
        String key = routingKey(exchange, account);
        try {
            ReadOnlyKeyValueStore<String, V> store = streams.store(
                    StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.<String, V>keyValueStore()));
            List<V> found = new ArrayList<>();
            for (String prefix : List.of(key + ':', key + '/')) {
                try (KeyValueIterator<String, V> it = store.prefixScan(prefix, KEYS)) {
                    it.forEachRemaining(kv -> found.add(kv.value));
                }
            }
            return found;
        } catch (InvalidStateStoreException e) {
            return List.of();
        }
    }
}
