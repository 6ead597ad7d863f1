package io.exchangebus.connectors.binance.mapping;

import java.math.BigDecimal;

/** Binance's usual decimal text ("65000.01000000") to an exact {@link BigDecimal} without the general parser. */
final class PlainDecimal {
    private PlainDecimal() {
    }

    /**
     * The plain decimal {@code [-]digits[.digits]} of at most 18 digits in {@code text[from, to)} as
     * {@code unscaled * 10^-scale}, exact, keeping the text's scale; null for anything else (an exponent, a sign
     * other than a leading minus, more digits, "5."), which {@link BigDecimal}'s own parser then reads or refuses.
     */
    static BigDecimal parse(CharSequence text, int from, int to) {
        int i = from;
        boolean negative = i < to && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                unscaled = unscaled * 10 + (c - '0');
                digits++;
            } else if (c == '.' && scale < 0) {
                scale = to - i - 1;
            } else {
                return null;
            }
        }
        if (digits == 0 || digits > 18 || scale == 0) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, Math.max(scale, 0));
    }
}
