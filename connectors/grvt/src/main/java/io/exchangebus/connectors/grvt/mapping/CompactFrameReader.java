package io.exchangebus.connectors.grvt.mapping;

import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.connectors.core.ws.FrameText;
import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>Allocation: the event, its levels and decimals, the strings it keeps; instrument ids are cached by name.
 * One instance per frame, not shared.
 */
final class CompactFrameReader {
    private static final String PREFIX = "{\"stream\":\"";
    private static final int MAX_SYMBOLS = 20_000;
    private static final Map<String, String> INSTRUMENT_IDS = new ConcurrentHashMap<>();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final String LONG_MAX = Long.toString(Long.MAX_VALUE);
    /** Longer numbers in fields we skip are left to the tree path (Jackson has its own length limit). */
    private static final int MAX_SKIPPED_NUMBER = 100;

    private final FrameText s;
    private int i;

    private CompactFrameReader(FrameText s, int i) {
        this.s = s;
        this.i = i;
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
        return new CompactFrameReader(frame, PREFIX.length() - 1).frame(receivedAt);
    }

    // ---- the frame ----

    private Object frame(Instant receivedAt) {
        String stream = text();
        boolean book = "v1.book.d".equals(stream) || "v1.book.s".equals(stream);
        if (!book && !"v1.trade".equals(stream)) {
            return null;
        }
        FrameFields f = new FrameFields();
        while (take(',')) {
            int from = i + 1;
            int to = stringEnd();
            if (to < 0 || !take(':') || !frameField(f, book, from, to)) {
                return null;
            }
        }
        if (!take('}') || i != s.length() || f.feed == null) {
            return null;
        }
        return book ? f.book(stream, receivedAt) : f.trade(receivedAt);
    }

    private boolean frameField(FrameFields f, boolean book, int from, int to) {
        if (matches("feed", from, to)) {
            return f.feed == null && (f.feed = book ? bookFeed() : tradeFeed()) != null;
        }
        if (matches("selector", from, to)) {
            return f.selector == null && (f.selector = text()) != null;
        }
        if (matches("sequence_number", from, to)) {
            return f.sequence < 0 && (f.sequence = whole(18)) >= 0;
        }
        if (matches("prev_sequence_number", from, to)) {
            return f.previous < 0 && (f.previous = whole(18)) >= 0;
        }
        return !matches("stream", from, to) && skipScalar();
    }

    /** The frame's own fields; -1 and null until read. */
    private static final class FrameFields {
        String selector;
        long sequence = -1;
        long previous = -1;
        Object feed;

        Object book(String stream, Instant receivedAt) {
            BookFeed b = (BookFeed) feed;
            boolean snapshot = stream.equals("v1.book.s") || sequence == 0;
            if (sequence < 0 || !snapshot && previous < 0) {
                return null;
            }
            String instrumentId = instrumentId(b.instrument);
            return instrumentId == null ? null : MarketMapping.bookUpdate(stream, selector, sequence, previous,
                    b.instrument, instrumentId, b.bids, b.asks, b.time, receivedAt);
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
    private static final class BookFeed {
        String instrument;
        Instant time;
        List<PriceLevel> bids;
        List<PriceLevel> asks;
    }

    private BookFeed bookFeed() {
        if (!take('{')) {
            return null;
        }
        BookFeed b = new BookFeed();
        do {
            int from = i + 1;
            int to = stringEnd();
            if (to < 0 || !take(':') || !bookField(b, from, to)) {
                return null;
            }
        } while (take(','));
        boolean complete = b.instrument != null && b.time != null && b.bids != null && b.asks != null;
        return take('}') && complete ? b : null;
    }

    private boolean bookField(BookFeed b, int from, int to) {
        if (matches("bids", from, to)) {
            return b.bids == null && (b.bids = levels()) != null;
        }
        if (matches("asks", from, to)) {
            return b.asks == null && (b.asks = levels()) != null;
        }
        if (matches("instrument", from, to)) {
            return b.instrument == null && (b.instrument = text()) != null;
        }
        if (matches("event_time", from, to)) {
            return b.time == null && (b.time = nanos()) != null;
        }
        return skipScalar();
    }

    private List<PriceLevel> levels() {
        if (!take('[')) {
            return null;
        }
        List<PriceLevel> out = new ArrayList<>(24);
        if (take(']')) {
            return out;
        }
        do {
            PriceLevel level = level();
            if (level == null) {
                return null;
            }
            out.add(level);
        } while (take(','));
        return take(']') ? out : null;
    }

    private PriceLevel level() {
        if (!take('{')) {
            return null;
        }
        BigDecimal price = null;
        BigDecimal size = null;
        boolean orders = false;
        do {
            int from = i + 1;
            int to = stringEnd();
            if (to < 0 || !take(':')) {
                return null;
            }
            boolean ok;
            if (matches("price", from, to)) {
                ok = price == null && (price = decimal("price", ValueRange.POSITIVE)) != null;
            } else if (matches("size", from, to)) {
                ok = size == null && (size = decimal("size", ValueRange.NON_NEGATIVE)) != null;
            } else if (matches("num_orders", from, to)) {
                ok = !orders && (orders = count());
            } else {
                ok = skipScalar();
            }
            if (!ok) {
                return null;
            }
        } while (take(','));
        return take('}') && price != null && size != null ? new PriceLevel(price, size) : null;
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

    private TradeFeed tradeFeed() {
        if (!take('{')) {
            return null;
        }
        TradeFeed t = new TradeFeed();
        do {
            int from = i + 1;
            int to = stringEnd();
            if (to < 0 || !take(':') || !tradeField(t, from, to)) {
                return null;
            }
        } while (take(','));
        boolean complete = t.instrument != null && t.tradeId != null && t.time != null && t.price != null
                && t.size != null && t.takerBuyer != null;
        return take('}') && complete ? t : null;
    }

    private boolean tradeField(TradeFeed t, int from, int to) {
        if (matches("price", from, to)) {
            return t.price == null && (t.price = decimal("price", ValueRange.POSITIVE)) != null;
        }
        if (matches("size", from, to)) {
            return t.size == null && (t.size = decimal("size", ValueRange.POSITIVE)) != null;
        }
        if (matches("instrument", from, to)) {
            return t.instrument == null && (t.instrument = text()) != null;
        }
        if (matches("trade_id", from, to)) {
            return t.tradeId == null && (t.tradeId = text()) != null;
        }
        if (matches("event_time", from, to)) {
            return t.time == null && (t.time = nanos()) != null;
        }
        if (matches("is_taker_buyer", from, to)) {
            return t.takerBuyer == null && (t.takerBuyer = bool()) != null;
        }
        return skipScalar();
    }

    // ---- scalars ----

    private boolean take(char c) {
        if (i < s.length() && s.at(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    /** Whether the key {@code s[from, to)} is {@code name}. */
    private boolean matches(String name, int from, int to) {
        return to - from == name.length() && s.startsWith(name, from);
    }

    /**
     * At an opening quote: the index of the closing one, the position then just after it; -1 if there is none or the
     * string holds an escape or a control character (the caller gives up).
     */
    private int stringEnd() {
        if (i >= s.length() || s.at(i) != '"') {
            return -1;
        }
        for (int j = i + 1; j < s.length(); j++) {
            int c = s.at(j); // from bytes, above 0x7F is negative: refused with the control characters
            if (c == '"') {
                i = j + 1;
                return j;
            }
            if (c == '\\' || c < 0x20 || Character.isSurrogate((char) c)) {
                return -1; // a lone surrogate: leave it to the tree path, which decides about it
            }
        }
        return -1;
    }

    /** A non-empty string without escapes; null otherwise (the tree path refuses an empty one). */
    private String text() {
        int from = i + 1;
        int to = stringEnd();
        return to <= from ? null : s.text(from, to);
    }

    /** A string of 1 to {@code maxDigits} digits, its value; -1 otherwise. */
    private long whole(int maxDigits) {
        int from = i + 1;
        int to = stringEnd();
        if (to <= from || to - from > maxDigits || !digits(from, to)) {
            return -1;
        }
        return s.parseLong(from, to);
    }

    /** A unix time in ns as a string of 1 to 19 digits within a long; null otherwise. */
    private Instant nanos() {
        int from = i + 1;
        int to = stringEnd();
        if (to <= from || to - from > 19 || !digits(from, to)
                || to - from == 19 && aboveLongMax(from)) {
            return null;
        }
        long n = s.parseLong(from, to);
        return Instant.ofEpochSecond(n / NANOS_PER_SECOND, n % NANOS_PER_SECOND);
    }

    /** Whether the 19 digits from {@code from} are above {@link Long#MAX_VALUE}: compared digit by digit. */
    private boolean aboveLongMax(int from) {
        for (int k = 0; k < 19; k++) {
            int d = s.at(from + k) - LONG_MAX.charAt(k);
            if (d != 0) {
                return d > 0;
            }
        }
        return false;
    }

    private boolean digits(int from, int to) {
        for (int j = from; j < to; j++) {
            int c = s.at(j);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code num_orders}: 1 to 9 digits, a JSON integer or a string; false otherwise. */
    private boolean count() {
        if (i < s.length() && s.at(i) == '"') {
            return whole(9) >= 0;
        }
        int from = i;
        int j = from;
        while (j < s.length() && s.at(j) >= '0' && s.at(j) <= '9') {
            j++;
        }
        int n = j - from;
        if (n == 0 || n > 9 || n > 1 && s.at(from) == '0' || j < s.length() && isNumberChar(s.at(j))) {
            return false;
        }
        i = j;
        return true;
    }

    /** A decimal string in {@code range}, at the model's scale as the tree path gives it; null otherwise. */
    private BigDecimal decimal(String field, ValueRange range) {
        int from = i + 1;
        int to = stringEnd();
        if (to < 0) {
            return null;
        }
        BigDecimal value = s.decimal(from, to);
        return value == null || !range.admits(value) ? null : ExactDecimals.exact(field, value);
    }

    private Boolean bool() {
        if (s.startsWith("true", i)) {
            i += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("false", i)) {
            i += 5;
            return Boolean.FALSE;
        }
        return null;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNumberChar(int c) {
        return c >= '0' && c <= '9' || c == '-' || c == '.' || c == 'e' || c == 'E' || c == '+';
    }

    /**
     * Skips a string, a number within {@code decimal(38,18)}, true or false; false for anything else (null, an
     * array, an object, a number the tree path might read differently).
     */
    private boolean skipScalar() {
        if (i >= s.length()) {
            return false;
        }
        int c = s.at(i);
        if (c == '"') {
            return stringEnd() >= 0;
        }
        if (c == '-' || c >= '0' && c <= '9') {
            int from = i;
            int j = from;
            while (j < s.length() && isNumberChar(s.at(j))) {
                j++;
            }
            int first = s.at(from) == '-' ? from + 1 : from;
            if (j - from > MAX_SKIPPED_NUMBER || first + 1 < j && s.at(first) == '0' && isDigit(s.at(first + 1))
                    || s.decimal(from, j) == null) {
                return false; // JSON allows no leading zero; Jackson refuses numbers over 1,000 characters
            }
            i = j;
            return true;
        }
        return bool() != null;
    }
}
