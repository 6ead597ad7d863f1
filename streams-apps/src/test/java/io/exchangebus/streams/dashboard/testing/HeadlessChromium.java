package io.exchangebus.streams.dashboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through chromedriver, both Debian's ({@code chromium}, {@code chromium-driver}),
 * for tests that look at a page as a person would. Selenium is given both executables, so Selenium Manager never
 * looks for, or downloads, a browser or a driver. Other paths can be given with the system properties
 * {@value #CHROMIUM_PROPERTY} and {@value #CHROMEDRIVER_PROPERTY}.
 *
 * <p>A machine without them fails the test with what to install; it is never skipped, since the browser test is the
 * only check of the page's script.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final String CHROMIUM_PROPERTY = "exbus.chromium";
    public static final String CHROMEDRIVER_PROPERTY = "exbus.chromedriver";
    private static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DEFAULT_CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path screenshots) {
        this.service = service;
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /**
     * Starts the browser, {@code width} × {@code height} pixels, screenshots going to {@code screenshots}.
     *
     * @throws IllegalStateException naming the Debian packages to install when chromium or chromedriver is missing
     */
    public static HeadlessChromium start(Path screenshots, int width, int height) {
        Path chromium = executable(CHROMIUM_PROPERTY, DEFAULT_CHROMIUM, "chromium");
        Path chromedriver = executable(CHROMEDRIVER_PROPERTY, DEFAULT_CHROMEDRIVER, "chromedriver");
        try {
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update");
        // The page's console, so that a test can show script errors.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(screenshots.resolve("chromedriver.log").toFile())
                .build();
        try {
            return new HeadlessChromium(service, new ChromeDriver(service, options), screenshots);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    /** Loads {@code url} and waits until it has loaded; the driver, to find elements on it. */
    public WebDriver open(String url) {
        driver.get(url);
        return driver;
    }

    /** The driver, for what this class does not offer. */
    public WebDriver driver() {
        return driver;
    }

    /** A wait on the page of up to {@code timeout}, polling every 100 ms. */
    public WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.pollingEvery(Duration.ofMillis(100));
        return wait;
    }

    /** Saves what the window shows as {@code <name>.png} in the screenshot directory; the file. */
    public Path screenshot(String name) {
        Path file = screenshots.resolve(name + ".png");
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot " + file, e);
        }
        return file;
    }

    /** Errors the page's scripts logged to the console since the last call (SEVERE entries). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    private static Path executable(String property, Path fallback, String name) {
        Path path = Path.of(System.getProperty(property, fallback.toString()));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(name + " is not installed at " + path + ": the browser tests need "
                    + "Debian's packages chromium and chromium-driver (apt-get install chromium chromium-driver), "
                    + "or -D" + property + "=<path> to another one");
        }
        return path;
    }
}
