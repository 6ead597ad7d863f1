package io.exchangebus.service.ops;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Locale;

/**
 * The log encoder of {@code exbus-logback.xml}: JSON lines (logback's {@link JsonEncoder}) when the environment
 * variable {@value #FORMAT_VARIABLE} is {@code json}, a plain one-line pattern otherwise. Any other value of the
 * variable falls back to plain, so that a typo never silences the logs.
 */
public final class LogFormatEncoder extends EncoderBase<ILoggingEvent> {
    public static final String FORMAT_VARIABLE = "EXBUS_LOG_FORMAT";
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

    private String format = System.getenv(FORMAT_VARIABLE);
    private Encoder<ILoggingEvent> delegate;

    /** Sets the format ({@code json} or {@code plain}) instead of reading the environment variable. */
    public void setFormat(String format) {
        this.format = format;
    }

    /** Whether this encoder writes JSON lines. */
    public boolean isJson() {
        return format != null && format.trim().toLowerCase(Locale.ROOT).equals("json");
    }

    @Override
    public void start() {
        if (isJson()) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(getContext());
            // Log shippers search the text as read; the template and arguments stay for grouping.
            json.setWithFormattedMessage(true);
            delegate = json;
        } else {
            PatternLayoutEncoder plain = new PatternLayoutEncoder();
            plain.setContext(getContext());
            plain.setPattern(PATTERN);
            delegate = plain;
        }
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
