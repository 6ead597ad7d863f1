package io.exchangebus.service.config;

import java.util.Map;
import java.util.Set;

/**
 * What the pass-through Kafka maps ({@code kafka.client}, {@code kafka.producer}, {@code kafka.consumer}) may not
 * change: producers are always idempotent with {@code acks=all}, the brokers are {@code kafka.bootstrap-servers},
 * and transactional ids are given per producer by the service.
 */
public final class KafkaOverrides {
    private static final Set<String> ALL_ACKS = Set.of("all", "-1");

    private KafkaOverrides() {
    }

    /** Adds a problem naming {@code <mapPath>.<kafka key>} for each setting {@code entries} may not make. */
    public static void check(String mapPath, Map<String, String> entries, boolean reachesProducers,
                             ConfigErrors errors) {
        if (entries.containsKey("bootstrap.servers")) {
            errors.add(mapPath + ".bootstrap.servers", "set kafka.bootstrap-servers instead");
        }
        if (!reachesProducers) {
            return;
        }
        String acks = entries.get("acks");
        if (acks != null && !ALL_ACKS.contains(acks.trim().toLowerCase(java.util.Locale.ROOT))) {
            errors.add(mapPath + ".acks", "producers are always idempotent with acks=all, was " + acks);
        }
        String idempotence = entries.get("enable.idempotence");
        if (idempotence != null && !idempotence.trim().equalsIgnoreCase("true")) {
            errors.add(mapPath + ".enable.idempotence", "producers are always idempotent, was " + idempotence);
        }
        if (entries.containsKey("transactional.id")) {
            errors.add(mapPath + ".transactional.id", "transactional ids are given by the service per producer");
        }
    }
}
