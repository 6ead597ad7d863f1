package io.exchangebus.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.exchangebus.events.DeadLetter;
import io.exchangebus.service.ops.ServiceMetrics;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** What happens when not even the dead letter can be written: the caller never sees it; the metrics do. */
class DeadLettersTest {
    private final ServiceMetrics metrics = new ServiceMetrics("ingest", "ingest-1");

    private static KafkaProducer<byte[], DeadLetter> producerTo(int port) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "300");
        // No registry is reached: sending fails on the missing metadata before serializing.
        return new KafkaProducer<>(props, new ByteArraySerializer(), (topic, letter) -> new byte[0]);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private double failures() {
        return metrics.deadLetterFailures("ingest.dlq.v1").count();
    }

    @Test
    void shouldNotThrowWhenTheProducerIsClosed() throws Exception {
        KafkaProducer<byte[], DeadLetter> producer = producerTo(closedPort());
        producer.close();
        DeadLetters letters = new DeadLetters("ingest", "ingest.dlq.v1", producer, metrics, Clock.systemUTC());

        assertThatCode(() -> letters.frameFailed("binance-spot", null,
                "{\"apiKey\":\"must-not-be-logged\"}".getBytes(StandardCharsets.UTF_8), "MAPPING_FAILED", "bad"))
                .doesNotThrowAnyException();

        assertThat(failures()).isEqualTo(1.0);
        assertThat(metrics.deadLetters("ingest.dlq.v1", "MAPPING_FAILED").count()).isZero();
    }

    @Test
    void shouldCountALetterTheBrokerNeverTakes() throws Exception {
        DeadLetters letters = new DeadLetters("ingest", "ingest.dlq.v1", producerTo(closedPort()), metrics,
                Clock.systemUTC());

        assertThatCode(() -> letters.recordFailed(new ConsumerRecord<>("market.raw.v1", 0, 7L,
                new byte[] {1}, new byte[] {2}), "WRONG_MAGIC_BYTE", "first byte is 2")).doesNotThrowAnyException();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (failures() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        letters.close(Duration.ofMillis(100));

        assertThat(failures()).isEqualTo(1.0);
    }
}
