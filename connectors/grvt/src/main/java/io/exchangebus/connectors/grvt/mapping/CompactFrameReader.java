package io.exchangebus.connectors.grvt.mapping;

import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookMessage;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.connectors.core.ws.FrameText;
import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The fast path for full-form book and trade frames in the layout GRVT sends them, read straight from the frame's
 * characters, its UTF-8 bytes as they came off the socket or its String ({@link FrameText}):
 * <pre>
 *   {"stream":"v1.book.d","selector":"BTC_USDT_Perp@500","sequence_number":"872634876","feed":{…},"prev_sequence_number":"872634875"}
 * </pre>
 * {@code stream} first ({@code v1.book.d}, {@code v1.book.s} or {@code v1.trade}), then the frame's and the feed's
 * fields in any order; no whitespace; strings without escapes; sequence numbers, times and decimals as strings;
 * {@code num_orders} a number or a string. Whatever else it meets — lite names, another stream, whitespace, an
 * escape, a repeated field, {@code null}, a nested value where a scalar was expected, a value the tree path would
 * refuse, trailing text — it answers null and the tree path ({@link GrvtFrame}, {@link GrvtObject}) reads the frame
 * instead, which maps or refuses with the reason. So this reader only ever gives what the tree path would give,
 * faster ({@code CompactFrameReaderTest} compares the two on every fixture and on mutated frames; the fuzz run goes
 * through it); it never refuses by itself. The events are built by the same functions
 * ({@link MarketMapping#bookUpdate}, {@link MarketMapping#trade}). From bytes, only ASCII is read: a frame with any
 * other character is left to the String path, which decodes it first, so bytes and text give the same event.
 *
 * <p>The tokens are read by a {@link FrameCursor}, one per frame; this class is the grammar of GRVT's book and trade
 * frames over them.
 *
 * <p>A {@code v1.book.d} frame can also be read into core's book terms ({@link #readBook}), for the feed that keeps
 * the full book: the same reading and the same frames left to the tree, with no event made.
 *
 * <p>Allocation: the event, its levels and decimals, the strings it keeps; instrument ids are cached by name.
 */
final class CompactFrameReader {
    private static final String PREFIX = "{\"stream\":\"";
    private static final int MAX_SYMBOLS = 20_000;
    private static final Map<String, String> INSTRUMENT_IDS = new ConcurrentHashMap<>();
    /** A book level as the event holds it, or as the book takes it: made once, as read. */
    private static final BiFunction<BigDecimal, BigDecimal, PriceLevel> EVENT_LEVEL = PriceLevel::new;
    private static final BiFunction<BigDecimal, BigDecimal, Level> BOOK_LEVEL = Level::new;

    private CompactFrameReader() {
    }

    /** The frame's event ({@code BookUpdate} or {@code Trade}), or null when the tree path must read it. */
    static Object read(String frame, Instant receivedAt) {
        return frame == null ? null : read(FrameText.of(frame), receivedAt);
    }

    /** The event of the frame's UTF-8 bytes, or null when its text must be read (non-ASCII, or as for a String). */
    static Object read(byte[] utf8, Instant receivedAt) {
        return utf8 == null ? null : read(FrameText.of(utf8), receivedAt);
    }

    private static Object read(FrameText frame, Instant receivedAt) {
        if (!frame.startsWith(PREFIX, 0)) {
            return null;
        }
        FrameCursor in = new FrameCursor(frame, PREFIX.length() - 1);
        String stream = in.text();
        boolean book = "v1.book.d".equals(stream) || "v1.book.s".equals(stream);
        if (!book && !"v1.trade".equals(stream)) {
            return null;
        }
        FrameFields f = fields(in, book ? EVENT_LEVEL : null);
        return f == null ? null : book ? f.book(stream, receivedAt) : f.trade(receivedAt);
    }

    /**
     * A {@code v1.book.d} frame's UTF-8 bytes in core's book terms (sequence 0 the snapshot, any other a diff linked
     * to {@code prev_sequence_number}), read as {@link #read(byte[], Instant)} reads them, with no event made; null
     * when the tree path must read it, or when it is another stream's.
     */
    static BookMessage readBook(byte[] utf8) {
        return utf8 == null ? null : readBook(FrameText.of(utf8));
    }

    /** {@link #readBook(byte[])} of the frame's text. */
    static BookMessage readBook(String frame) {
        return frame == null ? null : readBook(FrameText.of(frame));
    }

    private static BookMessage readBook(FrameText frame) {
        if (!frame.startsWith(PREFIX, 0)) {
            return null;
        }
        FrameCursor in = new FrameCursor(frame, PREFIX.length() - 1);
        if (!"v1.book.d".equals(in.text())) {
            return null;
        }
        FrameFields f = fields(in, BOOK_LEVEL);
        return f == null ? null : f.bookMessage();
    }

    // ---- the frame ----

    /**
     * The frame's fields after its stream, up to its end, a book's levels made by {@code levelOf} (null: a trade);
     * null where the tree path must read it.
     */
    private static FrameFields fields(FrameCursor in, BiFunction<BigDecimal, BigDecimal, ?> levelOf) {
        FrameFields f = new FrameFields();
        while (in.take(',')) {
            if (!in.key() || !frameField(in, f, levelOf)) {
                return null;
            }
        }
        return in.take('}') && in.atEnd() && f.feed != null ? f : null;
    }

    private static boolean frameField(FrameCursor in, FrameFields f, BiFunction<BigDecimal, BigDecimal, ?> levelOf) {
        if (in.is("feed")) {
            return f.feed == null && (f.feed = levelOf != null ? bookFeed(in, levelOf) : tradeFeed(in)) != null;
        }
        if (in.is("selector")) {
            return f.selector == null && (f.selector = in.text()) != null;
        }
        if (in.is("sequence_number")) {
            return f.sequence < 0 && (f.sequence = in.whole(18)) >= 0;
        }
        if (in.is("prev_sequence_number")) {
            return f.previous < 0 && (f.previous = in.whole(18)) >= 0;
        }
        return !in.is("stream") && in.skipScalar();
    }

    /** The frame's own fields; -1 and null until read. */
    private static final class FrameFields {
        String selector;
        long sequence = -1;
        long previous = -1;
        Object feed;

        @SuppressWarnings("unchecked") // read with EVENT_LEVEL
        Object book(String stream, Instant receivedAt) {
            BookFeed<PriceLevel> b = (BookFeed<PriceLevel>) feed;
            boolean snapshot = stream.equals("v1.book.s") || sequence == 0;
            if (sequence < 0 || !snapshot && previous < 0) {
                return null;
            }
            String instrumentId = instrumentId(b.instrument);
            return instrumentId == null ? null : MarketMapping.bookUpdate(stream, selector, sequence, previous,
                    b.instrument, instrumentId, b.bids, b.asks, b.time, receivedAt);
        }

        /** A {@code v1.book.d} frame's message, under the rules of {@link #book}. */
        @SuppressWarnings("unchecked") // read with BOOK_LEVEL
        BookMessage bookMessage() {
            BookFeed<Level> b = (BookFeed<Level>) feed;
            if (sequence < 0 || sequence != 0 && previous < 0 || instrumentId(b.instrument) == null) {
                return null;
            }
            return sequence == 0 ? new BookSnapshot(0, b.bids, b.asks, b.time)
                    : new BookDiff(sequence, sequence, previous, b.bids, b.asks, b.time);
        }

        Object trade(Instant receivedAt) {
            TradeFeed t = (TradeFeed) feed;
            String instrumentId = instrumentId(t.instrument);
            return instrumentId == null ? null : MarketMapping.trade(t.instrument, instrumentId, t.tradeId, t.price,
                    t.size, t.takerBuyer == Boolean.TRUE, t.time, receivedAt);
        }
    }

    private static String instrumentId(String symbol) {
        String known = INSTRUMENT_IDS.get(symbol);
        if (known != null) {
            return known;
        }
        try {
            String id = GrvtSymbols.instrumentId(symbol).toString();
            if (INSTRUMENT_IDS.size() >= MAX_SYMBOLS) {
                INSTRUMENT_IDS.clear();
            }
            INSTRUMENT_IDS.put(symbol, id);
            return id;
        } catch (GrvtMappingException refused) {
            return null;
        }
    }

    // ---- v1.book.s / v1.book.d ----

    /** A book feed as read; every field required. */
    private static final class BookFeed<L> {
        String instrument;
        Instant time;
        List<L> bids;
        List<L> asks;
    }

    private static <L> BookFeed<L> bookFeed(FrameCursor in, BiFunction<BigDecimal, BigDecimal, L> levelOf) {
        if (!in.take('{')) {
            return null;
        }
        BookFeed<L> b = new BookFeed<>();
        do {
            if (!in.key() || !bookField(in, b, levelOf)) {
                return null;
            }
        } while (in.take(','));
        boolean complete = b.instrument != null && b.time != null && b.bids != null && b.asks != null;
        return in.take('}') && complete ? b : null;
    }

    private static <L> boolean bookField(FrameCursor in, BookFeed<L> b, BiFunction<BigDecimal, BigDecimal, L> levelOf) {
        if (in.is("bids")) {
            return b.bids == null && (b.bids = levels(in, levelOf)) != null;
        }
        if (in.is("asks")) {
            return b.asks == null && (b.asks = levels(in, levelOf)) != null;
        }
        if (in.is("instrument")) {
            return b.instrument == null && (b.instrument = in.text()) != null;
        }
        if (in.is("event_time")) {
            return b.time == null && (b.time = in.nanos()) != null;
        }
        return in.skipScalar();
    }

    private static <L> List<L> levels(FrameCursor in, BiFunction<BigDecimal, BigDecimal, L> levelOf) {
        if (!in.take('[')) {
            return null;
        }
        List<L> out = new ArrayList<>(24);
        if (in.take(']')) {
            return out;
        }
        do {
            L level = level(in, levelOf);
            if (level == null) {
                return null;
            }
            out.add(level);
        } while (in.take(','));
        return in.take(']') ? out : null;
    }

    private static <L> L level(FrameCursor in, BiFunction<BigDecimal, BigDecimal, L> levelOf) {
        if (!in.take('{')) {
            return null;
        }
        BigDecimal price = null;
        BigDecimal size = null;
        boolean orders = false;
        do {
            if (!in.key()) {
                return null;
            }
            boolean ok;
            if (in.is("price")) {
                ok = price == null && (price = in.decimal("price", ValueRange.POSITIVE)) != null;
            } else if (in.is("size")) {
                ok = size == null && (size = in.decimal("size", ValueRange.NON_NEGATIVE)) != null;
            } else if (in.is("num_orders")) {
                ok = !orders && (orders = in.count());
            } else {
                ok = in.skipScalar();
            }
            if (!ok) {
                return null;
            }
        } while (in.take(','));
        return in.take('}') && price != null && size != null ? levelOf.apply(price, size) : null;
    }

    // ---- v1.trade ----

    /** A trade feed as read; every field required. */
    private static final class TradeFeed {
        String instrument;
        String tradeId;
        Instant time;
        BigDecimal price;
        BigDecimal size;
        Boolean takerBuyer;
    }

    private static TradeFeed tradeFeed(FrameCursor in) {
        if (!in.take('{')) {
            return null;
        }
        TradeFeed t = new TradeFeed();
        do {
            if (!in.key() || !tradeField(in, t)) {
                return null;
            }
        } while (in.take(','));
        boolean complete = t.instrument != null && t.tradeId != null && t.time != null && t.price != null
                && t.size != null && t.takerBuyer != null;
        return in.take('}') && complete ? t : null;
    }

    private static boolean tradeField(FrameCursor in, TradeFeed t) {
        if (in.is("price")) {
            return t.price == null && (t.price = in.decimal("price", ValueRange.POSITIVE)) != null;
        }
        if (in.is("size")) {
            return t.size == null && (t.size = in.decimal("size", ValueRange.POSITIVE)) != null;
        }
        if (in.is("instrument")) {
            return t.instrument == null && (t.instrument = in.text()) != null;
        }
        if (in.is("trade_id")) {
            return t.tradeId == null && (t.tradeId = in.text()) != null;
        }
        if (in.is("event_time")) {
            return t.time == null && (t.time = in.nanos()) != null;
        }
        if (in.is("is_taker_buyer")) {
            return t.takerBuyer == null && (t.takerBuyer = in.bool()) != null;
        }
        return in.skipScalar();
    }
}
