package io.exchangebus.streams.positions;

import org.apache.avro.specific.SpecificRecordBase;

/**
 * Where the ledger's records go: forwarded to the sinks after it, which pick the topic by the value's class
 * (PositionState, BalanceUpdate, ReconciliationAlert).
 */
@FunctionalInterface
interface LedgerOutput {
    /** @param key {@code exchange:account:instrumentId} or {@code exchange:account:asset} */
    void send(String key, SpecificRecordBase value);
}
