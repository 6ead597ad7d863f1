package io.exchangebus.service.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Typed access to the common section ({@link CommonKeys}) of a service's configuration. */
public final class CommonConfig {
    private final ServiceConfig config;
    private final String instanceId;

    private CommonConfig(ServiceConfig config, String instanceId) {
        this.config = config;
        this.instanceId = instanceId;
    }

    /** The common section of {@code config}, whose schema must include {@link CommonKeys#ALL}. */
    public static CommonConfig of(ServiceConfig config) {
        String instanceId = config.find(CommonKeys.INSTANCE_ID)
                .orElseGet(() -> config.serviceName() + "-" + hostName());
        return new CommonConfig(config, instanceId);
    }

    public ServiceConfig config() {
        return config;
    }

    public String serviceName() {
        return config.serviceName();
    }

    /** {@code service.instance-id}, or the service name and the host name. */
    public String instanceId() {
        return instanceId;
    }

    public int httpPort() {
        return config.get(CommonKeys.HTTP_PORT);
    }

    public Duration shutdownTimeout() {
        return config.get(CommonKeys.SHUTDOWN_TIMEOUT);
    }

    public String bootstrapServers() {
        return config.get(CommonKeys.BOOTSTRAP_SERVERS);
    }

    public URI schemaRegistryUrl() {
        return config.get(CommonKeys.SCHEMA_REGISTRY_URL);
    }

    /** {@code kafka.client}: values may be secret references, see {@link PassThrough}. */
    public Map<String, String> kafkaClient() {
        return config.get(CommonKeys.KAFKA_CLIENT);
    }

    public Map<String, String> kafkaProducer() {
        return config.get(CommonKeys.KAFKA_PRODUCER);
    }

    public Map<String, String> kafkaConsumer() {
        return config.get(CommonKeys.KAFKA_CONSUMER);
    }

    /** The configured exchanges, by id. */
    public List<ExchangeSettings> exchanges() {
        return config.names("exchanges").stream().map(this::exchangeNamed).collect(Collectors.toUnmodifiableList());
    }

    /** The exchange {@code id}, if configured. */
    public Optional<ExchangeSettings> exchange(String id) {
        return config.names("exchanges").contains(id) ? Optional.of(exchangeNamed(id)) : Optional.empty();
    }

    /** The configured accounts, by id. */
    public List<AccountSettings> accounts() {
        return config.names("accounts").stream().map(this::accountNamed).collect(Collectors.toUnmodifiableList());
    }

    private ExchangeSettings exchangeNamed(String id) {
        Map<String, String> endpoints = new TreeMap<>(config.get(CommonKeys.EXCHANGE_ENDPOINTS, id));
        config.find(CommonKeys.EXCHANGE_REST_URL, id).ifPresent(uri -> endpoints.put("rest-url", uri.toString()));
        config.find(CommonKeys.EXCHANGE_STREAM_URL, id).ifPresent(uri -> endpoints.put("stream-url", uri.toString()));
        config.find(CommonKeys.EXCHANGE_WS_API_URL, id).ifPresent(uri -> endpoints.put("ws-api-url", uri.toString()));
        return new ExchangeSettings(id, config.get(CommonKeys.EXCHANGE_ENVIRONMENT, id).toLowerCase(Locale.ROOT),
                Collections.unmodifiableMap(endpoints), config.get(CommonKeys.EXCHANGE_SETTINGS, id));
    }

    private AccountSettings accountNamed(String id) {
        return new AccountSettings(id, config.get(CommonKeys.ACCOUNT_EXCHANGE, id),
                config.get(CommonKeys.ACCOUNT_API_KEY, id), config.get(CommonKeys.ACCOUNT_SECRET, id),
                config.find(CommonKeys.ACCOUNT_KEY_TYPE, id).map(t -> t.strip().toLowerCase(Locale.ROOT)),
                config.get(CommonKeys.ACCOUNT_SETTINGS, id));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
