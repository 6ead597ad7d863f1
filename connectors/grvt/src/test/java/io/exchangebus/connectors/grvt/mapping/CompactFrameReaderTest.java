package io.exchangebus.connectors.grvt.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.Trade;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path gives exactly what the tree path gives, or leaves the frame to it: on every fixture message (in the
 * compact layout GRVT sends), on frames of 20 levels a side, and on many mutations of them.
 */
class CompactFrameReaderTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");
    private static final String MD = "ws_market_data_streams.docs.jsonl";

    /** The tree path alone, as {@link MarketMapping} takes it when the fast path answers null. */
    private static Result<Object> treePath(String frame) {
        return GrvtMapped.of(() -> GrvtFrame.tree(frame)).flatMap(tree -> MarketMapping.normalize(tree, RECEIVED));
    }

    /** The fast path's event, checked equal to the tree path's; null when it left the frame to the tree path. */
    private static Object fastChecked(String frame) {
        Object fast = CompactFrameReader.read(frame, RECEIVED);
        if (fast != null) {
            Result<Object> tree = treePath(frame);
            assertThat(tree.isOk()).as("the tree path maps what the fast path maps: %s", frame).isTrue();
            assertThat(fast).as(frame).isEqualTo(tree.value());
            assertThat(fast.toString()).as("same decimals, same scales").isEqualTo(tree.value().toString());
        }
        return fast;
    }

    @Test
    void shouldGiveTheTreePathsEventOnEveryFixtureMessage() {
        int fast = 0;
        for (String frame : GrvtFixtures.compactMessages()) {
            fast += fastChecked(frame) != null ? 1 : 0;
        }
        // full-form book.s, book.d and trade of the docs, and the live book.s and trade of ccxt's comments
        assertThat(fast).isGreaterThanOrEqualTo(5);
    }

    @Test
    void shouldReadTheDocsBookDeltaAndTradeOnTheFastPath() {
        assertThat(fastChecked(GrvtFixtures.text(MD, 62))).isInstanceOf(BookUpdate.class);
        assertThat(fastChecked(GrvtFixtures.text(MD, 73))).isInstanceOf(Trade.class);
        assertThat(fastChecked(GrvtFixtures.text(MD, 63))).as("lite names: the tree path's").isNull();
    }

    @Test
    void shouldReadTwentyLevelsASideWithRemovalsAndSequenceZeroAsTheSnapshot() {
        BookUpdate delta = (BookUpdate) fastChecked(book("872634876"));
        assertThat(delta.getKind()).isEqualTo(BookUpdateKind.DELTA);
        assertThat(delta.getBids()).hasSize(20);
        assertThat(delta.getAsks().get(0).getPrice()).isEqualByComparingTo("65038.02");
        BookUpdate snapshot = (BookUpdate) fastChecked(book("0"));
        assertThat(snapshot.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(snapshot.getPreviousSequence()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"stream\":\"v1.book.d\",\"feed\":{\"bids\":[],\"asks\":[],\"instrument\":\"BTC_USDT_Perp\",\"event_time\":\"1\"},\"sequence_number\":\"2\",\"prev_sequence_number\":\"1\"}",
        "{\"stream\":\"v1.book.s\",\"selector\":\"ETH_USDT_Perp@500-50\",\"sequence_number\":\"7\",\"feed\":{\"event_time\":\"9223372036854775807\",\"instrument\":\"ETH_USDT_Perp\",\"bids\":[{\"size\":\"1\",\"price\":\"2\",\"x\":[1]}],\"asks\":[]}}",
        "{\"stream\":\"v1.trade\",\"feed\":{\"event_time\":\"1\",\"instrument\":\"BTC_USDT_Perp\",\"is_taker_buyer\":false,\"size\":\"1e-3\",\"price\":\"65038.010\",\"trade_id\":\"1-1\",\"extra\":null}}"
    })
    void shouldAgreeWithTheTreePathOnOddButValidFrames(String frame) {
        fastChecked(frame);
        assertThat(treePath(frame).isOk()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"stream\":\"v1.book.d\",\"stream\":\"v1.trade\",\"sequence_number\":\"0\",\"feed\":{\"event_time\":\"1\",\"instrument\":\"BTC_USDT_Perp\",\"bids\":[],\"asks\":[]}}",
        "{\"stream\":\"v1.book.d\",\"sequence_number\":\"0\",\"feed\":{\"event_time\":\"1\",\"instrument\":\"BTC_USDT_Perp\",\"bids\":[{\"price\":\"1\",\"price\":\"0\",\"size\":\"1\"}],\"asks\":[]}}",
        "{\"stream\":\"v1.book.d\",\"sequence_number\":\"0\",\"feed\":{\"event_time\":\"1\",\"instrument\":\"BTC_USDT_Perp\",\"bids\":[],\"asks\":[]}} ",
        "{\"stream\":\"v1.book.d\",\"sequence_number\":\"0\",\"feed\":{\"event_time\":\"1\",\"instrument\":\"BTC_USDT_Perp\",\"bids\":[],\"asks\":[],\"n\":1.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000}}",
        "{\"stream\":\"v1.book.d\",\"sequence_number\":\"0\",\"feed\":{\"event_time\":\"1\",\"instrument\":\"BTC\\u005fUSDT_Perp\",\"bids\":[],\"asks\":[]}}",
        "{\"stream\":\"v1.book.d\",\"sequence_number\":\"5\",\"feed\":{\"event_time\":\"1\",\"instrument\":\"BTC_USDT_Perp\",\"bids\":[],\"asks\":[]}}",
        "{\"stream\":\"v1.book.d\",\"sequence_number\":0,\"feed\":{\"event_time\":\"1\",\"instrument\":\"BTC_USDT_Perp\",\"bids\":[],\"asks\":[]}}"
    })
    void shouldLeaveToTheTreePathWhatItCouldReadDifferently(String frame) {
        assertThat(CompactFrameReader.read(frame, RECEIVED)).isNull();
    }

    @Test
    void shouldNeverDisagreeWithTheTreePathOnMutatedFrames() {
        List<String> seeds = new ArrayList<>(List.of(book("872634876"), book("0"), GrvtFixtures.text(MD, 73)));
        SplittableRandom random = new SplittableRandom(20261207L);
        int fast = 0;
        for (int n = 0; n < 30_000; n++) {
            String frame = mutate(seeds.get(random.nextInt(seeds.size())), random);
            fast += fastChecked(frame) != null ? 1 : 0;
        }
        assertThat(fast).as("some mutated frames still take the fast path").isPositive();
    }

    private static final String[] SWAPS = {"\"0\"", "\"-1\"", "\"1e38\"", "\"\"", "null", "true", "0", "[]", "{}",
        "\"00\"", "\"1.\"", "\"9223372036854775808\"", "\"1e-19\"", "\"0.0000000000000000001\"", "\"x\\\"y\"", "1e400"};

    private static String mutate(String s, SplittableRandom random) {
        int at = random.nextInt(s.length());
        return switch (random.nextInt(5)) {
            case 0 -> s.substring(0, at) + (char) (s.charAt(at) ^ (1 << random.nextInt(7))) + s.substring(at + 1);
            case 1 -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + random.nextInt(8)));
            case 2 -> s.substring(0, at) + s.substring(at, Math.min(s.length(), at + 1 + random.nextInt(16)))
                    + s.substring(at);
            case 3 -> {
                int q = s.indexOf(":\"", at);
                int end = q < 0 ? -1 : s.indexOf('"', q + 2);
                yield end < 0 ? s : s.substring(0, q + 1) + SWAPS[random.nextInt(SWAPS.length)] + s.substring(end + 1);
            }
            default -> s.substring(0, at);
        };
    }

    /** A compact v1.book.d frame of 20 bids and 20 asks, a removal every fifth bid and seventh ask. */
    static String book(String sequence) {
        StringBuilder sb = new StringBuilder("{\"stream\":\"v1.book.d\",\"selector\":\"BTC_USDT_Perp@100\",")
                .append("\"sequence_number\":\"").append(sequence).append("\",\"feed\":{\"event_time\":")
                .append("\"1697788800123456789\",\"instrument\":\"BTC_USDT_Perp\",\"bids\":[");
        for (int i = 0; i < 20; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"price\":\"").append(6503801 - i).insert(sb.length() - 2, '.')
                    .append("\",\"size\":\"").append(i % 5 == 4 ? "0" : (i + 1) + ".25").append("\",\"num_orders\":")
                    .append(i % 9).append('}');
        }
        sb.append("],\"asks\":[");
        for (int i = 0; i < 20; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"price\":\"").append(6503802 + i).insert(sb.length() - 2, '.')
                    .append("\",\"size\":\"").append(i % 7 == 6 ? "0" : (i + 3) + ".5").append("\",\"num_orders\":\"")
                    .append(i % 11).append("\"}");
        }
        return sb.append("]},\"prev_sequence_number\":\"872634875\"}").toString();
    }
}
