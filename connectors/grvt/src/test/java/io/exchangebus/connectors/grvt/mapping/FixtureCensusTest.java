package io.exchangebus.connectors.grvt.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.events.EventSource;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every message of shared/fixtures/grvt/*.jsonl that a role consumes (a stream frame, an instrument list or item, a
 * sub-account summary) either maps (checked value by value in the other tests) or is refused with the reason listed
 * here. A fixture line added later with such a shape fails this test until it is listed.
 */
class FixtureCensusTest {

    private static final PrivateContext CTX = new PrivateContext("main", EventSource.STREAM);
    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");
    private static final String MAPPED = "mapped";
    private static final String NOT_CONSUMED = "is not mapped: no role consumes it";

    /** file:line → MAPPED, or the text the refusal must contain. */
    static final Map<String, String> EXPECTED = new TreeMap<>();

    static {
        String md = "ws_market_data_streams.docs.jsonl:";
        for (int line : new int[] {29, 30, 40, 41, 51, 52, 62, 63, 73, 74}) {
            EXPECTED.put(md + line, MAPPED); // ticker.s, ticker.d, book.s, book.d, trade: full and lite
        }
        for (int line : new int[] {7, 8, 18, 19, 84, 85}) {
            EXPECTED.put(md + line, NOT_CONSUMED); // v1.mini.s, v1.mini.d, v1.candle
        }
        String tr = "ws_trading_streams.docs.jsonl:";
        for (int line : new int[] {7, 8, 18, 19, 40, 41, 51, 52}) {
            EXPECTED.put(tr + line, MAPPED); // v1.order, v1.state, v1.fill, v1.position: full and lite
        }
        for (int line : new int[] {29, 30, 62, 63, 73, 74, 84, 85}) {
            EXPECTED.put(tr + line, NOT_CONSUMED); // v1.cancel (TTL expiries), v1.deposit, v1.transfer, v1.withdrawal
        }
        String rm = "rest_market_data.docs.jsonl:";
        for (int line : new int[] {3, 4, 9, 10, 15, 16}) {
            EXPECTED.put(rm + line, MAPPED); // instrument, all_instruments, instruments: full and lite
        }
        EXPECTED.put("rest_trading.docs.jsonl:75", MAPPED); // sub-account summary, full
        EXPECTED.put("rest_trading.docs.jsonl:76", MAPPED); // and lite
        EXPECTED.put("rest_trading.docs.jsonl:81", "settle_currency"); // spot account summary: no margin asset
        EXPECTED.put("rest_trading.docs.jsonl:82", "sc is not"); // the same, lite
        String cx = "ccxt_comments.jsonl:";
        for (int line : new int[] {1, 4, 6, 7, 8, 9, 16, 17, 30}) {
            EXPECTED.put(cx + line, MAPPED); // ticker.s, trade, book.s, fill, position, order; instruments; summary
        }
        EXPECTED.put(cx + 2, NOT_CONSUMED); // v1.mini.s
        EXPECTED.put(cx + 3, NOT_CONSUMED); // v1.mini.d
        EXPECTED.put(cx + 5, NOT_CONSUMED); // v1.candle
        String hb = "hummingbot_tests.jsonl:";
        EXPECTED.put(hb + 2, MAPPED); // synthetic v1.ticker.s: no sequence numbers, which a ticker does not need
        EXPECTED.put(hb + 3, MAPPED); // synthetic instrument object without quote_decimals
        EXPECTED.put(hb + 7, MAPPED); // synthetic account summary (no sub_account_id, no event_time)
        EXPECTED.put(hb + 14, "sequence_number is missing"); // synthetic v1.book.s without sequence numbers
        EXPECTED.put(hb + 15, "sequence_number is missing"); // synthetic v1.book.d without sequence numbers
    }

    @Test
    void shouldMapOrRefuseWithAReasonEveryConsumedFixture() {
        Map<String, String> found = new TreeMap<>();
        Map<String, String> outcomes = new TreeMap<>();
        for (String file : GrvtFixtures.FILES) {
            int lines = GrvtFixtures.lines(file).size();
            for (int line = 1; line <= lines; line++) {
                JsonNode message = GrvtFixtures.message(file, line);
                Result<?> outcome = message == null ? null : map(message);
                if (outcome != null) {
                    String key = file + ":" + line;
                    found.put(key, EXPECTED.getOrDefault(key, "NOT LISTED"));
                    outcomes.put(key, outcome.isOk() ? MAPPED : outcome.error().message());
                }
            }
        }
        assertThat(found.keySet()).as("consumed fixture lines").containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        for (Map.Entry<String, String> e : EXPECTED.entrySet()) {
            if (MAPPED.equals(e.getValue())) {
                assertThat(outcomes.get(e.getKey())).as(e.getKey()).isEqualTo(MAPPED);
            } else {
                assertThat(outcomes.get(e.getKey())).as(e.getKey()).isNotEqualTo(MAPPED).contains(e.getValue());
            }
        }
    }

    /** The outcome for a message of a consumed shape; null for any other message. */
    static Result<?> map(JsonNode m) {
        boolean fullFrame = m.has("stream") && m.has("feed") && m.get("feed").isObject();
        boolean liteFrame = m.has("s") && m.has("f") && m.get("f").isObject();
        if (fullFrame || liteFrame) {
            return frame(m, liteFrame);
        }
        boolean lite = !m.has("result") && m.has("r");
        JsonNode result = m.get(lite ? "r" : "result");
        if (result != null && result.isArray() && result.size() > 0 && hasHash(result.get(0))) {
            return InstrumentMapping.instruments(m.toString());
        }
        if (result != null && hasHash(result)) {
            return InstrumentMapping.instrument(result, lite);
        }
        if (hasHash(m)) {
            return InstrumentMapping.instrument(m, false);
        }
        if (result != null && result.isObject() && result.has(lite ? "sb" : "spot_balances")
                && !result.has(lite ? "ma" : "main_account_id")) {
            return AccountMapping.accountSummary(result, lite, CTX, RECEIVED);
        }
        return null;
    }

    private static boolean hasHash(JsonNode node) {
        return node != null && node.isObject() && (node.has("instrument_hash") || node.has("ih"));
    }

    private static Result<?> frame(JsonNode m, boolean lite) {
        String stream = m.get(lite ? "s" : "stream").asText();
        JsonNode feed = m.get(lite ? "f" : "feed");
        return switch (stream) {
            case "v1.order" -> OrderMapping.order(feed, lite, CTX, RECEIVED);
            case "v1.state" -> OrderMapping.state(feed, lite);
            case "v1.fill" -> AccountMapping.fill(feed, lite);
            case "v1.position" -> AccountMapping.position(feed, lite, CTX, RECEIVED);
            default -> MarketMapping.normalize(m, RECEIVED);
        };
    }
}
