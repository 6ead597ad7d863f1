package io.exchangebus.connectors.binance.mapping;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.number.ValueRange;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of {@link MarketMapping#parse}: reads a market-data frame laid out as Binance sends it — compact
 * JSON, no whitespace, no escapes, levels as {@code ["price","qty"]} pairs of plain decimals — straight from the
 * frame's characters, or from its UTF-8 bytes as they come off the socket (no String made), into the same
 * {@link MarketMapping.Fields} the general Jackson walk fills, so that both give the same message or the same
 * refusal.
 *
 * <p>It accepts a strict subset of JSON and answers {@code false} ("not mine") for anything outside it: whitespace,
 * an escape or control character in a string, a nested object, an array where a scalar is expected, a number in
 * place of a decimal string, a level with more than two elements, an integer of more than 18 digits, a reply to a
 * request, a level whose price is not above zero or whose quantity is below zero. The general walk then reads the
 * frame and decides, with its own error messages. So this class never refuses a frame and never accepts one that the
 * general walk would refuse.
 *
 * <p>Why it exists: a 20+20-level depth frame costs about as much in Jackson's token walk alone (the tokenizer,
 * its text buffer and field-name lookup) as the whole mapping budget; reading the known layout directly
 * avoids the copies. {@code CompactFrameReaderTest} checks it against the general walk on every fixture and on
 * generated and mutated frames; {@code BinanceMappingBenchmark} measures both.
 */
final class CompactFrameReader {
    private static final String DEPTH_UPDATE = "depthUpdate";
    private static final String TRADE = "trade";
    private static final String AGG_TRADE = "aggTrade";
    private static final int INTEGER = 0;
    private static final int LONG_INTEGER = 1;
    private static final int FRACTION = 2;

    /** The frame as UTF-8 bytes, or null when it is read from {@link #chars}. */
    private final byte[] bytes;
    private final String chars;
    private final int n;
    private int i;
    private int start;
    private int end;
    private long number;
    private int numberKind;
    private String stream;

    private CompactFrameReader(byte[] bytes, String chars, int offset, int length) {
        this.bytes = bytes;
        this.chars = chars;
        this.i = offset;
        this.n = offset + length;
    }

    /** The frame's message, or null when the frame is outside the compact layout (the general walk decides). */
    static MarketMapping.Message read(BinanceVenue venue, String frame) {
        return read(venue, new CompactFrameReader(null, frame, 0, frame.length()));
    }

    /**
     * The message of the frame in {@code frame[offset, offset + length)}, UTF-8 as read off the socket, or null when
     * the frame is outside the compact layout (the general walk decides). Only ASCII is read here: a byte above 0x7F
     * in a string sends the frame to the general walk, which decodes UTF-8.
     */
    static MarketMapping.Message read(BinanceVenue venue, byte[] frame, int offset, int length) {
        return read(venue, new CompactFrameReader(frame, null, offset, length));
    }

    private static MarketMapping.Message read(BinanceVenue venue, CompactFrameReader r) {
        MarketMapping.Fields f = new MarketMapping.Fields();
        return r.frame(f) ? MarketMapping.build(venue, r.stream, f) : null;
    }

    private boolean frame(MarketMapping.Fields f) {
        if (!eat('{') || !key()) {
            return false;
        }
        if (keyIs("stream")) {
            if (!string()) {
                return false;
            }
            stream = text(start, end);
            if (!eat(',') || !key() || !keyIs("data") || !eat('{') || !key() || !members(f)) {
                return false;
            }
            return eat('}') && i == n;
        }
        if (keyIs("result") || keyIs("id") || keyIs("error")) {
            return false;
        }
        return members(f) && i == n;
    }

    /** The members of an event object, the first key already read; consumes the closing brace. */
    private boolean members(MarketMapping.Fields f) {
        while (true) {
            if (!member(f)) {
                return false;
            }
            if (eat('}')) {
                return true;
            }
            if (!eat(',') || !key()) {
                return false;
            }
        }
    }

    /** One value for the key just read, into the field it names; mirrors MarketMapping's field switch. */
    private boolean member(MarketMapping.Fields f) {
        int keyLength = end - start;
        if (keyLength == 1) {
            return oneLetter(f, (char) at(start));
        }
        if (keyIs("pu")) {
            return integer() && set(f, 'P');
        }
        if (keyIs("lastUpdateId")) {
            return integer() && set(f, 'L');
        }
        if (keyIs("bids") || keyIs("asks")) {
            boolean bids = at(start) == 'b';
            if (peek() == '[') {
                List<Level> levels = levels();
                if (levels == null) {
                    return false;
                }
                if (bids) {
                    f.bids = levels;
                } else {
                    f.asks = levels;
                }
                return true;
            }
            if (!scalar()) {
                return false;
            }
            if (bids) {
                f.bids = null;
            } else {
                f.asks = null;
            }
            return true;
        }
        return scalar();
    }

    private boolean oneLetter(MarketMapping.Fields f, char name) {
        switch (name) {
            case 'e':
                if (!string()) {
                    return false;
                }
                f.type = typeName();
                return true;
            case 's':
                if (!string()) {
                    return false;
                }
                f.symbol = text(start, end);
                return true;
            case 'E':
            case 'T':
            case 'U':
            case 'u':
            case 't':
                return integer() && set(f, name);
            case 'p':
            case 'q':
                BigDecimal d = decimalString();
                if (d == null) {
                    return false;
                }
                if (name == 'p') {
                    f.price = d;
                } else {
                    f.quantity = d;
                }
                return true;
            case 'm':
                char c = peek();
                if (!scalar()) {
                    return false;
                }
                f.buyerMaker = c == 't' ? 1 : c == 'f' ? 0 : -1;
                return true;
            case 'b':
                if (peek() == '[') {
                    f.bids = levels();
                    return f.bids != null;
                }
                return scalar();
            case 'a':
                if (peek() == '[') {
                    f.asks = levels();
                    return f.asks != null;
                }
                char first = peek();
                if (!scalar()) {
                    return false;
                }
                if (first == '-' || (first >= '0' && first <= '9')) {
                    if (numberKind == LONG_INTEGER) {
                        return false;
                    }
                    if (numberKind == INTEGER) {
                        f.aggId = number;
                    }
                }
                return true;
            default:
                return scalar();
        }
    }

    private boolean set(MarketMapping.Fields f, char field) {
        switch (field) {
            case 'E' -> f.eventTime = number;
            case 'T' -> f.time = number;
            case 'U' -> f.firstId = number;
            case 'u' -> f.lastId = number;
            case 't' -> f.tradeId = number;
            case 'P' -> f.previousId = number;
            case 'L' -> f.snapshotId = number;
            default -> throw new IllegalArgumentException("no integer field " + field);
        }
        return true;
    }

    private String typeName() {
        int length = end - start;
        if (length == DEPTH_UPDATE.length() && startsWith(DEPTH_UPDATE, start)) {
            return DEPTH_UPDATE;
        }
        if (length == TRADE.length() && startsWith(TRADE, start)) {
            return TRADE;
        }
        if (length == AGG_TRADE.length() && startsWith(AGG_TRADE, start)) {
            return AGG_TRADE;
        }
        return text(start, end);
    }

    /**
     * {@code [["p","q"],…]}; null when a level is not exactly two plain decimal strings, or when its price is not
     * above zero or its quantity below zero (the general walk then refuses it naming the level).
     */
    private List<Level> levels() {
        i++;
        List<Level> out = new ArrayList<>(24);
        if (eat(']')) {
            return out;
        }
        do {
            if (!eat('[')) {
                return null;
            }
            BigDecimal price = decimalString();
            if (price == null || !ValueRange.POSITIVE.admits(price) || !eat(',')) {
                return null;
            }
            BigDecimal quantity = decimalString();
            if (quantity == null || !ValueRange.NON_NEGATIVE.admits(quantity) || !eat(']')) {
                return null;
            }
            out.add(new Level(price, quantity));
        } while (eat(','));
        return eat(']') ? out : null;
    }

    /**
     * A string holding a plain decimal {@code [-]digits[.digits]} of at most 18 digits, read in one pass as
     * {@code unscaled * 10^-scale} with the text's scale (the fast path of {@code ExactNumbers.plainOrNull}, inlined
     * here to read up to the closing quote in the same pass); null for anything else.
     */
    private BigDecimal decimalString() {
        int limit = n;
        int p = i;
        if (p >= limit || at(p) != '"') {
            return null;
        }
        p++;
        boolean negative = p < limit && at(p) == '-';
        if (negative) {
            p++;
        }
        int from = p;
        long unscaled = 0;
        int c = 0;
        while (p < limit && (c = at(p)) >= '0' && c <= '9') {
            unscaled = unscaled * 10 + (c - '0');
            p++;
        }
        int digits = p - from;
        int scale = 0;
        if (digits == 0) {
            return null; // ".5" is not in JSON's grammar, which the general walk applies
        }
        if (c == '.' && p < limit) {
            int fraction = ++p;
            while (p < limit && (c = at(p)) >= '0' && c <= '9') {
                unscaled = unscaled * 10 + (c - '0');
                p++;
            }
            scale = p - fraction;
            if (scale == 0) {
                return null; // "5." is not the plain form
            }
            digits += scale;
        }
        if (p >= limit || at(p) != '"' || digits == 0 || digits > 18) {
            return null;
        }
        i = p + 1;
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    // ---- tokens ----

    private char peek() {
        return i < n ? (char) at(i) : 0;
    }

    private boolean eat(char c) {
        if (i < n && at(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    /** A key and its colon; [start, end) is the key's text. */
    private boolean key() {
        return string() && eat(':');
    }

    private boolean keyIs(String name) {
        return end - start == name.length() && startsWith(name, start);
    }

    /** A string of ASCII without escapes or control characters; [start, end) is its text. */
    private boolean string() {
        int limit = n;
        int p = i;
        if (p >= limit || at(p) != '"') {
            return false;
        }
        int from = ++p;
        while (p < limit) {
            int c = at(p); // a byte above 0x7F is negative: refused below with the control characters
            if (c == '"') {
                start = from;
                end = p;
                i = p + 1;
                return true;
            }
            if (c == '\\' || c < 0x20) {
                return false;
            }
            p++;
        }
        return false;
    }

    /** An integer of at most 18 digits, in JSON's grammar, into {@link #number}. */
    private boolean integer() {
        char c = peek();
        return (c == '-' || (c >= '0' && c <= '9')) && number() && numberKind == INTEGER;
    }

    /** A string, number, true, false or null; for a number, {@link #numberKind} says which. */
    private boolean scalar() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == 't') {
            return literal("true");
        }
        if (c == 'f') {
            return literal("false");
        }
        if (c == 'n') {
            return literal("null");
        }
        return number();
    }

    private boolean literal(String word) {
        if (startsWith(word, i)) {
            i += word.length();
            return true;
        }
        return false;
    }

    /**
     * JSON's number grammar {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}; an integer of at most 18
     * digits has its value in {@link #number}.
     */
    private boolean number() {
        boolean negative = eat('-');
        int digitsFrom = i;
        long value = 0;
        if (eat('0')) {
            value = 0;
        } else {
            while (i < n && at(i) >= '0' && at(i) <= '9') {
                value = value * 10 + (at(i) - '0');
                i++;
            }
            if (i == digitsFrom) {
                return false;
            }
        }
        int kind = i - digitsFrom <= 18 ? INTEGER : LONG_INTEGER;
        if (eat('.')) {
            kind = FRACTION;
            if (!digits()) {
                return false;
            }
        }
        if (eat('e') || eat('E')) {
            kind = FRACTION;
            if (!eat('+')) {
                eat('-');
            }
            if (!digits()) {
                return false;
            }
        }
        char next = peek();
        if (next >= '0' && next <= '9') {
            return false; // a leading zero: 01
        }
        numberKind = kind;
        number = negative ? -value : value;
        return true;
    }

    private boolean digits() {
        int from = i;
        while (i < n && at(i) >= '0' && at(i) <= '9') {
            i++;
        }
        return i > from;
    }

    /**
     * The character at {@code p}: a byte (negative above 0x7F, so that no UTF-8 sequence is taken for ASCII) or a
     * char of the String. Which one is fixed for the reader, so the branch is always predicted.
     */
    private int at(int p) {
        return bytes != null ? bytes[p] : chars.charAt(p);
    }

    /** Whether the ASCII {@code word} is at {@code at}. */
    private boolean startsWith(String word, int at) {
        int length = word.length();
        if (at + length > n) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (at(at + k) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The text of [from, to): of a String, or of bytes that {@link #string} found to be ASCII. */
    private String text(int from, int to) {
        return bytes != null ? new String(bytes, from, to - from, StandardCharsets.ISO_8859_1) : chars.substring(from, to);
    }
}
