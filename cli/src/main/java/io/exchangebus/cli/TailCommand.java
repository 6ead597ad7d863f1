package io.exchangebus.cli;

import io.exchangebus.avro.json.AvroJson;
import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.serde.MalformedPayloadException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints a topic's Avro records as JSON, one object a line. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print a topic's records as JSON, one object a line, decoded through the schema registry "
                + "(decimals as strings, times in ISO-8601 UTC). A record that cannot be decoded is reported on "
                + "stderr with its partition, offset and reason, and skipped.",
                "Reads every partition without a consumer group, so it commits nothing."})
final class TailCommand implements Callable<Integer> {
    @Option(names = "--topic", required = true, description = "The topic to read.")
    String topic;

    @Option(names = "--from-beginning", description = "Start from the oldest record (default: only new ones).")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records (default: run until interrupted).")
    Long max;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Stop after this many seconds with no record (default: never).")
    Long idleTimeoutSeconds;

    @Mixin
    Connection connection = new Connection();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, connection.registry(),
                AvroSerdeConfig.SPECIFIC_READER, false), false);
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props(), new StringDeserializer(), values)) {
            List<TopicPartition> partitions = partitionsOf(consumer);
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            long printed = 0;
            long lastRecordAt = System.nanoTime();
            while (max == null || printed < max) {
                if (idleTimeoutSeconds != null
                        && System.nanoTime() - lastRecordAt > Duration.ofSeconds(idleTimeoutSeconds).toNanos()) {
                    break;
                }
                try {
                    for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                        out.println(record.value() == null ? "null" : AvroJson.toJson((IndexedRecord) record.value()));
                        lastRecordAt = System.nanoTime();
                        if (max != null && ++printed >= max) {
                            break;
                        }
                    }
                    out.flush();
                } catch (RecordDeserializationException e) {
                    if (!(e.getCause() instanceof MalformedPayloadException)) {
                        throw e;
                    }
                    err.println("exbus tail: skipped " + e.topicPartition() + " offset " + e.offset() + ": "
                            + e.getCause().getMessage());
                    err.flush();
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                    lastRecordAt = System.nanoTime();
                }
            }
        }
        return 0;
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<String, Object> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic '" + topic + "' does not exist at " + connection.bootstrap());
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private Properties props() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }
}
