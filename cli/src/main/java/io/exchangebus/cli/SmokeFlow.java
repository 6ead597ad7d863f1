package io.exchangebus.cli;

import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.avro.json.AvroJson;
import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.serde.AvroSerializer;
import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.events.Side;
import io.exchangebus.events.Trade;
import io.exchangebus.service.kafka.CatalogueTopics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The smoke flow: publish Binance's documented depth-snapshot and trade samples (BNBBTC) as events, read them back
 * from the offsets they were written at, decoding through the registry, and compare.
 */
final class SmokeFlow {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final String registry;
    private final PrintWriter out;
    private final PrintWriter err;

    SmokeFlow(String bootstrap, String registry, PrintWriter out, PrintWriter err) {
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.out = out;
        this.err = err;
    }

    /** Returns the exit code: 0 when every event came back equal to what was sent. */
    int run() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<SpecificRecord> sent = List.of(sampleBook(now), sampleTrade(now));
        CatalogueTopics.ensure(bootstrap, List.of(Topics.MARKET_BOOK, Topics.MARKET_TRADES), 1, (short) 1);
        List<RecordMetadata> written = publish(sent);
        List<SpecificRecord> readBack = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(consumerProps(),
                new StringDeserializer(), deserializer())) {
            for (RecordMetadata at : written) {
                TopicPartition partition = new TopicPartition(at.topic(), at.partition());
                consumer.assign(List.of(partition));
                consumer.seek(partition, at.offset());
                long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
                int before = readBack.size();
                while (readBack.size() == before && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> readBack.add(r.value()));
                }
            }
        }
        readBack.forEach(event -> out.println(AvroJson.toJson(event)));
        out.flush();
        if (!readBack.equals(sent)) {
            err.println("exbus smoke: FAILED, read back " + readBack.size() + " events that differ from the "
                    + sent.size() + " sent");
            err.flush();
            return Exbus.FAILED;
        }
        err.println("exbus smoke: OK, " + sent.size() + " events published to " + Topics.MARKET_BOOK.name() + " and "
                + Topics.MARKET_TRADES.name() + " and read back through the registry");
        err.flush();
        return 0;
    }

    private List<RecordMetadata> publish(List<SpecificRecord> events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, registry), false);
        List<RecordMetadata> written = new ArrayList<>();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props, new StringSerializer(),
                serializer)) {
            for (SpecificRecord event : events) {
                String topic = event instanceof BookUpdate ? Topics.MARKET_BOOK.name() : Topics.MARKET_TRADES.name();
                String key = TopicKey.exchangeSymbol("binance-spot", "BNBBTC");
                written.add(producer.send(new ProducerRecord<>(topic, key, event)).get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("publishing failed: " + e.getCause().getMessage(), e.getCause());
        }
        return written;
    }

    private AvroDeserializer<SpecificRecord> deserializer() {
        AvroDeserializer<SpecificRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, registry), false);
        return deserializer;
    }

    private Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    /** Binance's GET /api/v3/depth documented answer for BNBBTC (lastUpdateId 1027024), as a snapshot event. */
    static BookUpdate sampleBook(Instant now) {
        return BookUpdate.newBuilder()
                .setExchange("binance-spot").setSymbol("BNBBTC").setInstrumentId("BNB-BTC")
                .setKind(BookUpdateKind.SNAPSHOT).setResync(false).setDepth(0)
                .setSequence(1027024L).setPreviousSequence(null)
                .setBids(List.of(new PriceLevel(dec("4.00000000"), dec("431.00000000"))))
                .setAsks(List.of(new PriceLevel(dec("4.00000200"), dec("12.00000000"))))
                .setExchangeTime(null).setReceiveTime(now)
                .build();
    }

    /** Binance's documented {@code <symbol>@trade} sample for BNBBTC (trade 12345), as a trade event. */
    static Trade sampleTrade(Instant now) {
        return Trade.newBuilder()
                .setExchange("binance-spot").setSymbol("BNBBTC").setInstrumentId("BNB-BTC")
                .setTradeId("12345").setPrice(dec("0.001")).setQuantity(dec("100"))
                .setAggressorSide(Side.SELL)
                .setExchangeTime(Instant.ofEpochMilli(1672515782136L)).setReceiveTime(now)
                .build();
    }

    private static java.math.BigDecimal dec(String text) {
        return ExactDecimals.parse("sample", text);
    }
}
