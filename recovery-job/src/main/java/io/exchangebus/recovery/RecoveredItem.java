package io.exchangebus.recovery;

import io.exchangebus.events.RecoveryItemKind;
import org.apache.avro.specific.SpecificRecord;

/**
 * One item of an account's state as fetched: what it is and the event ({@code BalanceUpdate}, {@code PositionUpdate}
 * or {@code OrderUpdate}, marked {@code RECOVERY} by the connector).
 */
record RecoveredItem(RecoveryItemKind kind, SpecificRecord event) {
}
