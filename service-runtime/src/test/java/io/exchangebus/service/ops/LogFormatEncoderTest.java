package io.exchangebus.service.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogFormatEncoderTest {
    private final LoggerContext context = new LoggerContext();

    LogFormatEncoderTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    private String encode(String format) {
        LogFormatEncoder encoder = new LogFormatEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.start();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.exchangebus.ingest"), Level.INFO,
                "connected to {}", null, new Object[] {"binance-spot"});
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteOneJsonLinePerEventWhenAskedForJson() throws Exception {
        String line = encode("json");

        assertThat(line).endsWith("\n").doesNotContain("\n{");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("loggerName").asText()).isEqualTo("io.exchangebus.ingest");
        assertThat(json.get("message").asText()).isEqualTo("connected to {}");
        assertThat(json.get("arguments").get(0).asText()).isEqualTo("binance-spot");
        assertThat(json.get("formattedMessage").asText()).isEqualTo("connected to binance-spot");
    }

    @Test
    void shouldWritePlainLinesOtherwiseEvenForAnUnknownFormat() {
        assertThat(encode(null)).contains("INFO  [main] io.exchangebus.ingest - connected to binance-spot")
                .doesNotStartWith("{");
        assertThat(encode("yaml")).contains("connected to binance-spot").doesNotStartWith("{");
    }

    @Test
    void shouldBeIncludableFromAServicesLogbackXml() throws Exception {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        String serviceXml = "<configuration><include resource=\"exbus-logback.xml\"/></configuration>";

        configurator.doConfigure(new ByteArrayInputStream(serviceXml.getBytes(StandardCharsets.UTF_8)));

        // (Configured from a stream, logback warns that it cannot watch the file for changes: not ours to fix.)
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= Status.ERROR);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        ConsoleAppender<?> appender = (ConsoleAppender<?>) root.getAppender("EXBUS_STDOUT");
        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.getEncoder()).isInstanceOf(LogFormatEncoder.class);
        assertThat(context.getLogger("org.apache.kafka").getLevel()).isEqualTo(Level.WARN);
    }
}
