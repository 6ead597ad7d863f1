package io.exchangebus.connectors.grvt.mapping;

import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.connectors.core.ws.FrameText;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A cursor over the characters of one GRVT frame ({@link FrameText}: its UTF-8 bytes or its String) that reads the
 * tokens {@link CompactFrameReader}'s grammar is made of: punctuation, keys, strings without escapes, sequence
 * numbers and unix times in ns as digit strings, decimal strings, {@code num_orders}, booleans, and the scalars of
 * fields the grammar skips. It knows no field of any GRVT message.
 *
 * <p>Every read answers false, -1 or null when its token is not there, or is one the tree path might read
 * differently; what the cursor then holds is unspecified, and the frame is left to the tree path. From bytes, only
 * ASCII is read: a byte above 0x7F is negative in {@link FrameText#at}, so a string holding one is refused (as a
 * control character is). The per-character loops stay in this final class over {@link FrameText} (a final class
 * too), so nothing on them dispatches through an interface.
 *
 * <p>One instance per frame, not shared.
 */
final class FrameCursor {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final String LONG_MAX = Long.toString(Long.MAX_VALUE);
    /** Longer numbers in fields we skip are left to the tree path (Jackson has its own length limit). */
    private static final int MAX_SKIPPED_NUMBER = 100;

    private final FrameText s;
    private int i;
    /** The last key read by {@link #key}: {@code s[keyFrom, keyTo)}. */
    private int keyFrom;
    private int keyTo;

    /** A cursor over {@code s} at {@code i}. */
    FrameCursor(FrameText s, int i) {
        this.s = s;
        this.i = i;
    }

    /** Consumes {@code c} if it is next. */
    boolean take(char c) {
        if (i < s.length() && s.at(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    /** Whether every character has been read. */
    boolean atEnd() {
        return i == s.length();
    }

    /** A key (a string without escapes) and its colon; {@link #is} then asks what it was. */
    boolean key() {
        int from = i + 1;
        int to = stringEnd();
        if (to < 0) {
            return false;
        }
        keyFrom = from;
        keyTo = to;
        return take(':');
    }

    /** Whether the last key, {@code s[keyFrom, keyTo)}, is {@code name}. */
    boolean is(String name) {
        return keyTo - keyFrom == name.length() && s.startsWith(name, keyFrom);
    }

    /**
     * At an opening quote: the index of the closing one, the position then just after it; -1 if there is none or the
     * string holds what {@link FrameText#stringEnd} refuses (the caller gives up).
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

    /** A non-empty string without escapes; null otherwise (the tree path refuses an empty one). */
    String text() {
        int from = i + 1;
        int to = stringEnd();
        return to <= from ? null : s.text(from, to);
    }

    /** A string of 1 to {@code maxDigits} digits, its value; -1 otherwise. */
    long whole(int maxDigits) {
        int from = i + 1;
        int to = stringEnd();
        if (to <= from || to - from > maxDigits || !digits(from, to)) {
            return -1;
        }
        return s.parseLong(from, to);
    }

    /** A unix time in ns as a string of 1 to 19 digits within a long; null otherwise. */
    Instant nanos() {
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
    boolean count() {
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
    BigDecimal decimal(String field, ValueRange range) {
        int from = i + 1;
        int to = stringEnd();
        if (to < 0) {
            return null;
        }
        BigDecimal value = s.decimal(from, to);
        return value == null || !range.admits(value) ? null : ExactDecimals.exact(field, value);
    }

    Boolean bool() {
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
    boolean skipScalar() {
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
