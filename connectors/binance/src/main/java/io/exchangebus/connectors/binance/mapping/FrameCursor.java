package io.exchangebus.connectors.binance.mapping;

import static io.exchangebus.connectors.binance.mapping.AsciiDigits.POWERS_OF_TEN;
import static io.exchangebus.connectors.binance.mapping.AsciiDigits.ZEROS;
import static io.exchangebus.connectors.binance.mapping.AsciiDigits.digitsValue;
import static io.exchangebus.connectors.binance.mapping.AsciiDigits.eightBytes;
import static io.exchangebus.connectors.binance.mapping.AsciiDigits.leadingDigits;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over the characters of one compact JSON frame, its UTF-8 bytes or its String, that reads the tokens
 * {@link CompactFrameReader}'s grammar is made of: punctuation, ASCII strings without escapes, numbers in JSON's
 * grammar, the literals, and decimal strings {@code "65000.01"} straight to a {@link BigDecimal}. It knows no field
 * of any Binance message.
 *
 * <p>Every read answers {@code false} (or null) when the token is not there; what the cursor then holds is
 * unspecified, and the frame is given up. After {@link #string} or {@link #key}, the token's text is
 * {@code [start, end)}, asked with {@link #is}, {@link #length}, {@link #first} and {@link #text}; after a number,
 * {@link #isInteger} and {@link #value} say what it was.
 *
 * <p>Only ASCII is read: a byte above 0x7F is negative in {@link #at}, so a string holding one is refused (as a
 * control character is) and the frame goes to the general walk, which decodes UTF-8. Not thread-safe: one cursor per
 * frame. The methods are small so that C2 inlines them into the grammar ({@code -XX:+PrintInlining}: all "inline
 * (hot)" but {@link #decimalString} and {@code number}, compiled on their own, as they were as methods of the reader);
 * {@code BinanceMappingBenchmark} watches the cost.
 */
final class FrameCursor {
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
    /** The digits read by {@link #digitRun}. */
    private long run;

    private FrameCursor(byte[] bytes, String chars, int offset, int length) {
        this.bytes = bytes;
        this.chars = chars;
        this.i = offset;
        this.n = offset + length;
    }

    /** A cursor at the start of {@code frame}. */
    static FrameCursor of(String frame) {
        return new FrameCursor(null, frame, 0, frame.length());
    }

    /** A cursor at the start of the UTF-8 frame in {@code frame[offset, offset + length)}; the bytes are only read. */
    static FrameCursor of(byte[] frame, int offset, int length) {
        return new FrameCursor(frame, null, offset, length);
    }

    /** Whether every character has been read. */
    boolean atEnd() {
        return i == n;
    }

    /** The next character, not consumed; 0 at the end. */
    char peek() {
        return i < n ? (char) at(i) : 0;
    }

    /** Consumes {@code c} if it is next. */
    boolean eat(char c) {
        if (i < n && at(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    /** A key and its colon; its text is the token's. */
    boolean key() {
        return string() && eat(':');
    }

    /** Whether the last string's text is {@code word} (ASCII). */
    boolean is(String word) {
        return end - start == word.length() && startsWith(word, start);
    }

    /** The length of the last string's text. */
    int length() {
        return end - start;
    }

    /** The first character of the last string's text; only when it is not empty. */
    char first() {
        return (char) at(start);
    }

    /** The last string's text, as a new String. */
    String text() {
        return bytes != null ? new String(bytes, start, end - start, StandardCharsets.ISO_8859_1)
                : chars.substring(start, end);
    }

    /** A string of ASCII without escapes or control characters; its text becomes the token's. */
    boolean string() {
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

    /** An integer of at most 18 digits, in JSON's grammar, into {@link #value}. */
    boolean integer() {
        char c = peek();
        return (c == '-' || (c >= '0' && c <= '9')) && number() && numberKind == INTEGER;
    }

    /** A string, number, true, false or null; after a number, {@link #isInteger} and {@link #isLongInteger}. */
    boolean scalar() {
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

    /** After a number: whether it was an integer of at most 18 digits, whose value is {@link #value}. */
    boolean isInteger() {
        return numberKind == INTEGER;
    }

    /** After a number: whether it was an integer of more than 18 digits (no value kept). */
    boolean isLongInteger() {
        return numberKind == LONG_INTEGER;
    }

    /** The value of the last integer of at most 18 digits. */
    long value() {
        return number;
    }

    /**
     * A string holding a plain decimal {@code [-]digits[.digits]} of at most 18 digits, read in one pass as
     * {@code unscaled * 10^-scale} with the text's scale (the fast path of {@code ExactNumbers.plainOrNull}, inlined
     * here to read up to the closing quote in the same pass); null for anything else.
     */
    BigDecimal decimalString() {
        if (bytes != null) {
            BigDecimal d = shortDecimalBytes();
            if (d != null) {
                return d;
            }
        }
        return anyDecimalString();
    }

    /**
     * The usual shape of a Binance decimal from bytes, {@code "65000.01000000"}, {@code "0.00123000"}: one to seven
     * integer digits and, if a point follows, one to eight fraction digits, then the closing quote, read without a
     * loop: the 16 bytes after the opening quote in two 64-bit loads made together when the frame has 18 bytes from
     * it, else one load for the integer digits and one after the point. Null for any other shape, a sign, more
     * digits, or fewer than 9 bytes from the quote (or from the point), which {@link #anyDecimalString} then reads:
     * the same value and scale, both being {@code BigDecimal.valueOf(unscaled, digits after the point)}. Does not
     * move the cursor unless it answers.
     */
    private BigDecimal shortDecimalBytes() {
        byte[] b = bytes;
        int p = i;
        if (n - p < 9 || b[p] != '"') {
            return null;
        }
        // with 18 bytes left, the eight bytes after the point come from two loads made at once, instead of a load
        // that waits for the count of integer digits: the next token's position is the chain every read waits on
        boolean wide = n - p >= 18;
        long first = eightBytes(b, p + 1);
        long second = wide ? eightBytes(b, p + 9) : 0;
        long whole = first - ZEROS;
        int wholeDigits = leadingDigits(whole);
        if (wholeDigits == 0 || wholeDigits == 8) {
            return null;
        }
        // one digit (a quantity's "0."): its value is the lowest byte, since borrows only run towards later bytes
        long wholeValue = wholeDigits == 1 ? whole & 0xFF : digitsValue(whole << (64 - 8 * wholeDigits));
        int after = p + 1 + wholeDigits;
        if (b[after] == '"') {
            i = after + 1;
            return BigDecimal.valueOf(wholeValue, 0);
        }
        int q = after + 1;
        if (b[after] != '.' || (!wide && n - q < 9)) {
            return null;
        }
        // the eight bytes from q: the first load's after the point, then the second load's first ones (with seven
        // integer digits, none of the first load's and all of the second's: >>> 8 >>> 56 leaves 0, << 0 all)
        long fraction = (wide ? (first >>> 8 >>> 8 * wholeDigits) | (second << (56 - 8 * wholeDigits))
                : eightBytes(b, q)) - ZEROS;
        int scale = leadingDigits(fraction);
        int close = q + scale;
        if (scale == 0 || b[close] != '"') {
            return null; // also a ninth fraction digit: the byte after eight digits is then no quote
        }
        i = close + 1;
        return BigDecimal.valueOf(wholeValue * POWERS_OF_TEN[scale] + digitsValue(fraction << (64 - 8 * scale)),
                scale);
    }

    /** {@link #decimalString} of any length and sign, from bytes or chars; digits up to eight at a time. */
    private BigDecimal anyDecimalString() {
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
        run = 0;
        p = digitRun(p, limit);
        int digits = p - from;
        int scale = 0;
        if (digits == 0) {
            return null; // ".5" is not in JSON's grammar, which the general walk applies
        }
        if (p < limit && at(p) == '.') {
            int fraction = ++p;
            p = digitRun(p, limit);
            scale = p - fraction;
            if (scale == 0) {
                return null; // "5." is not the plain form
            }
            digits += scale;
        }
        if (p >= limit || at(p) != '"' || digits > 18) {
            return null;
        }
        i = p + 1;
        long unscaled = run;
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    /**
     * The digits from {@code p} on, appended to {@link #run} ({@code run * 10^k + digits}); the position after them.
     * Of more than 18 digits in all, {@link #run} overflows: callers look at the count first. From bytes, up to eight
     * digits at a time while eight bytes are there: one 64-bit load, then {@link AsciiDigits#leadingDigits} and
     * {@link AsciiDigits#digitsValue} in a few ALU steps instead of a dependent multiply-add per digit (a Binance
     * price is {@code 65000.01000000}, a time 13 digits).
     */
    private int digitRun(int p, int limit) {
        long value = run;
        if (bytes != null) {
            while (limit - p >= 8) {
                long digits = eightBytes(bytes, p) - ZEROS;
                int k = leadingDigits(digits);
                if (k > 0) {
                    value = value * POWERS_OF_TEN[k] + digitsValue(digits << (64 - 8 * k));
                    p += k;
                }
                if (k < 8) {
                    run = value;
                    return p;
                }
            }
        }
        int c;
        while (p < limit && (c = at(p)) >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            p++;
        }
        run = value;
        return p;
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
        if (!eat('0')) {
            run = 0;
            i = digitRun(i, n);
            if (i == digitsFrom) {
                return false;
            }
            value = run;
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
     * char of the String. Which one is fixed for the cursor, so the branch is always predicted.
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
}
