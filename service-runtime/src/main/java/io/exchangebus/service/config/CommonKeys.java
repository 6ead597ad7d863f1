package io.exchangebus.service.config;

import io.exchangebus.connectors.core.credentials.SecretRef;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The configuration every service has: {@code service}, {@code kafka}, {@code exchanges} and {@code accounts}.
 * Exchanges and accounts are generic: any exchange id, environment, endpoint, setting and key type is accepted
 * here; what each exchange takes is its connector's to declare, and {@code ExchangeAccess} checks it before any
 * connection is made.
 */
public final class CommonKeys {
    public static final ConfigKey<String> INSTANCE_ID = ConfigKey.optional("service.instance-id",
                    ConfigTypes.STRING, "This process's name in metrics, logs and client ids.")
            .validatedBy(Validators.notBlank()).withDefaultShownAs("service name + host");
    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.withDefault("service.http-port",
                    ConfigTypes.INT, 8080, "Port of /health/live, /health/ready and /metrics; 0 takes a free port.")
            .validatedBy(Validators.between(0, 65535));
    public static final ConfigKey<Duration> SHUTDOWN_TIMEOUT = ConfigKey.withDefault("service.shutdown-timeout",
                    ConfigTypes.DURATION, Duration.ofSeconds(30),
                    "Time the service has to finish in-flight work on SIGTERM before it is closed anyway.")
            .validatedBy(Validators.positiveDuration());

    public static final ConfigKey<String> BOOTSTRAP_SERVERS = ConfigKey.required("kafka.bootstrap-servers",
                    ConfigTypes.STRING, "Kafka brokers to connect to first, host:port[,host:port...].")
            .validatedBy(Validators.notBlank());
    public static final ConfigKey<URI> SCHEMA_REGISTRY_URL = ConfigKey.required("kafka.schema-registry-url",
            ConfigTypes.URI_TYPE, "Root of the schema registry's Confluent-compatible REST API, e.g. "
                    + "http://127.0.0.1:8081/apis/ccompat/v7.");
    public static final ConfigKey<Map<String, String>> KAFKA_CLIENT = ConfigKey.withDefault("kafka.client",
            ConfigTypes.STRING_MAP, Map.of(), "Kafka's own settings for every client (security.protocol, "
                    + "sasl.mechanism, ...); a value env:NAME or file:/path is a secret reference, loaded at use.");
    public static final ConfigKey<Map<String, String>> KAFKA_PRODUCER = ConfigKey.withDefault("kafka.producer",
            ConfigTypes.STRING_MAP, Map.of(), "Kafka's own settings for producers only (over kafka.client); "
                    + "acks and enable.idempotence cannot be weakened.");
    public static final ConfigKey<Map<String, String>> KAFKA_CONSUMER = ConfigKey.withDefault("kafka.consumer",
            ConfigTypes.STRING_MAP, Map.of(), "Kafka's own settings for consumers only (over kafka.client).");

    public static final ConfigKey<String> EXCHANGE_ENVIRONMENT = ConfigKey.withDefault("exchanges.*.environment",
                    ConfigTypes.STRING, "production", "Which of the exchange's deployments to use: production, "
                            + "testnet, another its connector declares (see Exchanges below), or custom, which takes "
                            + "every endpoint from endpoints.")
            .validatedBy(Validators.matches("[A-Za-z][A-Za-z0-9-]*", "a name such as production, testnet or custom"));
    public static final ConfigKey<Map<String, String>> EXCHANGE_ENDPOINTS = ConfigKey.withDefault(
            "exchanges.*.endpoints", ConfigTypes.STRING_MAP, Map.of(), "The exchange's endpoints by the names its "
                    + "connector declares (see Exchanges below), as absolute URIs; each replaces the environment's "
                    + "own, and with custom every endpoint without a default must be given.");
    public static final ConfigKey<URI> EXCHANGE_REST_URL = ConfigKey.optional("exchanges.*.rest-url",
            ConfigTypes.URI_TYPE, "Shorthand for endpoints.rest-url, kept for configurations written before "
                    + "endpoints.");
    public static final ConfigKey<URI> EXCHANGE_STREAM_URL = ConfigKey.optional("exchanges.*.stream-url",
            ConfigTypes.URI_TYPE, "Shorthand for endpoints.stream-url, kept for configurations written before "
                    + "endpoints.");
    public static final ConfigKey<URI> EXCHANGE_WS_API_URL = ConfigKey.optional("exchanges.*.ws-api-url",
            ConfigTypes.URI_TYPE, "Shorthand for endpoints.ws-api-url, kept for configurations written before "
                    + "endpoints.");
    public static final ConfigKey<Map<String, String>> EXCHANGE_SETTINGS = ConfigKey.withDefault(
            "exchanges.*.settings", ConfigTypes.STRING_MAP, Map.of(),
            "The exchange's own settings, by the names, types and checks its connector declares (see Exchanges "
                    + "below).");

    public static final ConfigKey<String> ACCOUNT_EXCHANGE = ConfigKey.required("accounts.*.exchange",
            ConfigTypes.STRING, "Id of the exchange the account is on; must be an entry of exchanges.");
    public static final ConfigKey<SecretRef> ACCOUNT_API_KEY = ConfigKey.required("accounts.*.api-key",
            ConfigTypes.SECRET_REF, "Where the account's API key is: env:NAME or file:/path.");
    public static final ConfigKey<SecretRef> ACCOUNT_SECRET = ConfigKey.required("accounts.*.secret",
            ConfigTypes.SECRET_REF, "Where the account's secret is (an HMAC secret, or a private key in the form its "
                    + "key type says): env:NAME or file:/path.");
    public static final ConfigKey<String> ACCOUNT_KEY_TYPE = ConfigKey.optional("accounts.*.key-type",
                    ConfigTypes.STRING, "What the secret is: one of the key types the account's exchange declares "
                            + "(see Exchanges below), e.g. hmac or ed25519.")
            .validatedBy(Validators.notBlank()).withDefaultShownAs("the exchange's first key type");
    public static final ConfigKey<Map<String, String>> ACCOUNT_SETTINGS = ConfigKey.withDefault(
            "accounts.*.settings", ConfigTypes.STRING_MAP, Map.of(), "The account's own settings, by the names "
                    + "its exchange's connector declares (see Exchanges below), e.g. a sub-account id.");

    /** Every common key, in the order the reference lists them. */
    public static final List<ConfigKey<?>> ALL = List.of(INSTANCE_ID, HTTP_PORT, SHUTDOWN_TIMEOUT,
            BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, KAFKA_CLIENT, KAFKA_PRODUCER, KAFKA_CONSUMER,
            EXCHANGE_ENVIRONMENT, EXCHANGE_ENDPOINTS, EXCHANGE_REST_URL, EXCHANGE_STREAM_URL, EXCHANGE_WS_API_URL,
            EXCHANGE_SETTINGS, ACCOUNT_EXCHANGE, ACCOUNT_API_KEY, ACCOUNT_SECRET, ACCOUNT_KEY_TYPE, ACCOUNT_SETTINGS);

    /** The common section with its rules; services add their keys with {@link ConfigSchema#with}. */
    public static final ConfigSchema SCHEMA = ConfigSchema.of(ALL)
            .withRule(CommonKeys::endpointsGivenOnce)
            .withRule(CommonKeys::accountsNameConfiguredExchanges)
            .withRule(CommonKeys::kafkaOverridesKeepGuarantees);

    private CommonKeys() {
    }

    /** A shorthand ({@code rest-url}) and its long form ({@code endpoints.rest-url}) must not both be set. */
    private static void endpointsGivenOnce(ServiceConfig config, ConfigErrors errors) {
        for (String exchange : config.names("exchanges")) {
            Map<String, String> endpoints = config.find(EXCHANGE_ENDPOINTS, exchange).orElse(Map.of());
            for (ConfigKey<URI> shorthand : List.of(EXCHANGE_REST_URL, EXCHANGE_STREAM_URL, EXCHANGE_WS_API_URL)) {
                String name = shorthand.path().substring(shorthand.path().lastIndexOf('.') + 1);
                if (config.find(shorthand, exchange).isPresent() && endpoints.containsKey(name)) {
                    errors.add(shorthand.pathFor(exchange), "is also given as endpoints." + name + "; give it once");
                }
            }
        }
    }

    private static void accountsNameConfiguredExchanges(ServiceConfig config, ConfigErrors errors) {
        for (String account : config.names("accounts")) {
            config.find(ACCOUNT_EXCHANGE, account)
                    .filter(exchange -> !config.names("exchanges").contains(exchange))
                    .ifPresent(exchange -> errors.add(ACCOUNT_EXCHANGE.pathFor(account), "names exchange '"
                            + exchange + "', which is not configured under exchanges (configured: "
                            + config.names("exchanges") + ")"));
        }
    }

    private static void kafkaOverridesKeepGuarantees(ServiceConfig config, ConfigErrors errors) {
        config.find(KAFKA_CLIENT).ifPresent(m -> KafkaOverrides.check(KAFKA_CLIENT.path(), m, true, errors));
        config.find(KAFKA_PRODUCER).ifPresent(m -> KafkaOverrides.check(KAFKA_PRODUCER.path(), m, true, errors));
        config.find(KAFKA_CONSUMER).ifPresent(m -> KafkaOverrides.check(KAFKA_CONSUMER.path(), m, false, errors));
    }
}
