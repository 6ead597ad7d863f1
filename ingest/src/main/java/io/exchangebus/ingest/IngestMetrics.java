package io.exchangebus.ingest;

import io.exchangebus.service.ops.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of ingest: the shared ones of {@link ServiceMetrics} (frames in per exchange, records out per topic,
 * errors, gaps, resyncs, reconnects, WebSocket frames dropped per connection, end-to-end latency per topic) and its own trade-continuity meters
 * {@value #TRADE_GAPS}, {@value #TRADES_MISSED} and {@value #TRADES_BACKFILLED}, per exchange and symbol. The
 * meters counted per frame and per record are looked up once and kept: a registry look-up builds a meter id, which
 * cost ingest 14 % of its CPU when it was done per record. Thread-safe.
 */
public final class IngestMetrics {
    /** Breaks in an instrument's trade-id sequence ({@code exbus_trade_gaps_total}). */
    public static final String TRADE_GAPS = "exbus.trade.gaps";
    /** Trade ids skipped over by those breaks: trades the exchange printed that never reached us. */
    public static final String TRADES_MISSED = "exbus.trades.missed";

    /** Trades fetched over REST to fill a gap and published ({@code exbus_trades_backfilled_total}). */
    public static final String TRADES_BACKFILLED = "exbus.trades.backfilled";

    private final ServiceMetrics metrics;
    private final Map<String, Counter> in = new ConcurrentHashMap<>();
    private final Map<String, Counter> out = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();

    public IngestMetrics(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    /** A frame or event received from {@code exchange}. */
    void received(String exchange) {
        in.computeIfAbsent(exchange, metrics::messagesIn).increment();
    }

    /** A record written to {@code topic}; {@code exchangeTime} (may be null) gives the end-to-end latency. */
    void published(String topic, Instant exchangeTime, Instant now) {
        out.computeIfAbsent(topic, metrics::messagesOut).increment();
        if (exchangeTime != null) {
            Duration sinceExchange = Duration.between(exchangeTime, now);
            latency.computeIfAbsent(topic, metrics::endToEndLatency)
                    .record(sinceExchange.isNegative() ? Duration.ZERO : sinceExchange);
        }
    }

    /** A failure of kind {@code type}: {@code publish-failed}, {@code malformed-frame}, {@code serialization-failed}. */
    void error(String type) {
        metrics.errors(type).increment();
    }

    void resync(String exchange) {
        metrics.resyncs(exchange).increment();
    }

    void reconnect(String exchange) {
        metrics.reconnects(exchange).increment();
    }

    /** {@code dropped} frames dropped by the connection's full hand-off queue ({@code exbus_ws_frames_dropped_total}). */
    void framesDropped(String exchange, String connection, long dropped) {
        metrics.wsFramesDropped(exchange, connection).increment(dropped);
    }

    /** A break in the trade ids of {@code exchange:symbol}, skipping {@code missed} ids. */
    void tradeGap(String exchange, String symbol, long missed) {
        metrics.gaps(exchange).increment();
        metrics.registry().counter(TRADE_GAPS, "exchange", exchange, "symbol", symbol).increment();
        metrics.registry().counter(TRADES_MISSED, "exchange", exchange, "symbol", symbol).increment(missed);
    }

    /** {@code count} trades of {@code exchange:symbol} backfilled over REST and published. */
    void tradesBackfilled(String exchange, String symbol, long count) {
        metrics.registry().counter(TRADES_BACKFILLED, "exchange", exchange, "symbol", symbol).increment(count);
    }

    /** The trades backfilled so far on {@code exchange:symbol}. */
    public double tradesBackfilled(String exchange, String symbol) {
        Counter counter = metrics.registry().find(TRADES_BACKFILLED).tags("exchange", exchange, "symbol", symbol)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** The trades missed so far on {@code exchange:symbol}. */
    public double tradesMissed(String exchange, String symbol) {
        Counter counter = metrics.registry().find(TRADES_MISSED).tags("exchange", exchange, "symbol", symbol)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
