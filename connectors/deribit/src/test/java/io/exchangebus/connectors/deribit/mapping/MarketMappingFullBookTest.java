package io.exchangebus.connectors.deribit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookMessage;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.io.IOException;
import java.math.BigDecimal;
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
            } else if (event.startsWith("book depth 0")) {
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

    /** A book's ids and levels (sorted best first, with their scales), an other event's kind, or the refusal. */
    private static String outcome(Supplier<Object> mapping) {
        try {
            Object read = mapping.get();
            if (read instanceof List<?> events) {
                return events.size() == 1 && events.get(0) instanceof BookUpdate u ? of(u) : "events " + events;
            }
            return of((BookMessage) read);
        } catch (UnmappableMessageException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static String of(BookUpdate u) {
        return "book depth " + u.getDepth() + " " + (u.getKind() == BookUpdateKind.SNAPSHOT ? "snapshot" : "diff")
                + " at " + u.getSequence() + " after " + u.getPreviousSequence() + " " + u.getExchangeTime() + " "
                + levels(u.getBids(), true) + " " + levels(u.getAsks(), false);
    }

    private static String of(BookMessage m) {
        if (m instanceof BookSnapshot s) {
            return "book depth 0 snapshot at " + s.lastUpdateId() + " after null " + s.exchangeTime() + " "
                    + sorted(s.bids(), true) + " " + sorted(s.asks(), false);
        }
        BookDiff d = (BookDiff) m;
        assertThat(d.firstUpdateId()).isEqualTo(d.lastUpdateId());
        return "book depth 0 diff at " + d.lastUpdateId() + " after " + d.previousUpdateId() + " "
                + d.exchangeTime() + " " + sorted(d.bids(), true) + " " + sorted(d.asks(), false);
    }

    private static List<String> levels(List<PriceLevel> levels, boolean bids) {
        return sorted(levels.stream().map(l -> new Level(l.getPrice(), l.getQuantity())).toList(), bids);
    }

    private static List<String> sorted(List<Level> levels, boolean bids) {
        return levels.stream()
                .sorted((a, b) -> bids ? b.price().compareTo(a.price()) : a.price().compareTo(b.price()))
                .map(l -> plain(l.price()) + "@" + plain(l.quantity())).toList();
    }

    /** The value with its scale, as Avro's encoder would be given it. */
    private static String plain(BigDecimal d) {
        return d.toPlainString() + "/" + d.scale();
    }
}
