package io.exchangebus.service.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The meters every service shares, named alike across services, in a Prometheus registry whose every meter carries
 * the tags {@code service} and {@code instance}. Names are Micrometer's dotted form; Prometheus shows
 * {@code exbus.messages.in} as {@code exbus_messages_in_total}. Services add their own meters to {@link #registry()}.
 * Thread-safe; asking for a meter twice returns the same meter.
 */
public final class ServiceMetrics {
    public static final String MESSAGES_IN = "exbus.messages.in";
    public static final String MESSAGES_OUT = "exbus.messages.out";
    public static final String ERRORS = "exbus.errors";
    public static final String DEAD_LETTERS = "exbus.dead.letters";
    public static final String DEAD_LETTERS_FAILED = "exbus.dead.letters.failed";
    public static final String SEQUENCE_GAPS = "exbus.sequence.gaps";
    public static final String RESYNCS = "exbus.resyncs";
    public static final String RECONNECTS = "exbus.reconnects";
    /** Frames a connector's WebSocket dropped because its consumer was too slow ({@code exbus_ws_frames_dropped_total}). */
    public static final String WS_FRAMES_DROPPED = "exbus.ws.frames.dropped";
    public static final String END_TO_END_LATENCY = "exbus.end.to.end.latency";
    public static final String CONSUMER_LAG = "exbus.consumer.lag";

    private final PrometheusMeterRegistry registry;

    /** A registry tagging every meter with {@code service} and {@code instance}. */
    public ServiceMetrics(String service, String instance) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", service, "instance", instance);
    }

    /** The registry, for a service's own meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format, as {@code GET /metrics} serves it. */
    public String scrape() {
        return registry.scrape();
    }

    /** Records consumed from {@code topic} (or frames received, with the exchange's stream as topic). */
    public Counter messagesIn(String topic) {
        return registry.counter(MESSAGES_IN, "topic", topic);
    }

    /** Records produced to {@code topic}. */
    public Counter messagesOut(String topic) {
        return registry.counter(MESSAGES_OUT, "topic", topic);
    }

    /** Failures of kind {@code type} (a fixed, small set of names per service, never a message text). */
    public Counter errors(String type) {
        return registry.counter(ERRORS, "type", type);
    }

    /** Records written to the dead-letter topic {@code topic}, by their error type. */
    public Counter deadLetters(String topic, String errorType) {
        return registry.counter(DEAD_LETTERS, "topic", topic, "error_type", errorType);
    }

    /** Dead letters that could not even be written to {@code topic}. */
    public Counter deadLetterFailures(String topic) {
        return registry.counter(DEAD_LETTERS_FAILED, "topic", topic);
    }

    /** Sequence gaps seen in an exchange's streams. */
    public Counter gaps(String exchange) {
        return registry.counter(SEQUENCE_GAPS, "exchange", exchange);
    }

    /** Resynchronisations (book snapshots taken again, state recovered) with an exchange. */
    public Counter resyncs(String exchange) {
        return registry.counter(RESYNCS, "exchange", exchange);
    }

    /** Reconnections to an exchange. */
    public Counter reconnects(String exchange) {
        return registry.counter(RECONNECTS, "exchange", exchange);
    }

    /**
     * Frames the connection {@code connection} (a connector's name for it, e.g. "binance-spot-md-1": a few per
     * exchange) of {@code exchange} dropped because its hand-off queue was full. Each is a gap the connector
     * recovers from (a book resync, a state re-read), so a rising count means the consumer cannot keep up.
     */
    public Counter wsFramesDropped(String exchange, String connection) {
        return registry.counter(WS_FRAMES_DROPPED, "exchange", exchange, "connection", connection);
    }

    /**
     * Time from the exchange's event time to our publishing to {@code topic}, with a percentiles histogram so that
     * Prometheus can aggregate quantiles across instances.
     */
    public Timer endToEndLatency(String topic) {
        return Timer.builder(END_TO_END_LATENCY).tag("topic", topic)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** Registers the consumer lag of {@code topic}, read from {@code lag} at each scrape. */
    public void consumerLag(String topic, Supplier<Number> lag) {
        Gauge.builder(CONSUMER_LAG, lag).tag("topic", topic).register(registry);
    }
}
