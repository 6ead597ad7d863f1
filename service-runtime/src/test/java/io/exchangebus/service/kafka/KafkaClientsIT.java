package io.exchangebus.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.DeadLetter;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.service.ops.ServiceMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Clients built from configuration, against the real broker and registry. */
@ExtendWith(LocalStackExtension.class)
class KafkaClientsIT {
    private static final Duration POLL = Duration.ofMillis(200);

    private static DeadLetter letter(String reason) {
        return DeadLetter.newBuilder().setService("oms-service").setPayload(ByteBuffer.wrap(
                        reason.getBytes(StandardCharsets.UTF_8)))
                .setErrorType("TEST").setReason(reason).setFailedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    /**
     * Reads from the start until {@code expected} records came (or 30 s passed). Records written before the last
     * expected one (an aborted transaction's) would be read before it, so a test sees them if they leak.
     */
    private static List<DeadLetter> read(KafkaConsumer<String, DeadLetter> consumer, String topic, int expected) {
        consumer.assign(List.of(new TopicPartition(topic, 0)));
        consumer.seekToBeginning(consumer.assignment());
        List<DeadLetter> read = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (read.size() < expected && System.nanoTime() < deadline) {
            consumer.poll(POLL).forEach(r -> read.add(r.value()));
        }
        return read;
    }

    @Test
    void shouldWriteAndReadEventsWithAnIdempotentProducer(LocalStack stack, TestTopics topics) {
        String topic = topics.create(topics.name("clients"), 1);
        KafkaClients clients = new KafkaClients(StackConfig.of(stack, "oms-service", Map.of()));

        try (KafkaProducer<String, DeadLetter> producer = clients.avroProducer()) {
            producer.send(new ProducerRecord<>(topic, "binance-spot:main", letter("one")));
            producer.flush();
        }
        List<DeadLetter> read;
        try (KafkaConsumer<String, DeadLetter> consumer = clients.avroConsumer("it-" + topic)) {
            read = read(consumer, topic, 1);
        }

        assertThat(clients.producerProperties()).containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all");
        assertThat(read).containsExactly(letter("one"));
    }

    @Test
    void shouldExportTheClientsOwnMetricsIncludingConsumerLag(LocalStack stack, TestTopics topics) {
        String topic = topics.create(topics.name("lag"), 1);
        ServiceMetrics metrics = new ServiceMetrics("oms-service", "it");
        KafkaClients clients = new KafkaClients(StackConfig.of(stack, "oms-service", Map.of()), metrics.registry());
        try (KafkaProducer<String, DeadLetter> producer = clients.avroProducer()) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, "k", letter("l" + i)));
            }
            producer.flush();
        }

        try (KafkaConsumer<String, DeadLetter> consumer = clients.avroConsumer("it-" + topic)) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            consumer.poll(POLL);
            String scrape = metrics.scrape();

            assertThat(scrape).contains("kafka_consumer_fetch_manager_records_lag_max")
                    .contains("kafka_producer_record_send_total");
        }
    }

    @Test
    void shouldShowReadCommittedConsumersOnlyCommittedTransactions(LocalStack stack, TestTopics topics) {
        String topic = topics.create(topics.name("transactions"), 1);
        KafkaClients clients = new KafkaClients(StackConfig.of(stack, "oms-service", Map.of()));

        try (KafkaProducer<String, DeadLetter> producer = clients.transactionalAvroProducer("it-" + topic)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", letter("aborted")));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", letter("committed")));
            producer.commitTransaction();
        }
        List<DeadLetter> read;
        try (KafkaConsumer<String, DeadLetter> consumer = clients.avroConsumer("it-" + topic)) {
            read = read(consumer, topic, 1);
        }

        assertThat(read).containsExactly(letter("committed"));
    }
}
