package io.exchangebus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.service.ops.ServiceMetrics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-frame and per-record meters, kept after their first look-up, count into the registry's meters. */
class IngestMetricsTest {
    private final ServiceMetrics registry = new ServiceMetrics("ingest", "ingest-test");
    private final IngestMetrics metrics = new IngestMetrics(registry);

    @Test
    void shouldCountFramesAndRecordsPerExchangeAndTopicAndTimeRecordsWithAnExchangeTime() {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");

        metrics.received("binance-spot");
        metrics.received("binance-spot");
        metrics.received("grvt");
        metrics.published("market.book.v1", now.minusMillis(5), now);
        metrics.published("market.book.v1", null, now);
        metrics.published("market.trades.v1", now.plusMillis(3), now); // ahead of our clock: recorded as 0

        assertThat(registry.messagesIn("binance-spot").count()).isEqualTo(2);
        assertThat(registry.messagesIn("grvt").count()).isEqualTo(1);
        assertThat(registry.messagesOut("market.book.v1").count()).isEqualTo(2);
        assertThat(registry.endToEndLatency("market.book.v1").count()).isEqualTo(1);
        assertThat(registry.endToEndLatency("market.trades.v1").count()).isEqualTo(1);
        assertThat(registry.endToEndLatency("market.trades.v1").max(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isZero();
    }
}
