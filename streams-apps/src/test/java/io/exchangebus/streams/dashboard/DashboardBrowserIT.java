package io.exchangebus.streams.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.serde.AvroSerializer;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.Side;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.localstack.junit.TestTopics;
import io.exchangebus.service.testing.RunningService;
import io.exchangebus.streams.StreamsAppsKeys;
import io.exchangebus.streams.StreamsAppsMain;
import io.exchangebus.streams.StreamsAppsService;
import io.exchangebus.streams.StreamsTopics;
import io.exchangebus.streams.dashboard.testing.HeadlessChromium;
import io.exchangebus.streams.positions.Events;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as a person sees it: the real streams-apps service on a real broker and registry, events produced
 * to its input topics, and the page open in a real headless Chromium. The book, the best bid and ask, trades, order
 * acks and updates, positions and balances show, and the book follows the deltas produced while the page is open.
 * Screenshots go to {@code target/dashboard-screenshots}.
 */
@ExtendWith(LocalStackExtension.class)
class DashboardBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final String BOOK = "[data-book=\"" + DashboardEvents.BOOK_KEY + "\"] ";

    @TempDir
    Path dir;

    @Test
    void shouldShowTheLiveBookTradesOrdersAndAccountsOfTheService(LocalStack stack, TestTopics topics)
            throws Exception {
        String prefix = topics.name("dash") + ".";
        StreamsTopics names = createTopics(stack, prefix);
        String trades = prefix + Topics.MARKET_TRADES.name();
        String acks = prefix + Topics.ORDER_ACKS.name();

        try (KafkaProducer<String, SpecificRecordBase> producer = producer(stack);
             RunningService service = start(stack, prefix);
             HeadlessChromium chromium = HeadlessChromium.start(SCREENSHOTS, 1400, 2000)) {
            // Before the page opens: it gets these in its first snapshot.
            send(producer, names.marketBook(), DashboardEvents.BOOK_KEY,
                    DashboardEvents.bookSnapshot(100, "64000.10", "64000.20"));
            send(producer, trades, DashboardEvents.BOOK_KEY,
                    DashboardEvents.trade("3050001", "64000.10", "0.0125", Side.SELL));
            send(producer, acks, DashboardEvents.ACCOUNT_KEY, DashboardEvents.ack("dash-cid-1", "ACCEPTED"));
            send(producer, names.accountBalances(), DashboardEvents.ACCOUNT_KEY,
                    DashboardEvents.balance("USDT", "1000.5", "640.001"));
            send(producer, names.accountPositions(), Events.key(Events.USDM), Events.usdmPosition("0.010", "60000"));
            assertThat(service.awaitReady(WAIT)).as("streams-apps ready").isTrue();

            WebDriver page = chromium.open("http://127.0.0.1:" + service.port() + "/dashboard");
            WebDriverWait wait = chromium.waitUpTo(WAIT);
            wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "connected"));
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#instrument option[value=\"" + DashboardEvents.INSTRUMENT + "\"]")));
            new Select(page.findElement(By.id("instrument"))).selectByValue(DashboardEvents.INSTRUMENT);

            wait.until(ExpectedConditions.textToBe(By.cssSelector(BOOK + "[data-field=\"best-bid\"]"), "64000.1"));
            wait.until(ExpectedConditions.textToBe(By.cssSelector(BOOK + "[data-field=\"best-ask\"]"), "64000.2"));
            assertThat(text(page, BOOK + "[data-field=\"best-bid-quantity\"]")).isEqualTo("1.5");
            assertThat(text(page, BOOK + "[data-field=\"sequence\"]")).isEqualTo("100");
            assertThat(page.findElements(By.cssSelector(BOOK + "table.levels tbody tr"))).hasSize(3);
            assertThat(page.findElement(By.cssSelector(BOOK + "canvas[data-chart=\"depth\"]")).getSize().getWidth())
                    .isPositive();
            wait.until(ExpectedConditions.textToBe(By.cssSelector(
                    "#bbo tr[data-venue=\"binance-spot\"] [data-field=\"bid\"]"), "64000.1"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                    "#trades tr[data-trade-id=\"3050001\"]")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                    "#acks tr[data-client-order-id=\"dash-cid-1\"][data-status=\"ACCEPTED\"]")));
            wait.until(ExpectedConditions.textToBe(By.cssSelector(
                    "#balances tr[data-balance=\"binance-spot:main:USDT\"] [data-field=\"total\"]"), "1640.501"));
            // The exchange reports 0.010 while no fill was seen: the two views disagree.
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#positions tr[data-position=\""
                    + Events.USDM + ":main:BTC-USDT-PERP\"] [data-field=\"reconciliation\"]"), "DIVERGING"));
            Path first = chromium.screenshot("dashboard-snapshot");

            // While the page is open: the book moves, a trade prints, the order is acknowledged and updated.
            send(producer, names.marketBook(), DashboardEvents.BOOK_KEY, DashboardEvents.bookDelta(101,
                    List.of(DashboardEvents.level("64000.15", "0.4")), List.of()));
            send(producer, names.marketBook(), DashboardEvents.BOOK_KEY, DashboardEvents.bookDelta(102,
                    List.of(), List.of(DashboardEvents.level("64000.20", "0"))));
            send(producer, trades, DashboardEvents.BOOK_KEY,
                    DashboardEvents.trade("3050002", "64000.15", "0.4", Side.BUY));
            send(producer, acks, DashboardEvents.ACCOUNT_KEY, DashboardEvents.ack("dash-cid-2", "REJECTED"));
            send(producer, names.ordersUpdates(), DashboardEvents.ACCOUNT_KEY,
                    DashboardEvents.orderUpdate("dash-cid-1", OrderStatus.NEW, "63990.5", "0"));

            wait.until(ExpectedConditions.textToBe(By.cssSelector(BOOK + "[data-field=\"best-bid\"]"), "64000.15"));
            wait.until(ExpectedConditions.textToBe(By.cssSelector(BOOK + "[data-field=\"best-ask\"]"), "64000.5"));
            assertThat(text(page, BOOK + "[data-field=\"best-bid-quantity\"]")).isEqualTo("0.4");
            assertThat(text(page, BOOK + "[data-field=\"sequence\"]")).isEqualTo("102");
            wait.until(ExpectedConditions.textToBe(By.cssSelector(
                    "#bbo tr[data-consolidated] [data-field=\"ask\"]"), "64000.5"));
            wait.until(ExpectedConditions.textToBe(By.cssSelector(
                    "#trades tr[data-trade-id=\"3050002\"] [data-field=\"price\"]"), "64000.15"));
            assertThat(page.findElements(By.cssSelector("#trades tbody tr"))).hasSize(2);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                    "#acks tr[data-client-order-id=\"dash-cid-2\"][data-status=\"REJECTED\"]")));
            wait.until(ExpectedConditions.textToBe(By.cssSelector(
                    "#order-updates tr[data-client-order-id=\"dash-cid-1\"] [data-field=\"status\"]"), "NEW"));
            assertThat(text(page, "#connection")).isEqualTo("connected");
            Path second = chromium.screenshot("dashboard-live");

            assertThat(chromium.consoleErrors()).as("script errors on the page").isEmpty();
            for (Path screenshot : List.of(first, second)) {
                assertThat(screenshot).exists();
                assertThat(Files.size(screenshot)).as(screenshot.toString()).isGreaterThan(1000);
            }
            String metrics = service.metrics();
            assertThat(metrics).contains("exbus_dashboard_clients{");
            assertThat(metric(metrics, "exbus_dashboard_items_pushed_total{")).isGreaterThanOrEqualTo(10);
        }
    }

    private static String text(WebDriver page, String css) {
        return page.findElement(By.cssSelector(css)).getText();
    }

    private static double metric(String prometheus, String prefix) {
        return prometheus.lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private RunningService start(LocalStack stack, String prefix) throws Exception {
        String yaml = "streams:\n"
                + "  application-id: it-" + prefix.replace('.', '-') + "dashboard\n"
                + "  topic-prefix: " + prefix + "\n"
                + "  state-dir: " + dir.resolve("state") + "\n"
                + "books:\n"
                + "  depth: 10\n"
                + "  min-interval: 10ms\n"
                + "dashboard:\n"
                + "  recent: 20\n"
                + "  push-interval: 100ms\n";
        return new RunningService(StreamsAppsMain.SERVICE_NAME, StreamsAppsKeys.SCHEMA, stack, dir, yaml,
                StreamsAppsService::create, Map.of("EXBUS_KAFKA__STREAMS__COMMIT_INTERVAL_MS", "100"));
    }

    private static StreamsTopics createTopics(LocalStack stack, String prefix) {
        StreamsTopics names = StreamsTopics.prefixed(prefix);
        Map<String, String> compact = Map.of("cleanup.policy", "compact");
        for (String input : List.of(names.marketBook(), names.ordersUpdates(), names.accountPositions(),
                names.accountBalances(), names.recoverySnapshots(), prefix + Topics.MARKET_TRADES.name(),
                prefix + Topics.ORDER_ACKS.name(), names.alertsPositions())) {
            stack.createTopic(input, 2);
        }
        for (String state : List.of(names.stateBooks(), names.stateBbo(), names.statePositions(),
                names.stateBalances())) {
            stack.createTopic(state, 2, compact);
        }
        try {
            stack.createTopic(Topics.deadLetter(StreamsAppsMain.SERVICE_NAME).name(), 1);
        } catch (RuntimeException alreadyThere) {
            // Shared by every test of this JVM; the first one creates it.
        }
        return names;
    }

    private static void send(KafkaProducer<String, SpecificRecordBase> producer, String topic, String key,
                             SpecificRecordBase value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private static KafkaProducer<String, SpecificRecordBase> producer(LocalStack stack) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        AvroSerializer<SpecificRecordBase> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, stack.registryUrl()), false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }
}
