package io.exchangebus.streams;

import io.exchangebus.streams.books.BookTopology;
import io.exchangebus.streams.books.BookViewSettings;
import io.exchangebus.streams.positions.PositionSettings;
import io.exchangebus.streams.positions.PositionTopology;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The whole streams-apps topology: the books ({@link BookTopology}) and the positions ({@link PositionTopology})
 * as independent sub-topologies of one application, so that one query API and one set of instances serve both.
 * Their processors, stores and internal topics are named {@code books-*} and {@code positions-*}.
 */
public final class StreamsApps {
    private StreamsApps() {
    }

    public static Topology buildTopology(BookViewSettings books, PositionSettings positions, EventSerdes serdes,
                                         StreamsTopics topics, MeterRegistry meters) {
        StreamsBuilder builder = new StreamsBuilder();
        BookTopology.addTo(builder, books, serdes, topics);
        PositionTopology.addTo(builder, positions, serdes, topics, meters);
        return builder.build();
    }
}
