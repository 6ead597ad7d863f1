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
     * The positions of one account held in this instance's local store (prefix scan "exchange:account:"); empty list
     * if none or not held here, including while the store cannot be queried (not started, rebalancing, migrated:
     * {@link InvalidStateStoreException}).
     *
     * @throws IllegalArgumentException if {@code exchange} or {@code account} is empty or holds ':'
     * @throws IllegalStateException    if {@code streams} has stopped (as {@link KafkaStreams#store} does)
     */
    public static List<PositionState> localPositions(KafkaStreams streams, String exchange, String account) {
        return local(streams, PositionTopology.POSITION_STORE, routingKey(exchange, account) + ':');
    }

    /**
     * The balances of one account held in this instance's local store, one per asset as last reported; empty list if
     * none or not held here, as {@link #localPositions}.
     *
     * @throws IllegalArgumentException if {@code exchange} or {@code account} is empty or holds ':'
     * @throws IllegalStateException    if {@code streams} has stopped
     */
    public static List<BalanceUpdate> localBalances(KafkaStreams streams, String exchange, String account) {
        return local(streams, PositionTopology.BALANCE_STORE, routingKey(exchange, account) + ':');
    }

    private static <V> List<V> local(KafkaStreams streams, String storeName, String prefix) {
        try {
            ReadOnlyKeyValueStore<String, V> store = streams.store(
                    StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.<String, V>keyValueStore()));
            List<V> found = new ArrayList<>();
            try (KeyValueIterator<String, V> it = store.prefixScan(prefix, KEYS)) {
                it.forEachRemaining(kv -> found.add(kv.value));
            }
            return found;
        } catch (InvalidStateStoreException e) {
            return List.of();
        }
    }
}
