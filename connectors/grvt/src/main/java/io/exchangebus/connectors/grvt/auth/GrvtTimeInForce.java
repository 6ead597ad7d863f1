package io.exchangebus.connectors.grvt.auth;

import java.util.Optional;

/**
 * GRVT's time in force, with the number the signed {@code Order} carries ({@code uint8}). Which books accept which,
 * and which allow post-only, is in grvt.md §8 (errors 2030, 2032).
 */
public enum GrvtTimeInForce {
    GOOD_TILL_TIME(1),
    ALL_OR_NONE(2),
    IMMEDIATE_OR_CANCEL(3),
    FILL_OR_KILL(4),
    RETAIL_PRICE_IMPROVEMENT(5);

    private final int code;

    GrvtTimeInForce(int code) {
        this.code = code;
    }

    /** The value signed as {@code timeInForce}. */
    public int code() {
        return code;
    }

    /** GRVT's name ({@code "GOOD_TILL_TIME"}); empty for an unknown one, which is never defaulted. */
    public static Optional<GrvtTimeInForce> ofName(String name) {
        for (GrvtTimeInForce t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
