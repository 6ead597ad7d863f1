package io.exchangebus.localstack.broker;

import java.util.LinkedHashMap;
import java.util.Map;

/** Broker settings shared by the in-JVM and the process broker: a single node that needs no peers. */
final class BrokerSettings {

    private BrokerSettings() {
    }

    static Map<String, String> singleNode() {
        Map<String, String> settings = new LinkedHashMap<>();
        // Internal topics default to replication factor 3 (min ISR 2): on one node, groups and transactions would hang.
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        // 50 partitions each by default: creating them costs a second on the first group or transaction.
        settings.put("offsets.topic.num.partitions", "4");
        settings.put("transaction.state.log.num.partitions", "4");
        // The classic group protocol waits 3 s for more members before the first rebalance; tests have one member.
        settings.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner allocates its dedupe buffer (128 MiB by default) up front.
        settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        return settings;
    }
}
