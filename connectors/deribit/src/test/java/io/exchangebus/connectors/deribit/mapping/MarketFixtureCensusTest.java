package io.exchangebus.connectors.deribit.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.testing.Fixtures;
import io.exchangebus.connectors.deribit.DeribitFixtures;
import io.exchangebus.events.Side;
import io.exchangebus.events.Trade;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every public {@code subscription} notification of shared/fixtures/deribit (the private {@code user.*} ones are
 * {@link PrivateFixtureCensusTest}'s) maps to the events listed here — values are checked field by field in
 * {@link MarketMappingTest} and below — or is refused with the reason listed. A fixture line added later fails
 * here until it is listed.
 */
class MarketFixtureCensusTest {

    private static final Instant RECEIVED = Instant.parse("2025-01-01T00:00:00Z");
    private static final String NOT_MAPPED = "is not a mapped market-data channel";

    /** file:line → "N Type" (N events of that type), or the text the refusal must contain. */
    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("nautilus_test_data.jsonl:3", "1 BookUpdate"),
            Map.entry("nautilus_test_data.jsonl:4", "1 BookUpdate"),
            // a 29-digit amount: decimal(38,18) cannot hold it, the level and field are named
            Map.entry("nautilus_test_data.jsonl:5", "bids[0].amount: 0.12345678901234567890123456789 has more than 18"),
            Map.entry("nautilus_test_data.jsonl:6", "1 BookUpdate"),
            Map.entry("nautilus_test_data_2.jsonl:22", "1 BookUpdate"),
            Map.entry("nautilus_test_data_2.jsonl:23", NOT_MAPPED), // chart.trades: candles, not a role's data
            Map.entry("nautilus_test_data_2.jsonl:31", NOT_MAPPED), // quote: the ticker carries best bid/ask
            Map.entry("nautilus_test_data_2.jsonl:33", "1 Ticker"),
            Map.entry("nautilus_test_data_2.jsonl:34", "2 Trade"),
            // a combo's trade: combos are not instruments of the model (refused as in InstrumentMapping)
            Map.entry("nautilus_test_data_2.jsonl:35", "instrument_name 'BTC-CS-19MAY26-70000_75000'"),
            Map.entry("nautilus_test_data_2.jsonl:37", NOT_MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:1", NOT_MAPPED),
            // the live 2023 snapshot lacks its "asks" key in the capture: refused, not read as an empty side
            Map.entry("ws_notifications.gocryptotrader.jsonl:2", "asks is not an array"),
            Map.entry("ws_notifications.gocryptotrader.jsonl:3", "1 BookUpdate"),
            Map.entry("ws_notifications.gocryptotrader.jsonl:4", NOT_MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:5", NOT_MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:6", NOT_MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:7", NOT_MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:8", NOT_MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:9", NOT_MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:10", NOT_MAPPED), // incremental_ticker: ticker is used
            Map.entry("ws_notifications.gocryptotrader.jsonl:11", NOT_MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:12", "1 Trade"),
            Map.entry("ws_notifications.gocryptotrader.jsonl:22", NOT_MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:23", NOT_MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:24", NOT_MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:25", NOT_MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:26", "1 Trade"),
            Map.entry("ws_notifications.gocryptotrader.jsonl:27", "1 Ticker"),
            Map.entry("ws_trades_capture.gocryptotrader.jsonl:1", "1 Trade"),
            Map.entry("ws_trades_capture.gocryptotrader.jsonl:2", "1 Trade")));

    @Test
    void shouldMapOrRefuseWithAReasonEveryPublicNotification() throws IOException {
        Map<String, String> found = new TreeMap<>();
        for (String file : new String[] {"ws_notifications.gocryptotrader.jsonl", "nautilus_test_data.jsonl",
                "nautilus_test_data_2.jsonl", "ws_trades_capture.gocryptotrader.jsonl",
                "xchange_test_resources.jsonl"}) {
            int lines = Files.readAllLines(Fixtures.path("deribit/" + file)).size();
            for (int line = 1; line <= lines; line++) {
                String raw = DeribitFixtures.raw(file, line);
                String compact = raw.replaceAll("\\s", "");
                if (compact.contains("\"method\":\"subscription\"") && !compact.contains("\"channel\":\"user.")) {
                    String key = file + ":" + line;
                    found.put(key, outcome(key, raw));
                }
            }
        }
        assertThat(found).isEqualTo(EXPECTED);
    }

    /** The expected text when the outcome agrees with it, else what happened. */
    private static String outcome(String key, String raw) {
        String expected = EXPECTED.getOrDefault(key, "NOT LISTED");
        try {
            List<Object> events = MarketMapping.normalize(raw, RECEIVED);
            return events.size() + " " + events.get(0).getClass().getSimpleName();
        } catch (UnmappableMessageException e) {
            return e.getMessage().contains(expected) ? expected : "refused: " + e.getMessage();
        }
    }

    @Test
    void shouldMapTheDocsTradeWithSpacesAndIntegerPriceFieldByField() {
        // ws_notifications line 26: data before channel, " : " separators, price 8950 and amount 10 as integers.
        Trade t = (Trade) MarketMapping.normalize(DeribitFixtures.raw("ws_notifications.gocryptotrader.jsonl", 26),
                RECEIVED).get(0);

        assertThat(t.getInstrumentId()).isEqualTo("BTC-USD-PERP");
        assertThat(t.getTradeId()).isEqualTo("48079269");
        assertThat(t.getTradeSequence()).isEqualTo(30289442L);
        assertThat(t.getPrice()).isEqualByComparingTo("8950");
        assertThat(t.getQuantity()).isEqualByComparingTo("10");
        assertThat(t.getAggressorSide()).isEqualTo(Side.SELL);
        assertThat(t.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1590484512188L));
    }
}
