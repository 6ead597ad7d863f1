package io.exchangebus.streams.dashboard;

import io.exchangebus.avro.topics.Topic;
import io.exchangebus.avro.topics.Topics;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The topics the dashboard reads, by kind, with {@code streams.topic-prefix} in front as {@code StreamsTopics}. */
public final class DashboardTopics {
    private static final Map<FeedKind, Topic> CATALOGUE = catalogue();

    private final Map<String, FeedKind> kindByTopic;

    private DashboardTopics(Map<String, FeedKind> kindByTopic) {
        this.kindByTopic = Collections.unmodifiableMap(kindByTopic);
    }

    /** The catalogue's names with {@code prefix} in front (empty in production). */
    public static DashboardTopics prefixed(String prefix) {
        Map<String, FeedKind> byTopic = new LinkedHashMap<>();
        CATALOGUE.forEach((kind, topic) -> byTopic.put(prefix + topic.name(), kind));
        return new DashboardTopics(byTopic);
    }

    /** Every topic read, with what it holds, in a fixed order. */
    public Map<String, FeedKind> kindByTopic() {
        return kindByTopic;
    }

    /** What {@code topic} holds; null for a topic the dashboard does not read. */
    public FeedKind kindOf(String topic) {
        return kindByTopic.get(topic);
    }

    private static Map<FeedKind, Topic> catalogue() {
        Map<FeedKind, Topic> topics = new EnumMap<>(FeedKind.class);
        topics.put(FeedKind.BOOK, Topics.STATE_BOOKS);
        topics.put(FeedKind.BBO, Topics.STATE_BBO);
        topics.put(FeedKind.POSITION, Topics.STATE_POSITIONS);
        topics.put(FeedKind.BALANCE, Topics.STATE_BALANCES);
        topics.put(FeedKind.TRADE, Topics.MARKET_TRADES);
        topics.put(FeedKind.ALERT, Topics.ALERTS_POSITIONS);
        topics.put(FeedKind.ACK, Topics.ORDER_ACKS);
        topics.put(FeedKind.ORDER_UPDATE, Topics.ORDER_UPDATES);
        return topics;
    }
}
