package io.exchangebus.testkit;

import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.serde.AvroSerializer;
import io.exchangebus.events.OrderCommand;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** The kit's Kafka clients of one stack: one producer of order commands, and the readers. Thread-safe. */
final class KitClients implements AutoCloseable {
    private final KafkaProducer<String, OrderCommand> producer;
    private final OrderGateway orders;
    private final BookReader books;
    private final PositionReader positions;
    private final BalanceReader balances;

    KitClients(String bootstrap, String registry) {
        this.producer = producer(bootstrap, registry);
        this.orders = new OrderGateway(producer, bootstrap, registry);
        this.books = new BookReader(bootstrap, registry);
        this.positions = new PositionReader(bootstrap, registry);
        this.balances = new BalanceReader(bootstrap, registry);
    }

    OrderGateway orders() {
        return orders;
    }

    BookReader books() {
        return books;
    }

    PositionReader positions() {
        return positions;
    }

    BalanceReader balances() {
        return balances;
    }

    @Override
    public void close() {
        producer.close();
    }

    /** Idempotent, {@code acks=all}, as a strategy's producer of commands should be. */
    static KafkaProducer<String, OrderCommand> producer(String bootstrap, String registry) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        AvroSerializer<OrderCommand> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, registry), false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }
}
