package io.exchangebus.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;

@ExtendWith(LocalStackExtension.class)
class InJvmStackIT {

    @Test
    void shouldRunTheBrokerInThisJvmAndOnlyTheRegistryAsAChild(LocalStack stack) {
        assertThat(stack.mode()).isEqualTo(LocalStack.Mode.IN_JVM);
        assertThat(stack.registryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
        assertThat(stack.childPids()).hasSize(1);
        assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).containsAll(stack.childPids());
    }

    @Test
    void shouldAdvertiseTheBrokerOnLoopback(LocalStack stack) throws Exception {
        assertThat(stack.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(20, TimeUnit.SECONDS))
                    .extracting(Node::host).containsExactly("127.0.0.1");
        }
    }

    @Test
    void shouldDeliverAProducedRecordToAConsumerGroup(LocalStack stack, TestTopics topics) throws Exception {
        String topic = topics.create(topics.name("market.trades.v1"), 3);

        KafkaRoundTrip.produce(stack.bootstrapServers(), topic, "binance:BTCUSDT", "trade-1");
        List<ConsumerRecord<String, String>> records =
                KafkaRoundTrip.consume(stack.bootstrapServers(), topic, 1, Duration.ofSeconds(20), "read_uncommitted");

        assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple("binance:BTCUSDT", "trade-1"));
    }

    @Test
    void shouldDeliverACommittedTransactionToAReadCommittedConsumer(LocalStack stack, TestTopics topics) {
        String topic = topics.create(topics.name("orders.acks.v1"), 1);

        KafkaRoundTrip.produceInTransaction(stack.bootstrapServers(), topic, "binance:acc-1", "ack-1");
        List<ConsumerRecord<String, String>> records =
                KafkaRoundTrip.consume(stack.bootstrapServers(), topic, 1, Duration.ofSeconds(20), "read_committed");

        assertThat(records).extracting(ConsumerRecord::value).containsExactly("ack-1");
    }

    @Test
    void shouldRegisterASchemaThroughTheConfluentCompatibleApi(LocalStack stack, TestTopics topics) throws Exception {
        String subject = topics.name("market.book.v1") + "-value";
        String schema = "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Ping\\\","
                + "\\\"fields\\\":[{\\\"name\\\":\\\"n\\\",\\\"type\\\":\\\"long\\\"}]}\"}";

        HttpResponse<String> registered = RegistryHttp.post(stack.registryUrl() + "/subjects/" + subject + "/versions", schema);
        HttpResponse<String> subjects = RegistryHttp.get(stack.registryUrl() + "/subjects");

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(registered.body()).matches("\\{\"id\":\\d+}");
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.body()).contains(subject);
    }

    @Test
    void shouldShareOneStackAcrossTests(LocalStack first, LocalStack second) {
        assertThat(first).isSameAs(second);
    }
}
