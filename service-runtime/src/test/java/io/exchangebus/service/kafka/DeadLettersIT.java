package io.exchangebus.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.DeadLetter;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.service.ops.ServiceMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Dead letters written to the service's catalogue topic and read back from the real broker. */
@ExtendWith(LocalStackExtension.class)
class DeadLettersIT {
    private static final byte[] FRAME = "{\"e\":\"depthUpdate\",\"b\":[[\"x\"".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldWriteTheRawPayloadAndReasonToTheServicesDeadLetterTopic(LocalStack stack, TestTopics topics) {
        // A service name of its own, so that this test's topic is the catalogue's <service>.dlq.v1.
        String service = "dlq-it-" + ThreadLocalRandom.current().nextInt(1_000_000);
        String topic = topics.create(Topics.deadLetter(service).name(), 1);
        KafkaClients clients = new KafkaClients(StackConfig.of(stack, service, Map.of()));
        ServiceMetrics metrics = new ServiceMetrics(service, service + "-1");

        try (DeadLetters letters = DeadLetters.open(clients, metrics)) {
            letters.frameFailed("binance-spot", "binance-spot:BTCUSDT".getBytes(StandardCharsets.UTF_8), FRAME,
                    "MAPPING_FAILED", "Unexpected end of input in the frame");
            letters.recordFailed(new ConsumerRecord<>("orders.commands.v1", 3, 42L, "binance-spot:main"
                    .getBytes(StandardCharsets.UTF_8), new byte[] {9, 9, 9}), "WRONG_MAGIC_BYTE", "first byte is 9");
            letters.flush();
            assertThat(letters.topic()).isEqualTo(service + ".dlq.v1");
        }
        List<ConsumerRecord<byte[], DeadLetter>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], DeadLetter> consumer = clients.consumer("it", new ByteArrayDeserializer(),
                clients.<DeadLetter>valueDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }

        assertThat(read).hasSize(2);
        DeadLetter frame = read.get(0).value();
        assertThat(new String(read.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("binance-spot:BTCUSDT");
        assertThat(frame.getService()).isEqualTo(service);
        assertThat(frame.getExchange()).isEqualTo("binance-spot");
        assertThat(frame.getPayload()).isEqualTo(ByteBuffer.wrap(FRAME));
        assertThat(frame.getErrorType()).isEqualTo("MAPPING_FAILED");
        assertThat(frame.getReason()).isEqualTo("Unexpected end of input in the frame");
        assertThat(frame.getSourceTopic()).isNull();
        DeadLetter record = read.get(1).value();
        assertThat(new String(read.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("binance-spot:main");
        assertThat(record.getSourceTopic()).isEqualTo("orders.commands.v1");
        assertThat(record.getSourcePartition()).isEqualTo(3);
        assertThat(record.getSourceOffset()).isEqualTo(42L);
        assertThat(record.getPayload()).isEqualTo(ByteBuffer.wrap(new byte[] {9, 9, 9}));
        assertThat(metrics.deadLetters(topic, "MAPPING_FAILED").count()).isEqualTo(1.0);
        assertThat(metrics.deadLetters(topic, "WRONG_MAGIC_BYTE").count()).isEqualTo(1.0);
        assertThat(metrics.deadLetterFailures(topic).count()).isZero();
    }
}
