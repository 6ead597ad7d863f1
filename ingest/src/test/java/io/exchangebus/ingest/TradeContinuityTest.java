package io.exchangebus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.service.ops.ServiceMetrics;
import org.junit.jupiter.api.Test;

/** Breaks in trade ids are counted, with the number of trades they skipped; repeats and odd ids are not. */
class TradeContinuityTest {
    private final ServiceMetrics registry = new ServiceMetrics("ingest", "ingest-test");
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private final TradeContinuity continuity = new TradeContinuity(metrics);

    private long observe(String id) {
        return continuity.observe("binance-spot", "BTCUSDT", "binance-spot:BTCUSDT", id);
    }

    @Test
    void shouldCountAGapWithTheTradesItSkipped() {
        assertThat(observe("100")).isZero();
        assertThat(observe("101")).isZero();
        assertThat(observe("105")).isEqualTo(3);

        assertThat(metrics.tradesMissed("binance-spot", "BTCUSDT")).isEqualTo(3.0);
        assertThat(registry.scrape()).contains("exbus_trade_gaps_total{exchange=\"binance-spot\"")
                .contains("exbus_sequence_gaps_total{exchange=\"binance-spot\"");
    }

    @Test
    void shouldSeeAGapAcrossARestartFromTheSeededLastId() {
        continuity.seed("binance-spot:BTCUSDT", 200);

        assertThat(observe("210")).isEqualTo(9);
    }

    @Test
    void shouldIgnoreRepeatsOlderTradesAndIdsThatAreNotNumbers() {
        observe("10");

        assertThat(observe("10")).isZero();
        assertThat(observe("9")).isZero();
        assertThat(observe("abc")).isZero();
        assertThat(observe("11")).isZero();
        assertThat(metrics.tradesMissed("binance-spot", "BTCUSDT")).isZero();
    }
}
