package io.exchangebus.avro;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The one set of rules for reading decimal text into the model's {@code decimal(38, 18)}, exactly and never through
 * binary floating point. It lives here, beside {@link ExactDecimals#SCALE}, because {@code avro} is the lowest layer:
 * {@link ExactDecimals#parse} and the connectors' JSON reader ({@code connectors.core.number.ExactNumbers}) both use
 * it, so a value is accepted or refused the same way everywhere.
 *
 * <p>Grammar: JSON's number {@code -?digits(.digits)?([eE][+-]?digits)?}, also for the content of a JSON string
 * (exchanges send "65000.10", Deribit sends {@code 1.6e-7}). Refused: a leading {@code +}, {@code .5}, {@code 5.},
 * whitespace, {@code NaN}, {@code Infinity}, the empty text. Leading zeros ({@code "007"}) are accepted in text: the
 * value is unambiguous, and Binance's compact frame reader already reads them in strings (a JSON number token with
 * one never gets here, the tokenizer refuses it).
 *
 * <p>Range: the value must be held exactly by {@code decimal(38, 18)}: at most 20 integer digits, and no non-zero
 * digit beyond the 18th decimal place (trailing zeros beyond it are fine: {@code 1.50000000000000000000} reads as
 * 1.5). Negative values are the caller's business. The range is decided from the digit counts before any
 * {@link BigDecimal} is made, so {@code 1e999999999} costs no more than reading its text.
 *
 * <p>Scale of the result: the text's own scale ({@code "65000.01000000"} keeps 8) clamped to [0, 18], so a value
 * compares equal to what the text says and {@code equals} a plain reading of the same text whenever that has a scale
 * in range. Thread-safe, stateless. The plain path ({@link #plain}) allocates only the result.
 */
public final class DecimalText {
    /** Why a text was refused. */
    public enum Refusal {
        /** Not in the grammar. */
        NOT_A_NUMBER,
        /** A non-zero digit beyond the 18th decimal place. */
        TOO_MANY_DECIMALS,
        /** More than 20 integer digits. */
        BEYOND_RANGE
    }

    private static final int MAX_INTEGER_DIGITS = ExactDecimals.PRECISION - ExactDecimals.SCALE;
    private static final int MAX_LONG_DIGITS = 18;
    /** Saturation of an exponent: any larger magnitude already decides the answer for texts shorter than 2^31. */
    private static final long EXPONENT_CAP = 4_000_000_000L;
    private static final long[] POWERS = new long[MAX_LONG_DIGITS + 1];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private DecimalText() {
    }

    /**
     * The fast path: a plain decimal {@code -?digits(.digits)?} of at most 18 digits in {@code text[from, to)}, as
     * {@code unscaled * 10^-scale} with the text's scale; null for anything else (an exponent, more digits, a sign
     * other than a leading minus, {@code 5.}, {@code .5}), which {@link #parse} then reads or refuses. Such a value
     * always fits {@code decimal(38, 18)}. Allocates only the result.
     */
    public static BigDecimal plain(CharSequence text, int from, int to) {
        int i = from;
        boolean negative = i < to && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int point = -1;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_LONG_DIGITS) {
                    return null;
                }
                unscaled = unscaled * 10 + (c - '0');
            } else if (c == '.' && point < 0 && digits > 0) {
                point = i;
            } else {
                return null;
            }
        }
        int scale = point < 0 ? 0 : to - point - 1;
        if (digits == 0 || (point >= 0 && scale == 0)) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    /**
     * The exact value of {@code text[from, to)} at a scale in [0, 18], or null when it is refused
     * ({@link #refusal} says why, on the cold path).
     */
    public static BigDecimal parse(CharSequence text, int from, int to) {
        BigDecimal fast = plain(text, from, to);
        if (fast != null) {
            return fast;
        }
        return scan(text, from, to) instanceof BigDecimal value ? value : null;
    }

    /** Why {@link #parse} refuses {@code text[from, to)}; null when it does not. */
    public static Refusal refusal(CharSequence text, int from, int to) {
        return scan(text, from, to) instanceof Refusal refusal ? refusal : null;
    }

    /**
     * {@code value} at a scale in [0, 18] (its own scale, clamped), or null when {@code decimal(38, 18)} cannot hold
     * it exactly; for numbers a JSON tree already holds as {@link BigDecimal} or an integer.
     */
    public static BigDecimal fit(BigDecimal value) {
        return fitOrRefusal(value) instanceof BigDecimal fitted ? fitted : null;
    }

    /** Why {@link #fit} refuses {@code value}; null when it does not. */
    public static Refusal refusal(BigDecimal value) {
        return fitOrRefusal(value) instanceof Refusal refusal ? refusal : null;
    }

    private static Object fitOrRefusal(BigDecimal value) {
        if (value.signum() == 0) {
            return value.setScale(clamp(value.scale()));
        }
        if ((long) value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            return Refusal.BEYOND_RANGE;
        }
        if (value.scale() > ExactDecimals.SCALE && value.stripTrailingZeros().scale() > ExactDecimals.SCALE) {
            return Refusal.TOO_MANY_DECIMALS;
        }
        int scale = clamp(value.scale());
        return scale == value.scale() ? value : value.setScale(scale, RoundingMode.UNNECESSARY);
    }

    /** The value (a BigDecimal) or why not (a Refusal): one walk for both, so the two can never disagree. */
    private static Object scan(CharSequence text, int from, int to) {
        int i = from;
        boolean negative = i < to && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        int intFrom = i;
        i = digits(text, i, to);
        int intTo = i;
        if (intTo == intFrom) {
            return Refusal.NOT_A_NUMBER;
        }
        int fracFrom = i;
        int fracTo = i;
        if (i < to && text.charAt(i) == '.') {
            fracFrom = i + 1;
            fracTo = digits(text, fracFrom, to);
            if (fracTo == fracFrom) {
                return Refusal.NOT_A_NUMBER;
            }
            i = fracTo;
        }
        long exponent = 0;
        if (i < to && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            boolean negativeExponent = i < to && text.charAt(i) == '-';
            if (i < to && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                i++;
            }
            int expFrom = i;
            for (; i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
                exponent = Math.min(EXPONENT_CAP, exponent * 10 + (text.charAt(i) - '0'));
            }
            if (i == expFrom) {
                return Refusal.NOT_A_NUMBER;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (i != to) {
            return Refusal.NOT_A_NUMBER;
        }
        return value(new Digits(text, intFrom, intTo, fracFrom, fracTo), negative, fracTo - fracFrom - exponent);
    }

    /**
     * The value of {@code digits * 10^-scale}, decided from positions: the first and last non-zero digit give the
     * integer digits and the decimals needed, so nothing is built for a refusal.
     */
    private static Object value(Digits d, boolean negative, long scale) {
        int length = d.length();
        int first = 0;
        while (first < length && d.at(first) == '0') {
            first++;
        }
        if (first == length) {
            return BigDecimal.valueOf(0, clamp(scale));
        }
        int last = length - 1;
        while (d.at(last) == '0') {
            last--;
        }
        if (length - first - scale > MAX_INTEGER_DIGITS) {
            return Refusal.BEYOND_RANGE;
        }
        if (scale - (length - 1 - last) > ExactDecimals.SCALE) {
            return Refusal.TOO_MANY_DECIMALS;
        }
        int target = clamp(scale);
        // Digits dropped (only zeros, beyond the 18th place) or zeros appended (a positive exponent).
        int end = (int) (length - Math.max(0, scale - target));
        int append = (int) Math.max(0, target - scale);
        return build(d, negative, first, end, append, target);
    }

    /** {@code ±digits[first, end) * 10^append} at {@code scale}: at most 38 digits, in a long up to 18. */
    private static BigDecimal build(Digits d, boolean negative, int first, int end, int append, int scale) {
        if (end - first + append <= MAX_LONG_DIGITS) {
            long unscaled = 0;
            for (int k = first; k < end; k++) {
                unscaled = unscaled * 10 + (d.at(k) - '0');
            }
            unscaled *= POWERS[append];
            return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
        }
        StringBuilder sb = new StringBuilder(end - first + append + 1);
        if (negative) {
            sb.append('-');
        }
        for (int k = first; k < end; k++) {
            sb.append(d.at(k));
        }
        sb.append("0".repeat(append));
        return new BigDecimal(new BigInteger(sb.toString()), scale);
    }

    private static int clamp(long scale) {
        return (int) Math.max(0, Math.min(ExactDecimals.SCALE, scale));
    }

    private static int digits(CharSequence text, int i, int to) {
        while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** The integer and fraction digits as one sequence, without the point. */
    private record Digits(CharSequence text, int intFrom, int intTo, int fracFrom, int fracTo) {
        int length() {
            return intTo - intFrom + fracTo - fracFrom;
        }

        char at(int k) {
            int integer = intTo - intFrom;
            return k < integer ? text.charAt(intFrom + k) : text.charAt(fracFrom + k - integer);
        }
    }
}
