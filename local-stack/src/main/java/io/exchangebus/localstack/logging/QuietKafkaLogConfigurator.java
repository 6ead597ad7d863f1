package io.exchangebus.localstack.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's configuration when the application has none: INFO to the console, Kafka and the broker at WARN.
 *
 * <p>Without it, logback's fallback logs everything at DEBUG, and an in-JVM broker writes thousands of lines
 * into the test output of every module that uses local-stack. Logback runs service-loaded configurators before
 * looking for its files, so this one steps aside whenever the application has its own configuration
 * ({@code logback.configurationFile}, {@code logback-test.xml} or {@code logback.xml}).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class QuietKafkaLogConfigurator extends ContextAwareBase implements Configurator {

    static final String[] QUIET_LOGGERS = {"org.apache.kafka", "kafka", "state.change.logger"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (hasOwnConfiguration()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        for (String name : QUIET_LOGGERS) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean hasOwnConfiguration() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = QuietKafkaLogConfigurator.class.getClassLoader();
        }
        return System.getProperty("logback.configurationFile") != null
                || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null;
    }
}
