package io.exchangebus.streams;

import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigErrors;
import io.exchangebus.service.config.ConfigKey;
import io.exchangebus.service.config.ConfigSchema;
import io.exchangebus.service.config.ConfigTypes;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.service.config.Validators;
import io.exchangebus.streams.books.BookViewSettings;
import io.exchangebus.streams.dashboard.DashboardSettings;
import io.exchangebus.streams.dashboard.DashboardTopics;
import io.exchangebus.streams.positions.PositionSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;

/** The configuration keys of streams-apps, declared once; {@link #SCHEMA} is the common section plus these. */
public final class StreamsAppsKeys {
    public static final ConfigKey<String> APPLICATION_ID = ConfigKey.withDefault("streams.application-id",
            ConfigTypes.STRING, "exbus-streams-apps", "Kafka Streams application.id: every instance of one "
                    + "application shares it, and it names the consumer group and the internal topics.")
            .validatedBy(Validators.notBlank());
    public static final ConfigKey<String> STATE_DIR = ConfigKey.withDefault("streams.state-dir", ConfigTypes.STRING,
            Path.of(System.getProperty("java.io.tmpdir"), "exbus-streams").toString(),
            "Where this instance keeps its state stores (RocksDB); one directory per instance on a host.")
            .withDefaultShownAs("<java.io.tmpdir>/exbus-streams").validatedBy(Validators.notBlank());
    public static final ConfigKey<Integer> THREADS = ConfigKey.withDefault("streams.threads", ConfigTypes.INT, 1,
            "Stream threads of this instance (num.stream.threads).").validatedBy(Validators.between(1, 64));
    public static final ConfigKey<Integer> STANDBY_REPLICAS = ConfigKey.withDefault("streams.standby-replicas",
            ConfigTypes.INT, 0, "Warm copies of each state store kept on other instances (num.standby.replicas), so "
                    + "that a failover does not rebuild state from the changelog.")
            .validatedBy(Validators.between(0, 10));
    public static final ConfigKey<String> ADVERTISED_HOST = ConfigKey.withDefault("streams.advertised-host",
            ConfigTypes.STRING, "127.0.0.1", "Host name other instances reach this one's query API at "
                    + "(application.server is this host and service.http-port).").validatedBy(Validators.notBlank());
    public static final ConfigKey<Duration> QUERY_TIMEOUT = ConfigKey.withDefault("streams.query-timeout",
            ConfigTypes.DURATION, Duration.ofSeconds(5), "Longest wait for another instance when a query is "
                    + "forwarded to the instance holding the key.").validatedBy(Validators.positiveDuration());
    public static final ConfigKey<String> TOPIC_PREFIX = ConfigKey.withDefault("streams.topic-prefix",
            ConfigTypes.STRING, "", "Put in front of every topic name of the catalogue read or written; empty in "
                    + "production, for side-by-side runs and tests.");
    public static final ConfigKey<Map<String, String>> KAFKA_STREAMS = ConfigKey.withDefault("kafka.streams",
            ConfigTypes.STRING_MAP, Map.of(), "Kafka Streams' own settings (over kafka.client), e.g. "
                    + "statestore.cache.max.bytes or commit.interval.ms; processing.guarantee stays exactly_once_v2.");

    public static final ConfigKey<Integer> BOOK_DEPTH = ConfigKey.withDefault("books.depth", ConfigTypes.INT, 20,
            "Levels per side of the views published to state.books.v1 and served by the query API (its "
                    + "upper bound).").validatedBy(Validators.between(1, 5000));
    public static final ConfigKey<Duration> BOOK_MIN_INTERVAL = ConfigKey.withDefault("books.min-interval",
            ConfigTypes.DURATION, Duration.ofMillis(100), "Least time between two views of one book on "
                    + "state.books.v1; changes in between are coalesced and the latest is published when it ends. "
                    + "0 publishes every change.")
            .validatedBy(value -> value.isNegative() ? Optional.of("must not be negative") : Optional.empty());

    public static final ConfigKey<BigDecimal> POSITION_TOLERANCE = ConfigKey.withDefault("positions.tolerance",
            ConfigTypes.DECIMAL, BigDecimal.ZERO, "Largest difference between the position derived from fills "
                    + "and the exchange's that still counts as agreeing, in the instrument's quantity unit.")
            .validatedBy(value -> value.signum() < 0 ? Optional.of("must not be negative, was "
                    + value.toPlainString()) : Optional.empty());
    public static final ConfigKey<Duration> POSITION_GRACE_PERIOD = ConfigKey.withDefault("positions.grace-period",
            ConfigTypes.DURATION, Duration.ofSeconds(10), "How long the two views may disagree (fills and the "
                    + "exchange's reports cross in flight) before an alert goes to alerts.positions.v1.")
            .validatedBy(Validators.positiveDuration());
    public static final ConfigKey<Duration> POSITION_CHECK_INTERVAL = ConfigKey.withDefault(
            "positions.check-interval", ConfigTypes.DURATION, Duration.ofSeconds(1),
            "How often diverging positions are checked against the grace period.")
            .validatedBy(Validators.positiveDuration());
    public static final ConfigKey<Duration> ORDER_RETENTION = ConfigKey.withDefault("positions.order-retention",
            ConfigTypes.DURATION, Duration.ofDays(7), "How long a finished order's fill figures are kept, so "
                    + "that a late replay of its updates is recognised and not counted twice.")
            .validatedBy(Validators.positiveDuration());

    public static final ConfigKey<Boolean> DASHBOARD_ENABLED = ConfigKey.withDefault("dashboard.enabled",
            ConfigTypes.BOOLEAN, true, "Serve the live dashboard at /dashboard on the ops port (books, trades, "
                    + "orders, positions and balances of every account: keep the port private).");
    public static final ConfigKey<Integer> DASHBOARD_RECENT = ConfigKey.withDefault("dashboard.recent",
            ConfigTypes.INT, 50, "Events the dashboard keeps and shows per list: trades per book, order acks, order "
                    + "updates, reconciliation alerts.").validatedBy(Validators.between(1, 1000));
    public static final ConfigKey<Duration> DASHBOARD_PUSH_INTERVAL = ConfigKey.withDefault(
            "dashboard.push-interval", ConfigTypes.DURATION, Duration.ofMillis(250), "Least time between two "
                    + "pushes to a dashboard; changes in between are coalesced, latest value per key.")
            .validatedBy(value -> value.compareTo(Duration.ofMillis(10)) < 0
                    ? Optional.of("must be at least 10ms") : Optional.empty());
    public static final ConfigKey<Integer> DASHBOARD_MAX_CLIENTS = ConfigKey.withDefault("dashboard.max-clients",
            ConfigTypes.INT, 32, "Dashboards open at once (each has a live feed and a thread); one more is "
                    + "answered 503.").validatedBy(Validators.between(1, 1000));

    /** Every key of the service, common ones first. */
    public static final ConfigSchema SCHEMA = CommonKeys.SCHEMA.with(APPLICATION_ID, STATE_DIR, THREADS,
                    STANDBY_REPLICAS, ADVERTISED_HOST, QUERY_TIMEOUT, TOPIC_PREFIX, KAFKA_STREAMS, BOOK_DEPTH,
                    BOOK_MIN_INTERVAL, POSITION_TOLERANCE, POSITION_GRACE_PERIOD, POSITION_CHECK_INTERVAL,
                    ORDER_RETENTION, DASHBOARD_ENABLED, DASHBOARD_RECENT, DASHBOARD_PUSH_INTERVAL,
                    DASHBOARD_MAX_CLIENTS)
            .withRule(StreamsAppsKeys::streamsKeepTheirGuarantees);

    /** Settings the service sets itself: a pass-through map may not change them. */
    private static final Set<String> OWN_SETTINGS = Set.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
            StreamsConfig.APPLICATION_ID_CONFIG, StreamsConfig.APPLICATION_SERVER_CONFIG,
            StreamsConfig.STATE_DIR_CONFIG, StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG,
            StreamsConfig.NUM_STREAM_THREADS_CONFIG);

    private StreamsAppsKeys() {
    }

    /** The book views' settings. */
    public static BookViewSettings books(ServiceConfig config) {
        return new BookViewSettings(config.get(BOOK_DEPTH), config.get(BOOK_MIN_INTERVAL));
    }

    /** The positions' settings. */
    public static PositionSettings positions(ServiceConfig config) {
        return new PositionSettings(config.get(POSITION_TOLERANCE), config.get(POSITION_GRACE_PERIOD),
                config.get(POSITION_CHECK_INTERVAL), config.get(ORDER_RETENTION));
    }

    /** The dashboard's settings; whether it is served at all is {@link #DASHBOARD_ENABLED}. */
    public static DashboardSettings dashboard(ServiceConfig config) {
        return new DashboardSettings(config.get(DASHBOARD_RECENT), config.get(DASHBOARD_PUSH_INTERVAL),
                config.get(DASHBOARD_MAX_CLIENTS), DashboardSettings.HEARTBEAT);
    }

    /** The topics the dashboard reads, with {@code streams.topic-prefix} in front. */
    public static DashboardTopics dashboardTopics(ServiceConfig config) {
        return DashboardTopics.prefixed(config.get(TOPIC_PREFIX));
    }

    /** The topics, with {@code streams.topic-prefix} in front. */
    public static StreamsTopics topics(ServiceConfig config) {
        return StreamsTopics.prefixed(config.get(TOPIC_PREFIX));
    }

    private static void streamsKeepTheirGuarantees(ServiceConfig config, ConfigErrors errors) {
        config.find(KAFKA_STREAMS).ifPresent(settings -> settings.keySet().stream()
                .filter(OWN_SETTINGS::contains)
                .forEach(key -> errors.add(KAFKA_STREAMS.path() + "." + key, "is set by streams-apps itself ("
                        + (key.equals(StreamsConfig.PROCESSING_GUARANTEE_CONFIG) ? "exactly_once_v2"
                        : "see the streams.* keys") + "), not through kafka.streams")));
    }
}
