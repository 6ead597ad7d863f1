package io.exchangebus.connectors.deribit.mapping;

import static io.exchangebus.connectors.core.testing.BookMessages.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookMessage;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.events.BookUpdate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A full-depth book notification read straight into core's book terms ({@link MarketMapping#fullBook(byte[])},
 * what the book's feed takes) says what the event of the same frame says ({@link MarketMapping#normalize}): the
 * same ids, the same levels with the same scales, or the same refusal.
 */
class MarketMappingFullBookTest {

    private static final Instant RECEIVED = Instant.parse("2025-01-01T00:00:00Z");
    private static final String NOT_A_BOOK = "refused: not a full-depth book notification";

    @Test
    void shouldReadAChangeAsADiffLinkedToItsPreviousChangeId() {
        BookDiff diff = (BookDiff) MarketMapping.fullBook(utf8(CompactFrameReaderTest.CHANGE));

        assertThat(diff.firstUpdateId()).isEqualTo(11L);
        assertThat(diff.lastUpdateId()).isEqualTo(11L);
        assertThat(diff.previousUpdateId()).isEqualTo(10L);
        assertThat(diff.exchangeTime()).isEqualTo(Instant.ofEpochMilli(1700000000123L));
        assertThat(diff.bids()).extracting(Level::toString).containsExactly("65000.5@1200.0", "64999.0@0");
        assertThat(diff.asks()).extracting(Level::toString).containsExactly("65001@5000");
    }

    @Test
    void shouldReadASnapshotAsTheBooksSnapshotAtItsChangeId() {
        BookSnapshot snapshot = (BookSnapshot) MarketMapping.fullBook(CompactFrameReaderTest.SNAPSHOT);

        assertThat(snapshot.lastUpdateId()).isEqualTo(10L);
        assertThat(snapshot.bids()).extracting(Level::toString).containsExactly("65000.5@1200.0", "64999.0@10.0");
        assertThat(snapshot.asks()).isEmpty();
    }

    @Test
    void shouldRefuseAGroupedBookOrATradeAsNotAFullDepthBook() {
        assertThatThrownBy(() -> MarketMapping.fullBook(utf8(CompactFrameReaderTest.GROUPED)))
                .isInstanceOf(UnmappableMessageException.class)
                .hasMessage("not a full-depth book notification: GROUPED_BOOK");
        String trades = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
                + "\"trades.BTC-PERPETUAL.raw\",\"data\":[]}}";
        assertThatThrownBy(() -> MarketMapping.fullBook(trades))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("TRADES");
    }

    @Test
    void shouldSayWhatTheEventSaysForEveryFixtureFrameOfAFullDepthBook() throws IOException {
        int books = 0;
        int refused = 0;
        for (String frame : MarketMappingBytesTest.fixtureFrames()) {
            String event = outcome(() -> MarketMapping.normalize(frame, RECEIVED));
            String fromBytes = outcome(() -> MarketMapping.fullBook(utf8(frame)));
            assertThat(outcome(() -> MarketMapping.fullBook(frame))).as(frame).isEqualTo(fromBytes);
            if (event.startsWith("refused") && !fromBytes.startsWith(NOT_A_BOOK)) {
                assertThat(fromBytes).as(frame).isEqualTo(event);
                refused++;
            } else if (!event.startsWith("events") && !event.startsWith("refused")) {
                assertThat(fromBytes).as(frame).isEqualTo(event);
                books++;
            } else {
                assertThat(fromBytes).as("another channel's frame, read but not a book: " + frame)
                        .startsWith(NOT_A_BOOK);
            }
        }
        assertThat(books).as("fixture frames of a full-depth book").isGreaterThanOrEqualTo(4);
        assertThat(refused).as("fixture frames refused").isGreaterThanOrEqualTo(1);
    }

    private static byte[] utf8(String frame) {
        return frame.getBytes(StandardCharsets.UTF_8);
    }

    /** A full book's message, from the event (taken apart as the feed would) or read straight; else the refusal. */
    private static String outcome(Supplier<Object> mapping) {
        try {
            Object read = mapping.get();
            if (read instanceof List<?> events) {
                return events.size() == 1 && events.get(0) instanceof BookUpdate u && u.getDepth() == 0
                        ? describe(BookMessage.of(u)) : "events " + events;
            }
            return describe((BookMessage) read);
        } catch (UnmappableMessageException e) {
            return "refused: " + e.getMessage();
        }
    }
}
