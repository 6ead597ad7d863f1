package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.service.kafka.CatalogueTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(LocalStackExtension.class)
class ExbusTailIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldPublishSamplesAndTailThemBackAsJsonWithDecimalsAsStrings(LocalStack stack) throws Exception {
        StringWriter smokeOut = new StringWriter();
        assertThat(run(smokeOut, new StringWriter(), "smoke", "--bootstrap", stack.bootstrapServers(),
                "--registry", stack.registryUrl())).isZero();
        // A malformed record after the sample: tail reports it and goes on.
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>("market.book.v1", new byte[] {7, 7, 7, 7, 7, 7})).get();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = run(out, err, "tail", "--topic", "market.book.v1", "--from-beginning", "--idle-timeout", "3",
                "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl());

        assertThat(code).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).isNotEmpty();
        JsonNode book = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(book.path("symbol").asText()).isEqualTo("BNBBTC");
        assertThat(book.path("sequence").asLong()).isEqualTo(1027024L);
        assertThat(book.path("bids").get(0).path("price").isTextual()).isTrue();
        assertThat(book.path("bids").get(0).path("price").asText()).isEqualTo("4");
        assertThat(book.path("asks").get(0).path("price").asText()).isEqualTo("4.000002");
        assertThat(err.toString()).contains("skipped").contains("WRONG_MAGIC_BYTE");
        assertThat(smokeOut.toString().lines()).hasSize(2);
    }

    @Test
    void shouldCreateMissingCatalogueTopicsWithTheCataloguesCleanupPolicy(LocalStack stack) throws Exception {
        CatalogueTopics.ensure(stack.bootstrapServers(), List.of(io.exchangebus.avro.topics.Topics.STATE_BOOKS), 1,
                (short) 1);
        CatalogueTopics.ensure(stack.bootstrapServers(), List.of(io.exchangebus.avro.topics.Topics.STATE_BOOKS), 1,
                (short) 1); // a second call finds it and leaves it be

        Properties props = new Properties();
        props.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (var admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "state.books.v1");
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void shouldStopAfterMaxRecords(LocalStack stack) {
        run(new StringWriter(), new StringWriter(), "smoke", "--bootstrap", stack.bootstrapServers(),
                "--registry", stack.registryUrl());
        StringWriter out = new StringWriter();

        int code = run(out, new StringWriter(), "tail", "--topic", "market.trades.v1", "--from-beginning", "--max", "1",
                "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl());

        assertThat(code).isZero();
        assertThat(out.toString().lines()).hasSize(1).first().asString().contains("\"tradeId\":\"12345\"");
    }

    @Test
    void shouldFailClearlyForATopicThatDoesNotExist(LocalStack stack) {
        StringWriter err = new StringWriter();

        int code = run(new StringWriter(), err, "tail", "--topic", "no.such.topic.v1", "--max", "1",
                "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("topic 'no.such.topic.v1' does not exist");
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = Exbus.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
