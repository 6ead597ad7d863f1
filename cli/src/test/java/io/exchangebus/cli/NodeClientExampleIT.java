package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.serde.AvroDeserializer;
import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.cli.DemoProcess.Run;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.PlaceOrder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Node.js example of {@code examples/node} against {@code ./exbus demo}, as a strategy written in another
 * language would use ExchangeBus: its packages from npm ({@code npm ci}, then its own unit tests), the schema of
 * {@code orders.commands.v1} found in the registry by subject before anything has written to the topic, a book and a
 * trade read from {@code market.book.v1} and {@code market.trades.v1}, and a market order placed through
 * {@code orders.commands.v1} and acknowledged ACCEPTED by oms-service on {@code orders.acks.v1}. The command it wrote
 * is read back with the Java serdes: exact decimals, and the partition the Java producers use for its key.
 */
class NodeClientExampleIT {
    private static final Path EXAMPLE = DemoProcess.repositoryRoot().resolve("examples").resolve("node");
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    /** An exact decimal as the example prints it: a string, no exponent, no trailing zeros in the fraction. */
    private static final String DECIMAL = "\\d+(\\.\\d*[1-9])?";

    @TempDir
    Path tmp;

    @Test
    void shouldReadMarketDataAndPlaceAnOrderFromNodeAgainstTheDemo() throws Exception {
        Path example = installExample();
        try (DemoProcess demo = DemoProcess.start(tmp)) {
            demo.awaitReady();

            // Nothing has written an order command yet, and its subject is there for any client to fetch.
            Run schemas = demo.exbus("schemas");
            assertThat(schemas.code()).as(schemas.output()).isZero();
            assertThat(schemas.output()).containsPattern("orders\\.commands\\.v1-value +1 +\\d+ +BACKWARD");
            assertThat(endOffset(demo, Topics.ORDER_COMMANDS.name())).as("records on orders.commands.v1").isZero();

            Run market = node(demo, example, "consume-market.js", "--key", "binance-spot:BTCUSDT", "--books", "1",
                    "--trades", "1", "--timeout", "60");
            assertThat(market.code()).as(market.output()).isZero();
            String level = "\\{\"price\":\"" + DECIMAL + "\",\"quantity\":\"" + DECIMAL + "\"\\}";
            assertThat(market.output())
                    .containsPattern("\\{\"topic\":\"market\\.book\\.v1\",\"key\":\"binance-spot:BTCUSDT\","
                            + "\"kind\":\"SNAPSHOT\".*\"bestBid\":" + level)
                    .containsPattern("\\{\"topic\":\"market\\.trades\\.v1\",\"key\":\"binance-spot:BTCUSDT\","
                            + "\"tradeId\":\"\\d+\",\"price\":\"" + DECIMAL + "\",\"quantity\":\"" + DECIMAL + "\"");

            String clientOrderId = "node-it-" + UUID.randomUUID().toString().substring(0, 8);
            Run order = node(demo, example, "place-order.js", "--exchange", "binance-spot", "--account", "spot",
                    "--symbol", "BTCUSDT", "--instrument", "BTC-USDT", "--side", "buy", "--type", "market",
                    "--quantity", "0.001", "--client-order-id", clientOrderId);
            assertThat(order.code()).as(order.output()).isZero();
            Matcher ack = Pattern.compile("\"commandId\":\"([0-9a-f-]{36})\".*\"status\":\"ACCEPTED\","
                    + "\"clientOrderId\":\"" + clientOrderId + "\",\"exchangeOrderId\":\"\\d+\"")
                    .matcher(order.output());
            assertThat(ack.find()).as(order.output()).isTrue();

            ConsumerRecord<String, Object> command = readCommand(demo, ack.group(1));
            assertThat(command.key()).isEqualTo("binance-spot:spot");
            assertThat(command.partition()).as("the Java producer's partition for the key")
                    .isEqualTo(Utils.toPositive(Utils.murmur2(command.key().getBytes(StandardCharsets.UTF_8)))
                            % partitions(demo, Topics.ORDER_COMMANDS.name()));
            PlaceOrder place = (PlaceOrder) ((OrderCommand) command.value()).getAction();
            assertThat(place.getClientOrderId()).isEqualTo(clientOrderId);
            assertThat(place.getQuantity()).isEqualByComparingTo(new BigDecimal("0.001"));
            assertThat(place.getInstrumentId()).isEqualTo("BTC-USDT");
        }
    }

    /** The example, copied beside the test's other files, with its packages from npm and its own tests passing. */
    private Path installExample() throws IOException, InterruptedException {
        Path copy = Path.of("target", "node-example").toAbsolutePath();
        deleteTree(copy);
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path source : files.filter(p -> !EXAMPLE.relativize(p).startsWith("node_modules")).toList()) {
                Path target = copy.resolve(EXAMPLE.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        for (List<String> step : List.of(List.of("npm", "ci", "--no-audit", "--no-fund"), List.of("npm", "test"))) {
            Run run = run(copy, step, NPM_TIMEOUT);
            assertThat(run.code()).as("%s in %s:%n%s", step, copy, run.output()).isZero();
        }
        return copy;
    }

    private static Run node(DemoProcess demo, Path example, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", example.resolve(script).toString()));
        command.addAll(List.of(args));
        return demo.run(command, Duration.ofSeconds(90));
    }

    /** Runs a Node.js tool, failing with what to install when it is missing. */
    private Run run(Path dir, List<String> command, Duration timeout) throws IOException, InterruptedException {
        assertThat(Stream.of(System.getenv("PATH").split(":")).map(p -> Path.of(p, command.get(0)))
                .anyMatch(Files::isExecutable))
                .as("%s is not installed: this test needs Node.js 18+ and npm (Debian: apt-get install nodejs npm; "
                        + "./exbus test installs them)", command.get(0)).isTrue();
        return DemoProcess.run(new ProcessBuilder(command).directory(dir.toFile()), timeout, tmp);
    }

    private static ConsumerRecord<String, Object> readCommand(DemoProcess demo, String commandId) {
        try (KafkaConsumer<String, Object> consumer = consumer(demo)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDER_COMMANDS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() instanceof OrderCommand c && c.getCommandId().equals(commandId)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("command " + commandId + " not found on " + Topics.ORDER_COMMANDS.name());
    }

    private static long endOffset(DemoProcess demo, String topic) {
        try (KafkaConsumer<String, Object> consumer = consumer(demo)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static int partitions(DemoProcess demo, String topic) {
        try (KafkaConsumer<String, Object> consumer = consumer(demo)) {
            return consumer.partitionsFor(topic).size();
        }
    }

    private static KafkaConsumer<String, Object> consumer(DemoProcess demo) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, demo.printed("Kafka bootstrap"));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, demo.printed("schema registry")), false);
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
