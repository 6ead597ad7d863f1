package io.exchangebus.avro;

import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.ConsolidatedQuote;
import io.exchangebus.events.DeadLetter;
import io.exchangebus.events.Instrument;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.RawFrame;
import io.exchangebus.events.ReconciliationAlert;
import io.exchangebus.events.RecoverySnapshot;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The unified event model: the records that are the value of a topic. Each one's schema is self-contained (it
 * inlines the enums and records it uses), so this list covers every named type of the model.
 */
public final class EventModel {
    /** Namespace of every generated event class. */
    public static final String NAMESPACE = "io.exchangebus.events";

    /** The records that are the value of a topic, in catalogue order. */
    public static final List<Schema> TOPIC_VALUES = List.of(
            Instrument.getClassSchema(), BookUpdate.getClassSchema(), Trade.getClassSchema(),
            Ticker.getClassSchema(), RawFrame.getClassSchema(), OrderCommand.getClassSchema(),
            OrderAck.getClassSchema(), OrderUpdate.getClassSchema(), PositionUpdate.getClassSchema(),
            BalanceUpdate.getClassSchema(), AccountUpdate.getClassSchema(), RecoverySnapshot.getClassSchema(),
            DeadLetter.getClassSchema(), ConsolidatedQuote.getClassSchema(), PositionState.getClassSchema(),
            ReconciliationAlert.getClassSchema());

    private EventModel() {
    }

    /** The topic-value records by full name. */
    public static Map<String, Schema> topicValuesByName() {
        Map<String, Schema> byName = new LinkedHashMap<>();
        TOPIC_VALUES.forEach(s -> byName.put(s.getFullName(), s));
        return byName;
    }

    /** Every named type (records and enums) reachable from the topic values, each once, by full name. */
    public static Map<String, Schema> allNamedTypes() {
        Map<String, Schema> seen = new LinkedHashMap<>();
        List<Schema> pending = new ArrayList<>(TOPIC_VALUES);
        while (!pending.isEmpty()) {
            Schema s = pending.remove(pending.size() - 1);
            switch (s.getType()) {
                case RECORD:
                    if (seen.putIfAbsent(s.getFullName(), s) == null) {
                        s.getFields().forEach(f -> pending.add(f.schema()));
                    }
                    break;
                case ENUM:
                case FIXED:
                    seen.putIfAbsent(s.getFullName(), s);
                    break;
                case UNION:
                    pending.addAll(s.getTypes());
                    break;
                case ARRAY:
                    pending.add(s.getElementType());
                    break;
                case MAP:
                    pending.add(s.getValueType());
                    break;
                default:
                    break;
            }
        }
        return seen;
    }
}
