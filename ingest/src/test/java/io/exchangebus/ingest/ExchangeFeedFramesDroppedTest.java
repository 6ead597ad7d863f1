package io.exchangebus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.service.ops.ServiceMetrics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Frames a market-data connection dropped are counted per exchange and connection, as /metrics serves them. */
class ExchangeFeedFramesDroppedTest {
    private final ServiceMetrics registry = new ServiceMetrics("ingest", "ingest-test");

    @Test
    void shouldExportEveryDroppedFramePerConnection() {
        // no subscriber, publisher or continuity: the drop count touches none of them
        ExchangeFeed feed = new ExchangeFeed("binance-spot", null, null, null, null, new IngestMetrics(registry),
                null, false);

        feed.onFramesDropped(new FramesDropped("binance-spot-md-1", 12, 12, Instant.now()));
        feed.onFramesDropped(new FramesDropped("binance-spot-md-1", 3, 15, Instant.now()));
        feed.onFramesDropped(new FramesDropped("binance-spot-md-2", 1, 1, Instant.now()));

        assertThat(registry.scrape())
                .contains("exbus_ws_frames_dropped_total{connection=\"binance-spot-md-1\",exchange=\"binance-spot\","
                        + "instance=\"ingest-test\",service=\"ingest\"} 15.0")
                .contains("exbus_ws_frames_dropped_total{connection=\"binance-spot-md-2\",exchange=\"binance-spot\","
                        + "instance=\"ingest-test\",service=\"ingest\"} 1.0");
    }
}
