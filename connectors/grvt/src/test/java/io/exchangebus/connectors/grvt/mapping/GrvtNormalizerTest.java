package io.exchangebus.connectors.grvt.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.spi.ExchangeConnectors;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import io.exchangebus.connectors.core.spi.OfflineNormalizer.Normalized;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.Fill;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** {@code exbus normalize --exchange grvt}: every consumed shape to its event, the rest refused with a reason. */
class GrvtNormalizerTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");
    private static final String MD = "ws_market_data_streams.docs.jsonl";
    private static final String TR = "ws_trading_streams.docs.jsonl";
    private final OfflineNormalizer normalizer = new GrvtNormalizer("main");

    private SpecificRecord event(String file, int line) {
        Normalized n = normalizer.normalize(GrvtFixtures.text(file, line), RECEIVED);
        assertThat(n.refusal()).as(file + ":" + line).isNull();
        assertThat(n.events()).hasSize(1);
        return n.events().get(0);
    }

    @Test
    void shouldBeTheConnectorsOfflineNormalizer() {
        assertThat(ExchangeConnectors.load().find("grvt")
                .flatMap(c -> c.offlineNormalizer(new OfflineNormalizer.Options("main", null)))).isPresent();
    }

    @Test
    void shouldMapEveryStreamARoleConsumesInBothForms() {
        assertThat(event(MD, 62)).isInstanceOf(BookUpdate.class).isEqualTo(event(MD, 63));
        assertThat(event(MD, 51)).isInstanceOf(BookUpdate.class).isEqualTo(event(MD, 52));
        assertThat(event(MD, 73)).isInstanceOf(Trade.class).isEqualTo(event(MD, 74));
        assertThat(event(MD, 29)).isInstanceOf(Ticker.class);
        assertThat(event(TR, 7)).isInstanceOf(OrderUpdate.class).isEqualTo(event(TR, 8));
        assertThat(event(TR, 40)).isInstanceOf(Fill.class).isEqualTo(event(TR, 41));
        assertThat(event(TR, 51)).isInstanceOf(PositionUpdate.class).isEqualTo(event(TR, 52));
        assertThat(event("rest_trading.docs.jsonl", 75)).isInstanceOf(AccountUpdate.class);
    }

    @Test
    void shouldGiveTheSameEventWithTheDocsWhitespace() {
        String pretty = GrvtFixtures.message(MD, 62).toPrettyString();
        assertThat(normalizer.normalize(pretty, RECEIVED).events()).containsExactly(event(MD, 62));
    }

    @Test
    void shouldRefuseWithAReasonWhatMapsToNothing() {
        assertThat(normalizer.normalize(GrvtFixtures.text(MD, 1), RECEIVED).refusal())
                .contains("neither a stream frame");
        assertThat(normalizer.normalize(GrvtFixtures.text(TR, 18), RECEIVED).refusal()).contains("v1.state");
        assertThat(normalizer.normalize(GrvtFixtures.text(MD, 7), RECEIVED).refusal()).contains("no role consumes");
        assertThat(normalizer.normalize("{\"stream\":", RECEIVED).refusal()).startsWith("not JSON");
        assertThat(normalizer.normalize("[1]", RECEIVED).refusal()).isEqualTo("not a JSON object");
    }
}
