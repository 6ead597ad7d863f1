package io.exchangebus.benchmarks.ingest;

import io.exchangebus.ingest.IngestKeys;
import io.exchangebus.ingest.IngestMain;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.kafka.KafkaClients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline of the ingest throughput run, in a process of its own: a plain Kafka producer with ingest's own
 * producer settings (built by {@link KafkaClients#producerProperties()} from the very YAML ingest ran with:
 * idempotent, {@code acks=all}, and whatever {@code kafka.client} / {@code kafka.producer} set, else Kafka's defaults
 * for compression, linger and batch size) sending {@code RECORDS} records, the sample's serialized keys and values
 * (ingest's own records, taken from {@code market.book.v1}) in turn, as fast as the producer takes them.
 *
 * <p>{@code RawProducer INGEST_YAML TOPIC RECORDS SAMPLE_FILE}; exits 0 once every record is acknowledged.
 */
public final class RawProducer {
    private RawProducer() {
    }

    /** The settings that decide batching, whether set or Kafka's defaults. */
    static Map<String, Object> effective(Properties props) {
        Properties withSerializers = new Properties();
        withSerializers.putAll(props);
        withSerializers.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        withSerializers.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Map<String, ?> values = new ProducerConfig(withSerializers).values();
        Map<String, Object> effective = new TreeMap<>();
        for (String key : List.of(ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, ProducerConfig.LINGER_MS_CONFIG,
                ProducerConfig.BATCH_SIZE_CONFIG, ProducerConfig.BUFFER_MEMORY_CONFIG,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)) {
            effective.put(key, values.get(key));
        }
        return effective;
    }

    public static void main(String[] args) throws Exception {
        Properties props = new KafkaClients(ConfigLoader.withProcessEnvironment(IngestMain.SERVICE, IngestKeys.SCHEMA)
                .load(Optional.of(Path.of(args[0])))).producerProperties();
        String topic = args[1];
        long records = Long.parseLong(args[2]);
        RecordSample sample = RecordSample.read(Path.of(args[3]));
        System.out.println("raw-producer: settings " + new TreeMap<>(Map.copyOf(props)) + "; in effect "
                + effective(props));
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            int n = sample.size();
            for (long i = 0; i < records; i++) {
                int k = (int) (i % n);
                producer.send(new ProducerRecord<>(topic, sample.keys().get(k), sample.values().get(k)),
                        (metadata, failure) -> {
                            if (failure != null && failed.getAndIncrement() == 0) {
                                System.out.println("raw-producer: " + failure);
                            }
                        });
            }
            producer.flush();
        }
        System.out.printf("raw-producer: %d records sent, %d failed%n", records, failed.get());
        System.exit(failed.get() == 0 ? 0 : 1);
    }
}
