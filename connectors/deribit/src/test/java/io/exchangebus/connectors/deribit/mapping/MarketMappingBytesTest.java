package io.exchangebus.connectors.deribit.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.testing.Fixtures;
import io.exchangebus.connectors.deribit.DeribitFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A notification read from its UTF-8 bytes ({@link MarketMapping#normalize(byte[], Instant)}, what the socket gives
 * when the client reads text as bytes) gives exactly what its text gives: the same events with the same decimals
 * and scales, or the same refusal.
 */
class MarketMappingBytesTest {

    private static final Instant RECEIVED = Instant.parse("2025-01-01T00:00:00Z");
    private static final ObjectMapper EXACT = ExactNumbers.exactMapper();
    private static final String[] FILES = {"ws_notifications.gocryptotrader.jsonl", "nautilus_test_data.jsonl",
        "nautilus_test_data_2.jsonl", "ws_trades_capture.gocryptotrader.jsonl", "xchange_test_resources.jsonl"};

    /** Every fixture payload as captured, and again in Deribit's compact layout (the fast path's). */
    static List<String> fixtureFrames() throws IOException {
        List<String> frames = new ArrayList<>();
        for (String file : FILES) {
            int lines = Files.readAllLines(Fixtures.path("deribit/" + file)).size();
            for (int line = 1; line <= lines; line++) {
                String raw = DeribitFixtures.raw(file, line);
                frames.add(raw);
                try {
                    frames.add(EXACT.writeValueAsString(EXACT.readTree(raw)));
                } catch (IOException | RuntimeException notJson) {
                    // kept as captured only
                }
            }
        }
        return frames;
    }

    @Test
    void shouldMapEveryFixtureFramesBytesToTheEventsItsTextMapsTo() throws IOException {
        int mapped = 0;
        for (String frame : fixtureFrames()) {
            String fromText = outcome(() -> MarketMapping.normalize(frame, RECEIVED));
            String fromBytes = outcome(() -> MarketMapping.normalize(frame.getBytes(StandardCharsets.UTF_8), RECEIVED));
            assertThat(fromBytes).as(frame).isEqualTo(fromText);
            mapped += fromText.startsWith("[") ? 1 : 0;
        }
        assertThat(mapped).as("fixture frames that map to events").isGreaterThanOrEqualTo(20);
    }

    @Test
    void shouldReadTheCompactFixtureBooksAndTradesFromBytesOnTheFastPath() {
        List<String> compact = List.of(CompactFrameReaderTest.CHANGE, CompactFrameReaderTest.SNAPSHOT,
                CompactFrameReaderTest.GROUPED, DeribitFixtures.raw("ws_trades_capture.gocryptotrader.jsonl", 1),
                DeribitFixtures.raw("ws_trades_capture.gocryptotrader.jsonl", 2));
        for (String frame : compact) {
            MarketFrameReader.Frame fromBytes = CompactFrameReader.read(frame.getBytes(StandardCharsets.UTF_8));
            assertThat(fromBytes).as(frame).isNotNull().isEqualTo(CompactFrameReader.read(frame));
        }
    }

    @Test
    void shouldLeaveAFrameWithANonAsciiCharacterToTheWalkOfItsDecodedText() {
        String frame = CompactFrameReaderTest.CHANGE.replace("\"type\":\"change\"",
                "\"type\":\"change\",\"note\":\"é\"");
        byte[] utf8 = frame.getBytes(StandardCharsets.UTF_8);

        assertThat(CompactFrameReader.read(utf8)).as("no non-ASCII byte on the fast path").isNull();
        assertThat(CompactFrameReader.read(frame)).isNotNull();
        assertThat(outcome(() -> MarketMapping.normalize(utf8, RECEIVED)))
                .isEqualTo(outcome(() -> MarketMapping.normalize(frame, RECEIVED))).startsWith("[");
    }

    @Test
    void shouldRefuseAMalformedFramesBytesAsItsText() {
        String truncated = CompactFrameReaderTest.CHANGE.substring(0, 120);
        String badNumber = CompactFrameReaderTest.CHANGE.replace("1200.0", "12e");

        for (String frame : List.of(truncated, badNumber, "not json", "")) {
            String fromBytes = outcome(() -> MarketMapping.normalize(frame.getBytes(StandardCharsets.UTF_8), RECEIVED));
            assertThat(fromBytes).as(frame).startsWith("refused").isEqualTo(outcome(
                    () -> MarketMapping.normalize(frame, RECEIVED)));
        }
    }

    @Test
    void shouldReadFromBytesWhatItReadsFromTheStringOverAHundredThousandMutations() {
        SplittableRandom random = new SplittableRandom(20261207L);
        List<String> frames = List.of(CompactFrameReaderTest.CHANGE, CompactFrameReaderTest.SNAPSHOT,
                CompactFrameReaderTest.GROUPED, DeribitFixtures.raw("ws_trades_capture.gocryptotrader.jsonl", 1));
        String alphabet = "\"[]{},:.-+eE0123456789 \\nuladcghsté";
        int fast = 0;
        for (int n = 0; n < 100_000; n++) {
            String frame = CompactFrameReaderTest.mutated(frames.get(random.nextInt(frames.size())), alphabet, random);
            MarketFrameReader.Frame fromBytes = CompactFrameReader.read(frame.getBytes(StandardCharsets.UTF_8));
            MarketFrameReader.Frame fromText = CompactFrameReader.read(frame);
            if (fromBytes != null) {
                fast++;
                assertThat(fromBytes).as(frame).isEqualTo(fromText);
            } else if (fromText != null) {
                assertThat(frame).as("only a non-ASCII frame is read from its text and not its bytes")
                        .matches(".*[^\\x00-\\x7F].*");
            }
        }
        assertThat(fast).as("mutations read on the fast path from bytes").isGreaterThan(1_000);
    }

    /** The events as text (their decimals with their scales), or the refusal. */
    private static String outcome(java.util.function.Supplier<List<Object>> mapping) {
        try {
            return mapping.get().toString();
        } catch (UnmappableMessageException e) {
            return "refused: " + e.getMessage();
        }
    }
}
