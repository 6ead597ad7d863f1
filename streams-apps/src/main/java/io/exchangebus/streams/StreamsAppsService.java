package io.exchangebus.streams;

import io.exchangebus.service.Service;
import io.exchangebus.service.ServiceContext;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.service.ops.ReadinessCheck;
import io.exchangebus.streams.dashboard.DashboardFeed;
import io.exchangebus.streams.dashboard.DashboardHandler;
import io.exchangebus.streams.errors.StreamsDeadLetters;
import io.exchangebus.streams.query.QueryApi;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * streams-apps as a service: one Kafka Streams application running {@link StreamsApps#buildTopology}, exactly-once
 * ({@code exactly_once_v2}), its bad records dead-lettered inside its transactions, its query API and (unless
 * {@code dashboard.enabled} is false) its live dashboard on the ops port, ready while the application is RUNNING.
 */
public final class StreamsAppsService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsAppsService.class);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    /** Null when {@code dashboard.enabled} is false. */
    private final DashboardFeed dashboard;

    private StreamsAppsService(KafkaStreams streams, KafkaStreamsMetrics streamsMetrics, DashboardFeed dashboard) {
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.dashboard = dashboard;
    }

    /**
     * The service of {@code context}, with its query API and dashboard routed; for the runner, and for tests of
     * other packages and modules that run the service ({@code RunningService}).
     */
    public static StreamsAppsService create(ServiceContext context) {
        ServiceConfig config = context.config();
        EventSerdes serdes = new EventSerdes(context.kafka().serdeConfig());
        ensureInstrumentTopic(context, StreamsAppsKeys.topics(config).referenceInstruments());
        Topology topology = StreamsApps.buildTopology(StreamsAppsKeys.books(config),
                StreamsAppsKeys.positions(config), serdes, StreamsAppsKeys.topics(config),
                context.metrics().registry());
        String host = config.get(StreamsAppsKeys.ADVERTISED_HOST);
        KafkaStreams streams = new KafkaStreams(topology, properties(context, host));
        streams.setUncaughtExceptionHandler(exception -> {
            // Bad records never get here (they are dead-lettered); this is a broken broker link or a bug. A new
            // thread takes over the tasks from their last committed state.
            LOG.error("a stream thread died; replacing it", exception);
            context.metrics().errors("stream-thread").increment();
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> LOG.info("Kafka Streams {} -> {}", before, now));
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(context.metrics().registry());
        QueryApi api = new QueryApi(streams, host, context.httpPort(), config.get(StreamsAppsKeys.QUERY_TIMEOUT),
                config.get(StreamsAppsKeys.BOOK_DEPTH));
        QueryApi.PATHS.forEach(path -> context.route(path, api));
        DashboardFeed dashboard = null;
        if (config.get(StreamsAppsKeys.DASHBOARD_ENABLED)) {
            dashboard = DashboardFeed.create(context, StreamsAppsKeys.dashboard(config),
                    StreamsAppsKeys.dashboardTopics(config));
            context.route(DashboardHandler.PATH, dashboard.handler());
        }
        return new StreamsAppsService(streams, metrics, dashboard);
    }

    /**
     * Creates the instrument definitions' topic if it is missing (one partition, compacted, the broker's replication),
     * since a global store cannot start on a topic that does not exist, and the topic is written only once
     * recovery-job has run: a streams-apps started first would otherwise fail. Other failures are logged; the
     * application then reports what it cannot read.
     */
    private static void ensureInstrumentTopic(ServiceContext context, String topic) {
        if (topic == null) {
            return;
        }
        try (Admin admin = Admin.create(context.kafka().adminProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(30, TimeUnit.SECONDS);
            LOG.info("created {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warn("could not create {}: {}", topic, e.getCause().toString());
            }
        } catch (TimeoutException e) {
            LOG.warn("could not create {} within 30 s", topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The application's properties: pass-through first, then what the service guarantees. */
    static Properties properties(ServiceContext context, String advertisedHost) {
        ServiceConfig config = context.config();
        Properties props = context.kafka().streamsProperties(StreamsAppsKeys.KAFKA_STREAMS.path(),
                config.get(StreamsAppsKeys.KAFKA_STREAMS));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.get(StreamsAppsKeys.APPLICATION_ID));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.get(StreamsAppsKeys.STANDBY_REPLICAS));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.get(StreamsAppsKeys.THREADS));
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.get(StreamsAppsKeys.STATE_DIR));
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost + ":" + context.httpPort());
        context.kafka().serdeConfig().forEach(props::put);
        StreamsDeadLetters.configure(props, StreamsAppsMain.SERVICE_NAME, context.metrics());
        return props;
    }

    @Override
    public void start() {
        streams.start();
        if (dashboard != null) {
            dashboard.start();
        }
    }

    @Override
    public Map<String, ReadinessCheck> readinessChecks() {
        return Map.of("streams", () -> streams.state() == KafkaStreams.State.RUNNING);
    }

    @Override
    public void close(Duration timeout) {
        if (dashboard != null) {
            // First, so that open dashboards end at once rather than freeze while the streams close.
            dashboard.close();
        }
        // Leave the group at once, so that another instance takes the partitions without waiting for the session
        // timeout.
        streams.close(CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        streamsMetrics.close();
    }
}
