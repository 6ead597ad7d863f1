package io.exchangebus.connectors.core.ws;

import io.exchangebus.avro.DecimalText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The characters of one text frame read by index, whether it came as its UTF-8 bytes
 * ({@link WsHandler#readsTextAsBytes()}) or as a String: what a venue's compact frame reader walks, so that one
 * grammar reads both without a String being made of the bytes.
 *
 * <p>Only ASCII is read from bytes: {@link #at} gives a byte above 0x7F as a negative number, so it never matches a
 * character of JSON's syntax, a digit or a printable ASCII character, and a reader that refuses characters below
 * 0x20 in strings refuses it too. A frame holding one is then left to the reader's general path (which decodes the
 * text), so a frame read from its bytes gives exactly what it gives read from its String. {@link #text} of bytes is
 * only for ASCII ranges. Not thread-safe; one per frame; the bytes are only read, never kept beyond the frame.
 */
public final class FrameText {

    /** The frame as UTF-8 bytes, or null when it is read from {@link #chars}. */
    private final byte[] bytes;
    private final String chars;
    private final int length;

    private FrameText(byte[] bytes, String chars, int length) {
        this.bytes = bytes;
        this.chars = chars;
        this.length = length;
    }

    /** The characters of {@code frame}. */
    public static FrameText of(String frame) {
        return new FrameText(null, frame, frame.length());
    }

    /** The bytes of the UTF-8 {@code frame}, all of the array. */
    public static FrameText of(byte[] frame) {
        return new FrameText(frame, null, frame.length);
    }

    /** Whether this is read from bytes. */
    public boolean isBytes() {
        return bytes != null;
    }

    /** The number of bytes, or of chars. */
    public int length() {
        return length;
    }

    /**
     * The character at {@code p}: a char of the String, or a byte, negative above 0x7F (so no part of a multi-byte
     * sequence is ever taken for ASCII). Which one is fixed for the frame, so the branch is always predicted.
     */
    public int at(int p) {
        return bytes != null ? bytes[p] : chars.charAt(p);
    }

    /**
     * For the opening quote at {@code from}: the index of the closing one; -1 if there is none, or if the string
     * holds an escape, a control character, a byte above 0x7F or a surrogate (of a pair, too). A compact reader then
     * leaves the frame to its general path, which decodes the text and decides about it.
     */
    public int stringEnd(int from) {
        for (int j = from + 1; j < length; j++) {
            int c = at(j);
            if (c == '"') {
                return j;
            }
            if (c == '\\' || c < 0x20 || Character.isSurrogate((char) c)) {
                return -1;
            }
        }
        return -1;
    }

    /** Whether the ASCII {@code word} stands at {@code from}. */
    public boolean startsWith(String word, int from) {
        if (bytes == null) {
            return chars.startsWith(word, from);
        }
        int n = word.length();
        if (from < 0 || from + n > length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (bytes[from + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Where the ASCII {@code word} first stands at or after {@code from}; -1 if nowhere. */
    public int indexOf(String word, int from) {
        if (bytes == null) {
            return chars.indexOf(word, from);
        }
        for (int p = Math.max(from, 0), last = length - word.length(); p <= last; p++) {
            if (startsWith(word, p)) {
                return p;
            }
        }
        return -1;
    }

    /** Where the ASCII {@code c} first stands at or after {@code from}; -1 if nowhere. */
    public int indexOf(char c, int from) {
        if (bytes == null) {
            return chars.indexOf(c, from);
        }
        for (int p = Math.max(from, 0); p < length; p++) {
            if (bytes[p] == c) {
                return p;
            }
        }
        return -1;
    }

    /** The text of {@code [from, to)}, a new String; from bytes, only for a range the caller has seen is ASCII. */
    public String text(int from, int to) {
        return bytes != null ? new String(bytes, from, to - from, StandardCharsets.ISO_8859_1)
                : chars.substring(from, to);
    }

    /**
     * The integer of {@code [from, to)}, an optional {@code -} then digits the caller has checked, at most 18 (or 19
     * not above {@link Long#MAX_VALUE}): as {@link Long#parseLong(CharSequence, int, int, int)} reads them.
     */
    public long parseLong(int from, int to) {
        if (bytes == null) {
            return Long.parseLong(chars, from, to, 10);
        }
        boolean negative = from < to && bytes[from] == '-';
        long value = 0;
        for (int p = negative ? from + 1 : from; p < to; p++) {
            value = value * 10 + (bytes[p] - '0');
        }
        return negative ? -value : value;
    }

    /**
     * {@link DecimalText#parse(CharSequence, int, int)} of {@code [from, to)}: the same value and scale, or null.
     * From bytes, the plain form ({@code -?digits(.digits)?}, at most 18 digits) is read in place with
     * {@link DecimalText#plain}'s rules; any other text (an exponent, more digits, a refusal) is handed to
     * {@link DecimalText} as ASCII text, off the hot path.
     */
    public BigDecimal decimal(int from, int to) {
        if (bytes == null) {
            return DecimalText.parse(chars, from, to);
        }
        BigDecimal plain = plain(from, to);
        return plain != null ? plain : DecimalText.parse(text(from, to), 0, to - from);
    }

    /** {@link DecimalText#plain} over bytes: null where it answers null. */
    private BigDecimal plain(int from, int to) {
        int p = from;
        boolean negative = p < to && bytes[p] == '-';
        if (negative) {
            p++;
        }
        long unscaled = 0;
        int digits = 0;
        int point = -1;
        for (; p < to; p++) {
            int c = bytes[p];
            if (c >= '0' && c <= '9') {
                if (++digits > 18) {
                    return null;
                }
                unscaled = unscaled * 10 + (c - '0');
            } else if (c == '.' && point < 0 && digits > 0) {
                point = p;
            } else {
                return null;
            }
        }
        int scale = point < 0 ? 0 : to - point - 1;
        if (digits == 0 || point >= 0 && scale == 0) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    /** The frame as a String: the String it was read from, or its bytes decoded (U+FFFD for a malformed sequence). */
    @Override
    public String toString() {
        return bytes != null ? new String(bytes, StandardCharsets.UTF_8) : chars;
    }
}
