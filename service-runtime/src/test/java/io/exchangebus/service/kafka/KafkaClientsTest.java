package io.exchangebus.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigException;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.config.ServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientsTest {
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"svc\" password=\"p4ss-from-file\";";

    @TempDir
    Path dir;

    static ServiceConfig config(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "EXBUS_KAFKA__BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9092",
                "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", "http://registry:8081/apis/ccompat/v7",
                "EXBUS_SERVICE__INSTANCE_ID", "oms-1"));
        env.putAll(extra);
        return new ConfigLoader("oms-service", CommonKeys.SCHEMA, env).loadYaml("");
    }

    @Test
    void shouldMakeEveryProducerIdempotentWithAcksAll() {
        Properties props = new KafkaClients(config(Map.of("EXBUS_KAFKA__PRODUCER__LINGER_MS", "5"))).producerProperties();

        assertThat(props).containsEntry("bootstrap.servers", "broker-1:9092,broker-2:9092")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all")
                .containsEntry("linger.ms", "5")
                .doesNotContainKey("transactional.id");
        assertThat(props.getProperty("client.id")).startsWith("oms-1-producer-");
    }

    @Test
    void shouldRefuseAConfigurationThatTurnsAcksDown() {
        assertThatThrownBy(() -> config(Map.of("EXBUS_KAFKA__PRODUCER__ACKS", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config key 'kafka.producer.acks': producers are always idempotent with acks=all, was 1");
    }

    @Test
    void shouldGiveTheTransactionalProducerItsId() {
        Properties props = new KafkaClients(config(Map.of())).transactionalProducerProperties("oms-1-main");

        assertThat(props).containsEntry("transactional.id", "oms-1-main").containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true");
        assertThatThrownBy(() -> new KafkaClients(config(Map.of())).transactionalProducerProperties(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRetryBackToBackTransactionsQuicklyUnlessTheProducerSettingsSayOtherwise() {
        Properties tuned = new KafkaClients(config(Map.of())).transactionalProducerProperties("oms-1-main");
        Properties configured = new KafkaClients(config(Map.of("EXBUS_KAFKA__PRODUCER__RETRY_BACKOFF_MS", "250")))
                .transactionalProducerProperties("oms-1-main");

        assertThat(tuned).containsEntry("retry.backoff.ms", "1");
        assertThat(configured).containsEntry("retry.backoff.ms", "250");
        assertThat(new KafkaClients(config(Map.of())).producerProperties()).doesNotContainKey("retry.backoff.ms");
    }

    @Test
    void shouldReadCommittedAndLeaveCommitsToTheServiceByDefault() {
        Properties props = new KafkaClients(config(Map.of("EXBUS_KAFKA__CLIENT__SECURITY_PROTOCOL", "SASL_SSL",
                "EXBUS_KAFKA__CONSUMER__MAX_POLL_RECORDS", "50"))).consumerProperties("oms");

        assertThat(props).containsEntry("group.id", "oms").containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("max.poll.records", "50").containsEntry("bootstrap.servers", "broker-1:9092,broker-2:9092");
    }

    @Test
    void shouldGiveAReaderNoGroupNoCommitsAndNoTopicCreation() {
        Properties props = new KafkaClients(config(Map.of("EXBUS_KAFKA__CLIENT__SECURITY_PROTOCOL", "SASL_SSL",
                "EXBUS_KAFKA__CONSUMER__MAX_POLL_RECORDS", "50"))).readerProperties("dashboard");

        assertThat(props).doesNotContainKey("group.id").containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false").containsEntry("allow.auto.create.topics", "false")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("max.poll.records", "50");
        assertThat(props.getProperty("client.id")).contains("-dashboard-");
    }

    @Test
    void shouldLoadSecretReferencesOfPassThroughValuesAtUse() throws Exception {
        Path jaas = Files.writeString(dir.resolve("jaas"), JAAS + "\n");
        ServiceConfig config = config(Map.of(
                "EXBUS_KAFKA__CLIENT__SASL_JAAS_CONFIG", "file:" + jaas,
                "EXBUS_KAFKA__CLIENT__SSL_TRUSTSTORE_PASSWORD", "env:TRUSTSTORE_PASSWORD",
                "TRUSTSTORE_PASSWORD", "changeit-42"));

        Properties producer = new KafkaClients(config).producerProperties();
        Properties consumer = new KafkaClients(config).consumerProperties("g");

        assertThat(producer).containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.password", "changeit-42");
        assertThat(consumer).containsEntry("sasl.jaas.config", JAAS);
        assertThat(config.toString()).contains("sasl.jaas.config=file:" + jaas).doesNotContain("p4ss-from-file")
                .doesNotContain("changeit-42");
    }

    @Test
    void shouldNameThePassThroughKeyWhoseSecretCannotBeLoaded() throws Exception {
        Path jaas = Files.writeString(dir.resolve("jaas"), JAAS);
        ServiceConfig config = config(Map.of("EXBUS_KAFKA__CLIENT__SASL_JAAS_CONFIG", "file:" + jaas));
        Files.delete(jaas);

        assertThatThrownBy(() -> new KafkaClients(config).producerProperties())
                .isInstanceOf(ConfigException.class)
                .hasMessage("config key 'kafka.client.sasl.jaas.config': cannot read secret file " + jaas
                        + ": NoSuchFileException");
    }

    @Test
    void shouldPointTheSerdesAtTheRegistry() {
        assertThat(new KafkaClients(config(Map.of())).serdeConfig())
                .containsEntry("exbus.registry.url", "http://registry:8081/apis/ccompat/v7");
    }
}
