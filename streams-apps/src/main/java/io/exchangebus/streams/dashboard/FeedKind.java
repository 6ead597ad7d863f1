package io.exchangebus.streams.dashboard;

import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.ConsolidatedQuote;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.ReconciliationAlert;
import io.exchangebus.events.Trade;

/**
 * What the dashboard shows, one kind per topic read. A state kind (from a compacted topic) keeps the latest value
 * per key; an event kind keeps the last few events ({@code dashboard.recent}), per key for trades (one list per
 * book) and across keys otherwise.
 */
public enum FeedKind {
    BOOK("book", BookUpdate.class, true, false),
    BBO("bbo", ConsolidatedQuote.class, true, false),
    POSITION("position", PositionState.class, true, false),
    BALANCE("balance", BalanceUpdate.class, true, false),
    TRADE("trade", Trade.class, false, true),
    ALERT("alert", ReconciliationAlert.class, false, false),
    ACK("ack", OrderAck.class, false, false),
    ORDER_UPDATE("order-update", OrderUpdate.class, false, false);

    private final String wireName;
    private final Class<?> valueType;
    private final boolean state;
    private final boolean recentPerKey;

    FeedKind(String wireName, Class<?> valueType, boolean state, boolean recentPerKey) {
        this.wireName = wireName;
        this.valueType = valueType;
        this.state = state;
        this.recentPerKey = recentPerKey;
    }

    /** The name the page knows it by ({@code "type"} of an item). */
    public String wireName() {
        return wireName;
    }

    /** The event class its topic carries; a record of any other class is skipped. */
    public Class<?> valueType() {
        return valueType;
    }

    /** Latest value per key (a compacted topic, read from the beginning), or the last few events. */
    public boolean isState() {
        return state;
    }

    /** For an event kind: one list of recent events per key rather than one for the kind. */
    boolean recentPerKey() {
        return recentPerKey;
    }
}
