package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.cli.DemoProcess.Run;
import io.exchangebus.streams.dashboard.testing.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code ./exbus demo} as a newcomer runs it from the repository's root (after the build): it gets ready, an order
 * placed with {@code ./exbus order} is acknowledged by the OMS at the simulator, {@code ./exbus book} shows the
 * book that streams-apps materialised, the dashboard (in a real headless Chromium) shows the book changing and the
 * order's ack and update arriving, and Ctrl-C (SIGINT to the demo) stops every process it started. The screenshot is
 * saved to {@code cli/target/demo-screenshots/}: {@code demo-dashboard.png} (the market) and
 * {@code demo-dashboard-orders.png} (the order's ack and update).
 */
class ExbusDemoIT {
    private static final Path SCREENSHOTS = Path.of("target", "demo-screenshots");
    private static final String SPOT_BOOK = "[data-book=\"binance-spot:BTCUSDT\"] ";

    @TempDir
    Path tmp;

    @Test
    void shouldRunThePipelineTakeAnOrderShowABookAndLeaveNoProcessAfterCtrlC() throws Exception {
        long started = System.nanoTime();
        try (DemoProcess demo = DemoProcess.start(tmp)) {
            String ready = demo.awaitReady();
            double wallSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("ExbusDemoIT: '%s'; %.1f s from starting ./exbus demo to the ready line%n", ready,
                    wallSeconds);
            assertThat(demo.output()).contains("Kafka bootstrap", "schema registry", "dashboard", "/metrics",
                    "recovery-job done");

            Run book = demo.exbus("book", "binance-spot:BTCUSDT");
            assertThat(book.code()).as(book.output()).isZero();
            assertThat(book.output()).contains("binance-spot:BTCUSDT").containsPattern("\\d+\\.\\d+ \\| \\d+\\.\\d+");
            Run grvtBook = demo.exbus("book", "grvt:BTC_USDT_Perp");
            assertThat(grvtBook.code()).as(grvtBook.output()).isZero();
            assertThat(grvtBook.output()).contains("grvt:BTC_USDT_Perp").containsPattern("\\d+\\.\\d+ \\| \\d+\\.\\d+");
            // GRVT's BTC_USDT_Perp and Binance USD-M's BTCUSDT are one instrument: one consolidated best quote.
            assertThat(consolidatedQuote(demo, "BTC-USDT-PERP")).contains("\"binance-usdm\"").contains("\"grvt\"");
            // A GRVT order's fill reaches its sub-account's position, which agrees with what GRVT reports for it.
            Run grvtOrder = demo.exbus("order", "place", "--exchange", "grvt", "--account", "grvt", "--symbol",
                    "BTC_USDT_Perp", "--side", "buy", "--type", "market", "--quantity", "0.01");
            assertThat(grvtOrder.code()).as(grvtOrder.output()).isZero();
            String grvtPositions = agreedPositions(demo, "grvt");
            assertThat(grvtPositions.lines().filter(line -> line.contains("BTC-USDT-PERP")))
                    .as(grvtPositions).singleElement().asString().contains("AGREED").contains("0.01");

            String clientOrderId = "demo-it-" + UUID.randomUUID().toString().substring(0, 8);
            try (HeadlessChromium chromium = HeadlessChromium.start(SCREENSHOTS, 1280, 1400)) {
                // Several instruments flow (Binance's and Deribit's): the page shows one at a time, the first by id
                // unless the address names one.
                WebDriver page = chromium.open(demo.printed("dashboard") + "#BTC-USDT");
                WebDriverWait wait = chromium.waitUpTo(Duration.ofSeconds(30));
                wait.until(ExpectedConditions.textToBe(By.id("connection"), "connected"));
                // The simulator's market moves: the book on the page changes while we look.
                String firstSequence = wait.until(driver -> nonEmpty(driver, SPOT_BOOK + "[data-field=\"sequence\"]"));
                wait.until(driver -> {
                    String now = nonEmpty(driver, SPOT_BOOK + "[data-field=\"sequence\"]");
                    return now != null && !now.equals(firstSequence) ? now : null;
                });
                assertThat(page.findElement(By.cssSelector(SPOT_BOOK + "[data-field=\"best-bid\"]")).getText())
                        .matches("\\d+(\\.\\d+)?"); // 60000 is shown without decimals

                Run order = demo.exbus("order", "place", "--exchange", "binance-spot", "--account", "spot", "--symbol",
                        "BTCUSDT", "--side", "buy", "--type", "market", "--quantity", "0.001", "--client-order-id",
                        clientOrderId);
                assertThat(order.code()).as(order.output()).isZero();
                assertThat(order.output()).containsPattern("ack ACCEPTED .*client-order-id=" + clientOrderId)
                        .containsPattern("order-id=\\d+");

                // The order arrives on the page: its ack, then its update.
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                        "#acks tr[data-client-order-id=\"" + clientOrderId + "\"][data-status=\"ACCEPTED\"]")));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                        "#order-updates tr[data-client-order-id=\"" + clientOrderId + "\"]")));
                Path market = chromium.screenshot("demo-dashboard");
                // The page redraws its rows as data arrives; scroll to the section, which stays.
                ((JavascriptExecutor) page).executeScript("document.getElementById('orders').scrollIntoView()");
                Path orders = chromium.screenshot("demo-dashboard-orders");
                assertThat(Files.size(market)).isGreaterThan(1000);
                assertThat(Files.size(orders)).isGreaterThan(1000);
                assertThat(chromium.consoleErrors()).as("script errors on the page").isEmpty();
            }

            Process process = demo.process();
            List<ProcessHandle> children = process.toHandle().descendants().toList();
            assertThat(children).as("broker, registry, four simulators and four services")
                    .hasSizeGreaterThanOrEqualTo(10);
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("demo stopped after SIGINT").isTrue();
            assertThat(process.exitValue()).as("128 + SIGINT").isEqualTo(130);
            assertAllGone(children);
            assertThat(demo.home().resolve("stack.properties")).doesNotExist();
        }
    }

    /** {@code exbus positions <exchange> --exchange <exchange>} once a position in it is AGREED (or the last). */
    private static String agreedPositions(DemoProcess demo, String exchange) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String printed = "";
        while (System.nanoTime() < deadline) {
            Run positions = demo.exbus("positions", exchange, "--exchange", exchange);
            printed = positions.output();
            if (positions.code() == 0 && printed.contains("AGREED")) {
                return printed;
            }
            Thread.sleep(500);
        }
        return printed;
    }

    /** streams-apps' {@code /bbo/<instrumentId>}, once both perpetual venues are in it (or the last answer). */
    private static String consolidatedQuote(DemoProcess demo, String instrumentId) throws Exception {
        String url = demo.printed("dashboard").replaceFirst("/dashboard.*$", "") + "/bbo/" + instrumentId;
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            body = answer.body();
            if (answer.statusCode() == 200 && body.contains("\"grvt\"") && body.contains("\"binance-usdm\"")) {
                return body;
            }
            Thread.sleep(200);
        }
        return body;
    }

    private static String nonEmpty(WebDriver driver, String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() || found.get(0).getText().isBlank() ? null : found.get(0).getText();
    }

    private static void assertAllGone(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(processes.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList())
                .as("processes still alive").isEmpty();
    }
}
