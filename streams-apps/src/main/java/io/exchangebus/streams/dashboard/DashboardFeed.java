package io.exchangebus.streams.dashboard;

import io.exchangebus.service.ServiceContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The dashboard's live data: a Kafka reader keeping what the page shows ({@link DashboardState}), a pusher sending
 * the changes to the open feeds every {@code dashboard.push-interval}, and the HTTP handler of {@code /dashboard}.
 * Each has threads of its own ({@code exbus-dashboard-*}); none of the ops server's.
 */
public final class DashboardFeed implements AutoCloseable {
    private final DashboardState state;
    private final DashboardClients clients;
    private final FeedPusher pusher;
    private final FeedReader reader;
    private final DashboardHandler handler;
    private final Thread readerThread;
    private volatile boolean started;

    DashboardFeed(Consumer<String, byte[]> consumer, Deserializer<Object> values, DashboardTopics topics,
                  DashboardSettings settings, MeterRegistry meters) {
        DashboardMetrics metrics = new DashboardMetrics(meters);
        this.state = new DashboardState(settings.recent());
        this.clients = new DashboardClients(settings.maxClients(), metrics);
        this.pusher = new FeedPusher(state, clients, settings);
        this.reader = new FeedReader(consumer, values, topics, state, metrics);
        this.handler = new DashboardHandler(clients);
        this.readerThread = new Thread(reader, "exbus-dashboard-reader");
        readerThread.setDaemon(true);
    }

    /**
     * The feed of a service: a consumer with the service's Kafka settings but no group ({@code assign()}, nothing
     * committed), {@code read_committed}, and the service's Avro deserializer against its registry.
     */
    public static DashboardFeed create(ServiceContext context, DashboardSettings settings, DashboardTopics topics) {
        Properties props = context.kafka().readerProperties("dashboard");
        // A position past what retention kept starts again at the oldest record left.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        return new DashboardFeed(consumer, context.kafka().valueDeserializer(), topics, settings,
                context.metrics().registry());
    }

    /** The handler to route at {@link DashboardHandler#PATH}. */
    public DashboardHandler handler() {
        return handler;
    }

    /** Starts reading and pushing. */
    public void start() {
        started = true;
        readerThread.start();
        pusher.start();
    }

    /** Ends every feed and stops reading. */
    @Override
    public void close() {
        clients.closeAll();
        pusher.close();
        reader.close();
        if (!started) {
            reader.closeUnstarted();
            return;
        }
        try {
            readerThread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
