package io.exchangebus.connectors.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Everything a person could see — log lines at every level, exception messages and stack traces, toString of
 * every credential type — is captured while credentials are loaded, used and mis-configured, and scanned for a
 * known secret and API key. Nothing may contain them.
 */
class SecretsNeverLeakTest {
    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final String API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";

    private final List<String> seen = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;
    private Level previousLevel;

    @TempDir
    Path dir;

    @BeforeEach
    void captureEveryLogLine() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        logs.setContext(context);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logs);
        root.setLevel(previousLevel);
    }

    @Test
    void shouldNeverShowTheSecretOrTheFullApiKeyAnywhere() throws IOException {
        Map<String, String> env = Map.of("EXBUS_KEY", API_KEY, "EXBUS_SECRET", SECRET, "EMPTY", "");
        Path secretFile = Files.writeString(dir.resolve("secret"), SECRET + "\n");

        // Used as intended.
        Secret secret = SecretRef.parse("env:EXBUS_SECRET").resolve(env::get);
        Secret fromFile = SecretRef.parse("file:" + secretFile).resolve();
        ApiCredentials credentials = new ApiCredentials("main", API_KEY, secret);
        seen.add(credentials.toString());
        seen.add(String.valueOf(secret));
        seen.add(String.valueOf(fromFile));
        seen.add(credentials.maskedKey());
        seen.add(HmacSha256.hex(secret, "symbol=BTCUSDT&timestamp=1"));
        LoggerFactory.getLogger(SecretsNeverLeakTest.class).info("loaded {} and {}", credentials, secret);
        LoggerFactory.getLogger(SecretsNeverLeakTest.class).debug("signing with {}", fromFile);

        // Mis-configured in every way we can think of.
        record(catchThrowable(() -> SecretRef.parse(SECRET)));
        record(catchThrowable(() -> SecretRef.parse("env:MISSING").resolve(env::get)));
        record(catchThrowable(() -> SecretRef.parse("env:EMPTY").resolve(env::get)));
        record(catchThrowable(() -> SecretRef.parse("file:" + dir.resolve("absent")).resolve()));
        record(catchThrowable(() -> new ApiCredentials("main", " ", secret)));
        record(catchThrowable(() -> Secret.of("")));

        for (ILoggingEvent event : logs.list) {
            seen.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                seen.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        assertThat(seen).hasSizeGreaterThan(10);
        assertThat(String.join("\n", seen)).doesNotContain(SECRET).doesNotContain(API_KEY);
        assertThat(credentials.maskedKey()).isEqualTo("vmPU…Eh8A");
        assertThat(fromFile.length()).as("trailing newline not part of the secret").isEqualTo(SECRET.length());
    }

    private void record(Throwable thrown) {
        assertThat(thrown).isNotNull();
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        seen.add(thrown.getMessage());
        seen.add(trace.toString());
        LoggerFactory.getLogger(SecretsNeverLeakTest.class).warn("credential problem", thrown);
    }
}
