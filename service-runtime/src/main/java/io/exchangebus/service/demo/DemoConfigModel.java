package io.exchangebus.service.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The demo's configuration files as a typed model: one record per file, one per section, with the services' key
 * names in kebab case, rendered to YAML by Jackson's YAML module (the library service-runtime reads it with). A
 * {@code null} component is left out of the file. Immutable.
 */
final class DemoConfigModel {
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private DemoConfigModel() {
    }

    /** One service's configuration file, rendered as YAML. */
    static String render(Object file) {
        try {
            return YAML.writeValueAsString(file);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code service:}; {@code httpPort} null for a job without an ops port. */
    record Service(String instanceId, Integer httpPort, String shutdownTimeout) {
    }

    /** {@code kafka:}. */
    record Kafka(String bootstrapServers, String schemaRegistryUrl) {
    }

    /**
     * One entry of {@code exchanges:}: an environment, and the endpoints when it is {@code custom}: the shorthands
     * {@code rest-url}, {@code stream-url}, {@code ws-api-url}, or {@code endpoints} by the connector's names.
     */
    record Exchange(String environment, String restUrl, String streamUrl, String wsApiUrl,
                    Map<String, String> endpoints) {
        static Exchange production() {
            return new Exchange("production", null, null, null, null);
        }

        static Exchange custom(String restUrl, String streamUrl, String wsApiUrl) {
            return new Exchange("custom", restUrl, streamUrl, wsApiUrl, null);
        }

        static Exchange custom(Map<String, String> endpoints) {
            return new Exchange("custom", null, null, null, endpoints);
        }
    }

    /** One entry of {@code accounts:}; key and secret are {@code file:} references, never the values. */
    record Account(String exchange, String apiKey, String secret, Map<String, String> settings) {
        Account(String exchange, String apiKey, String secret) {
            this(exchange, apiKey, secret, null);
        }
    }

    /** {@code recovery:}. */
    record Recovery(List<String> accounts, String historyWindow, List<String> historySymbols, String callTimeout) {
    }

    /** recovery-job's file. */
    record RecoveryJobFile(Service service, Kafka kafka, Map<String, Exchange> exchanges,
                           Map<String, Account> accounts, Recovery recovery) {
    }

    /** One entry of {@code ingest.subscriptions:}. */
    record Subscription(String exchange, String symbol, int bookDepth, String bookInterval, boolean trades) {
    }

    /** {@code ingest:}. */
    record Ingest(Map<String, Subscription> subscriptions) {
    }

    /** ingest's file. */
    record IngestFile(Service service, Kafka kafka, Map<String, Exchange> exchanges, Ingest ingest) {
    }

    /** {@code pms:}. */
    record Pms(List<String> accounts) {
    }

    /** pms-service's file. */
    record PmsFile(Service service, Kafka kafka, Map<String, Exchange> exchanges, Map<String, Account> accounts,
                   Pms pms) {
    }

    /** {@code oms.risk:}. */
    record Risk(BigDecimal maxOrderQuantity, BigDecimal maxOrderNotional, int maxOpenOrders, BigDecimal priceBand) {
    }

    /** {@code oms:}. */
    record Oms(List<String> accounts, String groupId, String ackTimeout, Risk risk) {
    }

    /** oms-service's file. */
    record OmsFile(Service service, Kafka kafka, Map<String, Exchange> exchanges, Map<String, Account> accounts,
                   Oms oms) {
    }

    /** {@code streams:}. */
    record Streams(String applicationId, String stateDir, int threads, int standbyReplicas, String advertisedHost) {
    }

    /** {@code books:}. */
    record Books(int depth, String minInterval) {
    }

    /** {@code positions:}. */
    record Positions(String gracePeriod) {
    }

    /** streams-apps' file. */
    record StreamsAppsFile(Service service, Kafka kafka, Streams streams, Books books, Positions positions) {
    }
}
