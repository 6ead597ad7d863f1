package io.exchangebus.connectors.grvt.mapping;

import static io.exchangebus.connectors.core.testing.BookMessages.describe;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookMessage;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.events.BookUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A {@code v1.book.d} frame read straight into core's book terms ({@link MarketMapping#fullBook(byte[])}, what the
 * book's feed takes) says what the event of the same frame says ({@link MarketMapping#normalize}) taken apart by
 * {@link BookMessage#of}: the same ids, levels and scales, or the same refusal; other streams are refused.
 */
class MarketMappingFullBookTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");
    private static final String MD = "ws_market_data_streams.docs.jsonl";
    private static final String NOT_D = "is not the full-depth book v1.book.d";

    @Test
    void shouldReadADeltaAsADiffLinkedToItsPreviousSequenceWithoutMakingTheEvent() {
        String frame = CompactFrameReaderTest.book("872634876");

        BookDiff diff = (BookDiff) CompactFrameReader.readBook(utf8(frame));

        assertThat(diff.lastUpdateId()).isEqualTo(872634876L);
        assertThat(diff.previousUpdateId()).isEqualTo(872634875L);
        assertThat(diff.bids()).hasSize(20).first().isEqualTo(Level.of("65038.01", "1.25"));
        assertThat(diff.bids().get(4).quantity()).isEqualByComparingTo("0");
        assertThat(diff.asks()).hasSize(20);
        assertThat(diff.exchangeTime()).isEqualTo(Instant.ofEpochSecond(1697788800L, 123456789L));
    }

    @Test
    void shouldReadSequenceZeroAsTheSnapshot() {
        BookSnapshot snapshot = (BookSnapshot) MarketMapping.fullBook(CompactFrameReaderTest.book("0")).value();

        assertThat(snapshot.lastUpdateId()).isZero();
        assertThat(snapshot.bids()).hasSize(20);
    }

    @Test
    void shouldRefuseAnotherStreamsFrame() {
        for (String frame : List.of(GrvtFixtures.text(MD, 73),
                CompactFrameReaderTest.book("5").replace("v1.book.d", "v1.book.s"))) {
            assertThat(outcome(MarketMapping.fullBook(utf8(frame)))).as(frame)
                    .startsWith("refused: stream v1.").endsWith(NOT_D);
        }
    }

    @Test
    void shouldSayWhatTheEventSaysForEveryFixtureAndOverTenThousandMutations() {
        List<String> frames = new ArrayList<>(GrvtFixtures.compactMessages());
        frames.add(CompactFrameReaderTest.book("872634876"));
        frames.add(CompactFrameReaderTest.book("0"));
        SplittableRandom random = new SplittableRandom(20261208L);
        String seed = CompactFrameReaderTest.book("872634876");
        String swaps = "\"0\" \"-1\" \"1e38\" null true 0 \"00\" \"1.\" \"9223372036854775808\" \"1e-19\" é";
        for (int n = 0; n < 10_000; n++) {
            StringBuilder s = new StringBuilder(seed);
            int at = random.nextInt(s.length());
            switch (random.nextInt(3)) {
                case 0 -> s.setCharAt(at, swaps.charAt(random.nextInt(swaps.length())));
                case 1 -> s.deleteCharAt(at);
                default -> s.insert(at, swaps.charAt(random.nextInt(swaps.length())));
            }
            frames.add(s.toString());
        }
        int books = 0;
        int refused = 0;
        for (String frame : frames) {
            String fromBytes = outcome(MarketMapping.fullBook(utf8(frame)));
            assertThat(outcome(MarketMapping.fullBook(frame))).as(frame).isEqualTo(fromBytes);
            Result<Object> event = MarketMapping.normalize(frame, RECEIVED);
            if (!event.isOk()) {
                String same = "refused: " + event.error().message();
                assertThat(fromBytes).as(frame).satisfiesAnyOf(
                        r -> assertThat(r).isEqualTo(same),
                        r -> assertThat(r).as("a stream's name mutated").startsWith("refused: stream ").endsWith(NOT_D));
                refused++;
            } else if (frame.contains("\"v1.book.d\"") && event.value() instanceof BookUpdate u) {
                assertThat(fromBytes).as(frame).isEqualTo(describe(BookMessage.of(u)));
                books++;
            } else {
                assertThat(fromBytes).as(frame).startsWith("refused: stream ").endsWith(NOT_D);
            }
        }
        assertThat(books).as("frames of the full-depth book").isGreaterThan(300);
        assertThat(refused).as("frames refused").isGreaterThan(300);
    }

    private static byte[] utf8(String frame) {
        return frame.getBytes(StandardCharsets.UTF_8);
    }

    private static String outcome(Result<BookMessage> read) {
        return read.isOk() ? describe(read.value()) : "refused: " + read.error().message();
    }
}
