package io.exchangebus.connectors.deribit.mapping;

import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.connectors.core.ws.FrameText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fast path for book and trade notifications in the layout Deribit sends them, read straight from the frame's
 * characters, its UTF-8 bytes as they came off the socket or its String ({@link FrameText}):
 * <pre>
 *   {"jsonrpc":"2.0","method":"subscription","params":{"channel":"book.BTC-PERPETUAL.100ms","data":{…}}}
 * </pre>
 * no whitespace, strings without escapes, numbers as JSON numbers, the book's fields and each trade's scalar fields
 * in any order. Whatever else it meets — another layout, an escape, a nested value where a scalar was expected, a
 * number it would refuse, a rule of {@link BookFields} broken — it answers null and {@link MarketFrameReader}'s
 * token walk reads the frame instead, which maps or refuses with the reason. So this reader only ever gives what the
 * walk would give, faster (a test and the fuzz run compare the two); it never refuses by itself. From bytes, only
 * ASCII is read: a frame with any other character is left to the walk too, which reads its decoded text.
 */
final class CompactFrameReader {
    private static final String PREFIX = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"";
    private static final String DATA = "\",\"data\":";
    private static final int MAX_CHANNELS = 20_000;
    private static final String[] LITERALS = {"true", "false", "null"};
    private static final Map<String, DeribitChannel> CHANNELS = new ConcurrentHashMap<>();

    private final FrameText s;
    private int i;

    private CompactFrameReader(FrameText s, int i) {
        this.s = s;
        this.i = i;
    }

    /** The frame, or null when the token walk must read it. */
    static MarketFrameReader.Frame read(String frame) {
        return read(FrameText.of(frame));
    }

    /** The frame from its UTF-8 bytes, or null when the token walk must read its text. */
    static MarketFrameReader.Frame read(byte[] utf8) {
        return read(FrameText.of(utf8));
    }

    private static MarketFrameReader.Frame read(FrameText frame) {
        if (!frame.startsWith(PREFIX, 0)) {
            return null;
        }
        CompactFrameReader r = new CompactFrameReader(frame, PREFIX.length() - 1);
        int end = r.stringEnd();
        if (end < 0 || !frame.startsWith(DATA, end)) {
            return null;
        }
        DeribitChannel channel = channel(frame.text(PREFIX.length(), end));
        r.i = end + DATA.length();
        MarketFrameReader.Frame read = channel == null ? null : switch (channel.type()) {
            case BOOK, GROUPED_BOOK -> r.book(channel);
            case TRADES -> r.trades(channel);
            case TICKER -> null;
        };
        return read != null && frame.startsWith("}}", r.i) && r.i + 2 == frame.length() ? read : null;
    }

    private static DeribitChannel channel(String name) {
        DeribitChannel known = CHANNELS.get(name);
        if (known != null) {
            return known;
        }
        try {
            DeribitChannel parsed = DeribitChannel.parse(name);
            if (CHANNELS.size() >= MAX_CHANNELS) {
                CHANNELS.clear();
            }
            CHANNELS.put(name, parsed);
            return parsed;
        } catch (UnmappableMessageException e) {
            return null;
        }
    }

    // ---- books ----

    private MarketFrameReader.BookFrame book(DeribitChannel channel) {
        if (!take('{')) {
            return null;
        }
        BookFields f = new BookFields();
        boolean grouped = channel.type() == DeribitChannel.Type.GROUPED_BOOK;
        do {
            int from = i + 1;
            int to = stringEnd();
            if (to < 0 || !take(':') || !bookField(f, from, to, grouped)) {
                return null;
            }
        } while (take(','));
        if (!take('}')) {
            return null;
        }
        try {
            return f.frame(channel);
        } catch (UnmappableMessageException e) {
            return null;
        }
    }

    private boolean bookField(BookFields f, int from, int to, boolean grouped) {
        switch (to - from) {
            case 4 -> {
                if (is("type", from)) {
                    f.type = text();
                    return f.type != null;
                }
                if (is("bids", from)) {
                    return (f.bids = levels("bids", grouped)) != null;
                }
                if (is("asks", from)) {
                    return (f.asks = levels("asks", grouped)) != null;
                }
            }
            case 9 -> {
                if (is("change_id", from)) {
                    return (f.changeId = integer()) != null;
                }
                if (is("timestamp", from)) {
                    return (f.timestamp = integer()) != null;
                }
            }
            case 14 -> {
                if (is("prev_change_id", from)) {
                    return s.startsWith("null", i) ? skip(4) : (f.previous = integer()) != null;
                }
            }
            case 15 -> {
                if (is("instrument_name", from)) {
                    return (f.instrument = text()) != null;
                }
            }
            default -> {
            }
        }
        return skipScalar();
    }

    private LevelReader.Levels levels(String side, boolean grouped) {
        if (!take('[')) {
            return null;
        }
        List<Level> out = new ArrayList<>(24);
        int notNew = -1;
        String notNewAction = null;
        if (take(']')) {
            return new LevelReader.Levels(out, side, -1, null);
        }
        do {
            if (!take('[')) {
                return null;
            }
            String action = grouped ? LevelReader.NEW : action();
            if (action == null || (!grouped && !take(','))) {
                return null;
            }
            BigDecimal price = decimal(ValueRange.POSITIVE);
            BigDecimal amount = price != null && take(',') ? decimal(ValueRange.NON_NEGATIVE) : null;
            if (amount == null || !take(']')) {
                return null;
            }
            if (notNew < 0 && action != LevelReader.NEW) {
                notNew = out.size();
                notNewAction = action;
            }
            out.add(new Level(price, action == LevelReader.DELETE ? BigDecimal.ZERO : amount));
        } while (take(','));
        return take(']') ? new LevelReader.Levels(out, side, notNew, notNewAction) : null;
    }

    private String action() {
        int from = i + 1;
        int to = stringEnd();
        if (to < 0) {
            return null;
        }
        return switch (to - from) {
            case 3 -> is(LevelReader.NEW, from) ? LevelReader.NEW : null;
            case 6 -> is("change", from) ? "change" : is(LevelReader.DELETE, from) ? LevelReader.DELETE : null;
            default -> null;
        };
    }

    // ---- trades ----

    private MarketFrameReader.TradesFrame trades(DeribitChannel channel) {
        if (!take('[')) {
            return null;
        }
        List<MarketFrameReader.TradeFields> out = new ArrayList<>(4);
        if (!take(']')) {
            do {
                MarketFrameReader.TradeFields t = trade();
                if (t == null) {
                    return null;
                }
                out.add(t);
            } while (take(','));
            if (!take(']')) {
                return null;
            }
        }
        return new MarketFrameReader.TradesFrame(channel, out);
    }

    private MarketFrameReader.TradeFields trade() {
        if (!take('{')) {
            return null;
        }
        TradeFieldsRead t = new TradeFieldsRead();
        do {
            int from = i + 1;
            int to = stringEnd();
            if (to < 0 || !take(':') || !tradeField(t, from, to)) {
                return null;
            }
        } while (take(','));
        return take('}') ? t.fields() : null;
    }

    private boolean tradeField(TradeFieldsRead t, int from, int to) {
        int length = to - from;
        if (length == 5 && is("price", from)) {
            return (t.price = decimal(ValueRange.POSITIVE)) != null;
        }
        if (length == 6 && is("amount", from)) {
            return (t.amount = decimal(ValueRange.POSITIVE)) != null;
        }
        if (length == 8 && is("trade_id", from)) {
            return (t.tradeId = text()) != null;
        }
        if (length == 9 && is("trade_seq", from)) {
            return (t.seq = integer()) != null;
        }
        if (length == 9 && is("timestamp", from)) {
            return (t.timestamp = integer()) != null;
        }
        if (length == 9 && is("direction", from)) {
            return (t.direction = text()) != null;
        }
        if (length == 15 && is("instrument_name", from)) {
            return (t.instrument = text()) != null;
        }
        return skipScalar();
    }

    /** A trade's fields as read; all required. */
    private static final class TradeFieldsRead {
        String instrument;
        String tradeId;
        String direction;
        Long seq;
        Long timestamp;
        BigDecimal price;
        BigDecimal amount;

        MarketFrameReader.TradeFields fields() {
            if (instrument == null || tradeId == null || direction == null || seq == null || timestamp == null
                    || price == null || amount == null) {
                return null;
            }
            return new MarketFrameReader.TradeFields(instrument, tradeId, seq, price, amount, direction, timestamp);
        }
    }

    // ---- scalars ----

    private boolean take(char c) {
        if (i < s.length() && s.at(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    private boolean skip(int n) {
        i += n;
        return true;
    }

    private boolean is(String name, int from) {
        return s.startsWith(name, from);
    }

    /**
     * At an opening quote: the index of the closing one, the position then just after it; -1 if there is none or the
     * string holds what {@link FrameText#stringEnd} refuses (the position is then of no use: the caller gives up).
     */
    private int stringEnd() {
        if (i >= s.length() || s.at(i) != '"') {
            return -1;
        }
        int end = s.stringEnd(i);
        if (end >= 0) {
            i = end + 1;
        }
        return end;
    }

    private String text() {
        int from = i + 1;
        int to = stringEnd();
        return to < 0 ? null : s.text(from, to);
    }

    /** A JSON integer that fits a long, as the token walk takes it; null otherwise. */
    private Long integer() {
        int from = i;
        int j = from < s.length() && s.at(from) == '-' ? from + 1 : from;
        int digitsFrom = j;
        while (j < s.length() && s.at(j) >= '0' && s.at(j) <= '9') {
            j++;
        }
        int digits = j - digitsFrom;
        if (digits == 0 || digits > 18 || (digits > 1 && s.at(digitsFrom) == '0') || j < s.length()
                && (s.at(j) == '.' || s.at(j) == 'e' || s.at(j) == 'E')) {
            return null;
        }
        i = j;
        return s.parseLong(from, j);
    }

    /** An exact JSON number in {@code range}; null when the token walk would refuse it or it is not a number. */
    private BigDecimal decimal(ValueRange range) {
        int from = i;
        int j = from;
        while (j < s.length() && isNumberChar(s.at(j))) {
            j++;
        }
        int first = from < j && s.at(from) == '-' ? from + 1 : from;
        if (j == from || first + 1 < j && s.at(first) == '0' && isDigit(s.at(first + 1))) {
            return null; // JSON allows no leading zero; the walk refuses "00"
        }
        BigDecimal value = s.decimal(from, j); // DecimalText's plain path, then its general one
        if (value == null || !range.admits(value)) {
            return null;
        }
        i = j;
        return value;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNumberChar(int c) {
        return c >= '0' && c <= '9' || c == '-' || c == '.' || c == 'e' || c == 'E' || c == '+';
    }

    /** Skips a string, number, true, false or null; false for anything else (an array, an object). */
    private boolean skipScalar() {
        if (i >= s.length()) {
            return false;
        }
        int c = s.at(i);
        if (c == '"') {
            return stringEnd() >= 0;
        }
        if (c == '-' || c >= '0' && c <= '9') {
            return decimal(ValueRange.SIGNED) != null;
        }
        for (String literal : LITERALS) {
            if (s.startsWith(literal, i)) {
                return skip(literal.length());
            }
        }
        return false;
    }
}
