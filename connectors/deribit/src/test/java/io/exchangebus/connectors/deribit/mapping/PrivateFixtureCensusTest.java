package io.exchangebus.connectors.deribit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.testing.Fixtures;
import io.exchangebus.connectors.deribit.DeribitFixtures;
import io.exchangebus.events.EventSource;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every private message of shared/fixtures/deribit (a {@code user.*} notification, an order or trade result, an
 * account summary, a position list) is either mapped (checked field by field in the other tests) or refused with a
 * stated reason. A fixture line added later that looks private fails here until it is listed.
 */
class PrivateFixtureCensusTest {

    private static final PrivateContext CTX = new PrivateContext("main", null, EventSource.RECOVERY);
    private static final Instant RECEIVED = Instant.parse("2025-01-01T00:00:00Z");
    private static final String MAPPED = "mapped";

    /** file:line → MAPPED, or the text the refusal must contain. */
    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            // gocryptotrader (docs examples): user.changes ×2, user.orders ×4, user.portfolio, user.trades ×2
            Map.entry("ws_notifications.gocryptotrader.jsonl:13", MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:14", MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:15", MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:16", MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:17", MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:18", MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:19", MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:20", MAPPED),
            Map.entry("ws_notifications.gocryptotrader.jsonl:21", MAPPED),
            // nautilus: get_positions, private/buy, user.portfolio.any
            Map.entry("nautilus_test_data.jsonl:1", MAPPED),
            Map.entry("nautilus_test_data.jsonl:2", MAPPED),
            Map.entry("nautilus_test_data.jsonl:8", MAPPED),
            // nautilus_2: account summaries ×2, cancel, edit, sell, stop_market ×2, portfolio and user trades exact
            Map.entry("nautilus_test_data_2.jsonl:1", MAPPED),
            Map.entry("nautilus_test_data_2.jsonl:2", MAPPED),
            Map.entry("nautilus_test_data_2.jsonl:25", MAPPED),
            Map.entry("nautilus_test_data_2.jsonl:26", MAPPED),
            Map.entry("nautilus_test_data_2.jsonl:27", MAPPED),
            Map.entry("nautilus_test_data_2.jsonl:28", MAPPED),
            Map.entry("nautilus_test_data_2.jsonl:29", MAPPED),
            // synthetic precision case: 5.551115123125783e-17 has 32 decimal places, decimal(38,18) cannot hold it
            Map.entry("nautilus_test_data_2.jsonl:30", "maintenance_margin"),
            Map.entry("nautilus_test_data_2.jsonl:36", MAPPED)));

    @Test
    void shouldMapOrRefuseWithAReasonEveryPrivateFixture() throws IOException {
        Map<String, String> found = new TreeMap<>();
        for (String file : new String[] {"ws_notifications.gocryptotrader.jsonl", "nautilus_test_data.jsonl",
                "nautilus_test_data_2.jsonl", "ws_trades_capture.gocryptotrader.jsonl",
                "xchange_test_resources.jsonl"}) {
            int lines = Files.readAllLines(Fixtures.path("deribit/" + file)).size();
            for (int line = 1; line <= lines; line++) {
                String raw = DeribitFixtures.raw(file, line);
                if (isPrivate(raw)) {
                    String key = file + ":" + line;
                    found.put(key, EXPECTED.getOrDefault(key, "NOT LISTED"));
                    check(key, raw);
                }
            }
        }
        assertThat(found).isEqualTo(EXPECTED);
    }

    private static boolean isPrivate(String raw) {
        String compact = raw.replaceAll("\\s", "");
        return compact.contains("\"channel\":\"user.") || compact.contains("\"order_id\"")
                || compact.contains("\"summaries\"") || compact.contains("\"size_currency\"");
    }

    private static void check(String key, String raw) {
        String expected = EXPECTED.get(key);
        if (expected == null) {
            return;
        }
        if (MAPPED.equals(expected)) {
            assertThat(map(raw)).as(key).isPositive();
        } else {
            assertThatThrownBy(() -> map(raw)).as(key).isInstanceOf(UnmappableMessageException.class)
                    .hasMessageContaining(expected);
        }
    }

    /** How many events the message gives, by its shape. */
    private static int map(String raw) {
        JsonNode root = DeribitFields.readTree(raw);
        if (root.has("method")) {
            PrivateMapping.Mapped m = PrivateMapping.normalize(raw, CTX, RECEIVED);
            if (m instanceof PrivateMapping.Orders o) {
                return o.orders().size();
            }
            if (m instanceof PrivateMapping.Fills f) {
                return f.fills().size();
            }
            if (m instanceof PrivateMapping.Account a) {
                return a.account().getCurrencies().size();
            }
            PrivateMapping.Changes c = (PrivateMapping.Changes) m;
            return c.orders().size() + c.positions().size() + c.unmatchedFills().size();
        }
        JsonNode result = root.get("result");
        if (result.isArray()) {
            return PositionMapping.positions(result, CTX, RECEIVED).size();
        }
        if (result.has("summaries")) {
            return AccountMapping.account(AccountMapping.summaries(result), CTX, RECEIVED).getCurrencies().size();
        }
        return OrderMapping.fromOrderResult(result, CTX, RECEIVED).size();
    }
}
