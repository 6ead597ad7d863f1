package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import io.exchangebus.streams.dashboard.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
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
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Path SCREENSHOTS = Path.of("target", "demo-screenshots");
    private static final String SPOT_BOOK = "[data-book=\"binance-spot:BTCUSDT\"] ";

    @TempDir
    Path tmp;

    private Process demo;
    private final List<String> demoOutput = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopDemo() throws InterruptedException {
        if (demo != null && demo.isAlive()) {
            List<ProcessHandle> children = demo.toHandle().descendants().toList();
            demo.destroyForcibly();
            demo.waitFor(10, TimeUnit.SECONDS);
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void shouldRunThePipelineTakeAnOrderShowABookAndLeaveNoProcessAfterCtrlC() throws Exception {
        long started = System.nanoTime();
        demo = exbus("demo", "--dir", tmp.resolve("demo").toString(), "--streams-port", String.valueOf(freePort()))
                .redirectError(tmp.resolve("demo.stderr").toFile()).start();
        followOutput(demo);
        String ready = awaitLine("exbus demo: ready in", READY_TIMEOUT);
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("ExbusDemoIT: '%s'; %.1f s from starting ./exbus demo to the ready line%n", ready,
                wallSeconds);
        assertThat(String.join("\n", demoOutput)).contains("Kafka bootstrap", "schema registry", "dashboard",
                "/metrics", "recovery-job done");

        Run book = run("book", "binance-spot:BTCUSDT");
        assertThat(book.code).as(book.output).isZero();
        assertThat(book.output).contains("binance-spot:BTCUSDT").containsPattern("\\d+\\.\\d+ \\| \\d+\\.\\d+");

        String clientOrderId = "demo-it-" + UUID.randomUUID().toString().substring(0, 8);
        try (HeadlessChromium chromium = HeadlessChromium.start(SCREENSHOTS, 1280, 1400)) {
            WebDriver page = chromium.open(dashboard(ready));
            WebDriverWait wait = chromium.waitUpTo(Duration.ofSeconds(30));
            wait.until(ExpectedConditions.textToBe(By.id("connection"), "connected"));
            // The simulator's market moves: the book on the page changes while we look.
            String firstSequence = wait.until(driver -> nonEmpty(driver, SPOT_BOOK + "[data-field=\"sequence\"]"));
            wait.until(driver -> {
                String now = nonEmpty(driver, SPOT_BOOK + "[data-field=\"sequence\"]");
                return now != null && !now.equals(firstSequence) ? now : null;
            });
            assertThat(page.findElement(By.cssSelector(SPOT_BOOK + "[data-field=\"best-bid\"]")).getText())
                    .matches("\\d+\\.\\d+");

            Run order = run("order", "place", "--exchange", "binance-spot", "--account", "spot", "--symbol",
                    "BTCUSDT", "--side", "buy", "--type", "market", "--quantity", "0.001", "--client-order-id",
                    clientOrderId);
            assertThat(order.code).as(order.output).isZero();
            assertThat(order.output).containsPattern("ack ACCEPTED .*client-order-id=" + clientOrderId)
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

        List<ProcessHandle> children = demo.toHandle().descendants().toList();
        assertThat(children).as("broker, registry, two simulators and four services").hasSizeGreaterThanOrEqualTo(8);
        new ProcessBuilder("kill", "-INT", String.valueOf(demo.pid())).start().waitFor();
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("demo stopped after SIGINT").isTrue();
        assertThat(demo.exitValue()).as("128 + SIGINT").isEqualTo(130);
        assertAllGone(children);
        assertThat(tmp.resolve("home").resolve("stack.properties")).doesNotExist();
    }

    /** The dashboard's URL as the demo printed it. */
    private String dashboard(String readyLine) {
        synchronized (demoOutput) {
            return demoOutput.stream().filter(line -> line.trim().startsWith("dashboard"))
                    .map(line -> line.trim().substring("dashboard".length()).trim()).findFirst()
                    .orElseThrow(() -> new AssertionError("no dashboard line before '" + readyLine + "'"));
        }
    }

    private static String nonEmpty(WebDriver driver, String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() || found.get(0).getText().isBlank() ? null : found.get(0).getText();
    }

    private ProcessBuilder exbus(String... args) {
        List<String> command = new ArrayList<>();
        // As a terminal starts a foreground job: SIGINT at its default. This JVM may have been started with SIGINT
        // ignored (Maven run in the background by a script), which a child would inherit and a JVM cannot undo;
        // perl (essential on Debian) resets it and execs the command in the same process.
        command.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", "--"));
        command.add(repositoryRoot().resolve("exbus").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repositoryRoot().toFile());
        builder.environment().put("EXBUS_HOME", tmp.resolve("home").toString());
        // Run what the build just made, as a newcomer does after building; the script's own check for changed
        // sources would start a second Maven build inside this one.
        builder.environment().put("EXBUS_SKIP_BUILD", "1");
        return builder;
    }

    private Run run(String... args) throws IOException, InterruptedException {
        Path output = tmp.resolve("run-" + UUID.randomUUID() + ".log");
        Process process = exbus(args).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exbus %s finished", List.of(args)).isTrue();
        return new Run(process.exitValue(), Files.readString(output));
    }

    private record Run(int code, String output) {
    }

    private void followOutput(Process process) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    demoOutput.add(line);
                }
            } catch (IOException e) {
                demoOutput.add("(output unreadable: " + e + ")");
            }
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
    }

    private String awaitLine(String start, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (demoOutput) {
                for (String line : demoOutput) {
                    if (line.startsWith(start)) {
                        return line;
                    }
                }
            }
            assertThat(demo.isAlive()).as("demo running; output:%n%s%nstderr:%n%s", String.join("\n", demoOutput),
                    Files.readString(tmp.resolve("demo.stderr"))).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + start + "' within " + timeout + "; output:\n" + String.join("\n", demoOutput)
                + "\nstderr:\n" + Files.readString(tmp.resolve("demo.stderr")));
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("exbus")).as("the exbus script at the repository's root").isExecutable();
        return root;
    }
}
