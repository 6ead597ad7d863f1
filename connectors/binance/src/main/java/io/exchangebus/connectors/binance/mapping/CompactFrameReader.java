package io.exchangebus.connectors.binance.mapping;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.number.ValueRange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of {@link MarketMapping#parse}: reads a market-data frame laid out as Binance sends it — compact
 * JSON, no whitespace, no escapes, levels as {@code ["price","qty"]} pairs of plain decimals — straight from the
 * frame's characters, or from its UTF-8 bytes as they come off the socket (no String made), into the same
 * {@link MarketFields} the general Jackson walk fills, so that both give the same message or the same
 * refusal.
 *
 * <p>It accepts a strict subset of JSON and answers {@code false} ("not mine") for anything outside it: whitespace,
 * an escape or control character in a string, a nested object, an array where a scalar is expected, a number in
 * place of a decimal string, a level with more than two elements, an integer of more than 18 digits, a reply to a
 * request, a level whose price is not above zero or whose quantity is below zero. The general walk then reads the
 * frame and decides, with its own error messages. So this class never refuses a frame and never accepts one that the
 * general walk would refuse.
 *
 * <p>The tokens are read by a {@link FrameCursor}; this class is the grammar of Binance's frames over them.
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

    private CompactFrameReader() {
    }

    /** The frame's message, or null when the frame is outside the compact layout (the general walk decides). */
    static MarketMapping.Message read(BinanceVenue venue, String frame) {
        return read(venue, FrameCursor.of(frame));
    }

    /**
     * The message of the frame in {@code frame[offset, offset + length)}, UTF-8 as read off the socket, or null when
     * the frame is outside the compact layout (the general walk decides). Only ASCII is read here: a byte above 0x7F
     * in a string sends the frame to the general walk, which decodes UTF-8.
     */
    static MarketMapping.Message read(BinanceVenue venue, byte[] frame, int offset, int length) {
        return read(venue, FrameCursor.of(frame, offset, length));
    }

    /** The envelope {@code {"stream":…,"data":{…}}} or a bare event, and nothing after it. */
    private static MarketMapping.Message read(BinanceVenue venue, FrameCursor in) {
        if (!in.eat('{') || !in.key()) {
            return null;
        }
        MarketFields f = new MarketFields();
        String stream = null;
        if (in.is("stream")) {
            if (!in.string()) {
                return null;
            }
            stream = in.text();
            if (!in.eat(',') || !in.key() || !in.is("data") || !in.eat('{') || !in.key() || !members(in, f)
                    || !in.eat('}')) {
                return null;
            }
        } else if (in.is("result") || in.is("id") || in.is("error") || !members(in, f)) {
            return null;
        }
        return in.atEnd() ? f.toMessage(venue, stream) : null;
    }

    /** The members of an event object, the first key already read; consumes the closing brace. */
    private static boolean members(FrameCursor in, MarketFields f) {
        while (true) {
            if (!member(in, f)) {
                return false;
            }
            if (in.eat('}')) {
                return true;
            }
            if (!in.eat(',') || !in.key()) {
                return false;
            }
        }
    }

    /** One value for the key just read, into the field it names; mirrors MarketMapping's field switch. */
    private static boolean member(FrameCursor in, MarketFields f) {
        if (in.length() == 1) {
            return oneLetter(in, f, in.first());
        }
        if (in.is("pu")) {
            return in.integer() && set(in, f, 'P');
        }
        if (in.is("lastUpdateId")) {
            return in.integer() && set(in, f, 'L');
        }
        if (in.is("bids") || in.is("asks")) {
            boolean bids = in.first() == 'b';
            if (in.peek() == '[') {
                List<Level> levels = levels(in);
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
            if (!in.scalar()) {
                return false;
            }
            if (bids) {
                f.bids = null;
            } else {
                f.asks = null;
            }
            return true;
        }
        return in.scalar();
    }

    private static boolean oneLetter(FrameCursor in, MarketFields f, char name) {
        switch (name) {
            case 'e':
                if (!in.string()) {
                    return false;
                }
                f.type = typeName(in);
                return true;
            case 's':
                if (!in.string()) {
                    return false;
                }
                f.symbol = in.text();
                return true;
            case 'E':
            case 'T':
            case 'U':
            case 'u':
            case 't':
                return in.integer() && set(in, f, name);
            case 'p':
            case 'q':
                BigDecimal d = in.decimalString();
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
                char c = in.peek();
                if (!in.scalar()) {
                    return false;
                }
                f.buyerMaker = c == 't' ? 1 : c == 'f' ? 0 : -1;
                return true;
            case 'b':
                if (in.peek() == '[') {
                    f.bids = levels(in);
                    return f.bids != null;
                }
                return in.scalar();
            case 'a':
                if (in.peek() == '[') {
                    f.asks = levels(in);
                    return f.asks != null;
                }
                char first = in.peek();
                if (!in.scalar()) {
                    return false;
                }
                if (first == '-' || (first >= '0' && first <= '9')) {
                    if (in.isLongInteger()) {
                        return false;
                    }
                    if (in.isInteger()) {
                        f.aggId = in.value();
                    }
                }
                return true;
            default:
                return in.scalar();
        }
    }

    private static boolean set(FrameCursor in, MarketFields f, char field) {
        long number = in.value();
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

    /** The event type just read; the known ones as constants, so that no String is made for them. */
    private static String typeName(FrameCursor in) {
        if (in.is(DEPTH_UPDATE)) {
            return DEPTH_UPDATE;
        }
        if (in.is(TRADE)) {
            return TRADE;
        }
        if (in.is(AGG_TRADE)) {
            return AGG_TRADE;
        }
        return in.text();
    }

    /**
     * {@code [["p","q"],…]}; null when a level is not exactly two plain decimal strings, or when its price is not
     * above zero or its quantity below zero (the general walk then refuses it naming the level).
     */
    private static List<Level> levels(FrameCursor in) {
        in.eat('[');
        List<Level> out = new ArrayList<>(24);
        if (in.eat(']')) {
            return out;
        }
        do {
            if (!in.eat('[')) {
                return null;
            }
            BigDecimal price = in.decimalString();
            if (price == null || !ValueRange.POSITIVE.admits(price) || !in.eat(',')) {
                return null;
            }
            BigDecimal quantity = in.decimalString();
            if (quantity == null || !ValueRange.NON_NEGATIVE.admits(quantity) || !in.eat(']')) {
                return null;
            }
            out.add(new Level(price, quantity));
        } while (in.eat(','));
        return in.eat(']') ? out : null;
    }
}
