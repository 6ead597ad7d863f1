package io.exchangebus.connectors.grvt.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A frame read from its UTF-8 bytes ({@link MarketMapping#normalize(byte[], Instant)}, what the socket gives when
 * the connection reads text as bytes) gives exactly what its text gives: the same event with the same decimals and
 * scales, or the same refusal.
 */
class MarketMappingBytesTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");
    private static final String MD = "ws_market_data_streams.docs.jsonl";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The event as text (its decimals with their scales), or the refusal. */
    private static String outcome(Result<Object> mapped) {
        return mapped.isOk() ? "event " + mapped.value() : "refused: " + mapped.error().message();
    }

    @Test
    void shouldMapEveryFixtureMessagesBytesToWhatItsTextMapsTo() {
        int events = 0;
        for (String frame : GrvtFixtures.compactMessages()) {
            String fromText = outcome(MarketMapping.normalize(frame, RECEIVED));
            assertThat(outcome(MarketMapping.normalize(utf8(frame), RECEIVED))).as(frame).isEqualTo(fromText);
            events += fromText.startsWith("event") ? 1 : 0;
        }
        assertThat(events).as("fixture messages that map to an event").isGreaterThanOrEqualTo(5);
    }

    @Test
    void shouldReadTheDocsBookDeltaAndTradeAndATwentyLevelBookFromBytesOnTheFastPath() {
        for (String frame : List.of(GrvtFixtures.text(MD, 62), GrvtFixtures.text(MD, 73),
                CompactFrameReaderTest.book("872634876"), CompactFrameReaderTest.book("0"))) {
            Object fromBytes = CompactFrameReader.read(utf8(frame), RECEIVED);
            assertThat(fromBytes).as(frame).isNotNull().isEqualTo(CompactFrameReader.read(frame, RECEIVED));
            assertThat(fromBytes.toString()).isEqualTo(CompactFrameReader.read(frame, RECEIVED).toString());
        }
    }

    @Test
    void shouldLeaveAFrameWithANonAsciiCharacterToItsDecodedText() {
        String frame = CompactFrameReaderTest.book("5").replace("\"feed\":{", "\"feed\":{\"note\":\"é\",");

        assertThat(CompactFrameReader.read(utf8(frame), RECEIVED)).as("no non-ASCII byte on the fast path").isNull();
        assertThat(CompactFrameReader.read(frame, RECEIVED)).isNotNull();
        assertThat(outcome(MarketMapping.normalize(utf8(frame), RECEIVED)))
                .isEqualTo(outcome(MarketMapping.normalize(frame, RECEIVED))).startsWith("event");
    }

    @Test
    void shouldRefuseAMalformedFramesBytesAsItsText() {
        String book = CompactFrameReaderTest.book("5");
        for (String frame : List.of(book.substring(0, 150), book.replace("\"65038.01\"", "\"65O38.01\""),
                "not json", "", "{\"stream\":\"v1.mini.s\",\"selector\":\"BTC_USDT_Perp\",\"feed\":{}}")) {
            String fromBytes = outcome(MarketMapping.normalize(utf8(frame), RECEIVED));
            assertThat(fromBytes).as(frame).startsWith("refused")
                    .isEqualTo(outcome(MarketMapping.normalize(frame, RECEIVED)));
        }
    }

    @Test
    void shouldReadFromBytesWhatItReadsFromTheStringOverThirtyThousandMutations() {
        List<String> seeds = List.of(CompactFrameReaderTest.book("872634876"), CompactFrameReaderTest.book("0"),
                GrvtFixtures.text(MD, 73));
        SplittableRandom random = new SplittableRandom(20261207L);
        String swaps = "\"0\" \"-1\" \"1e38\" null true 0 \"00\" \"1.\" \"9223372036854775808\" \"1e-19\" é";
        int fast = 0;
        for (int n = 0; n < 30_000; n++) {
            StringBuilder s = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int at = random.nextInt(s.length());
            switch (random.nextInt(3)) {
                case 0 -> s.setCharAt(at, swaps.charAt(random.nextInt(swaps.length())));
                case 1 -> s.deleteCharAt(at);
                default -> s.insert(at, swaps.charAt(random.nextInt(swaps.length())));
            }
            String frame = s.toString();
            Object fromBytes = CompactFrameReader.read(utf8(frame), RECEIVED);
            Object fromText = CompactFrameReader.read(frame, RECEIVED);
            if (fromBytes != null) {
                fast++;
                assertThat(fromBytes).as(frame).isEqualTo(fromText);
                assertThat(fromBytes.toString()).isEqualTo(fromText.toString());
            } else if (fromText != null) {
                assertThat(frame).as("only a non-ASCII frame is read from its text and not its bytes")
                        .matches("(?s).*[^\\x00-\\x7F].*");
            }
        }
        assertThat(fast).as("mutations read on the fast path from bytes").isGreaterThan(1_000);
    }
}
