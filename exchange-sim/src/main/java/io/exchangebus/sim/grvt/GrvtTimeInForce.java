package io.exchangebus.sim.grvt;

import java.util.Optional;

/**
 * GRVT's time in force with its EIP-712 {@code uint8} (grvt.md §8): whether the order book accepts it (else 2030) and
 * whether post-only may go with it (else 2032).
 */
enum GrvtTimeInForce {
    GOOD_TILL_TIME(1, true, true),
    ALL_OR_NONE(2, false, true),
    IMMEDIATE_OR_CANCEL(3, true, false),
    FILL_OR_KILL(4, true, false),
    RETAIL_PRICE_IMPROVEMENT(5, false, false);

    private final int code;
    private final boolean orderBook;
    private final boolean postOnlyAllowed;

    GrvtTimeInForce(int code, boolean orderBook, boolean postOnlyAllowed) {
        this.code = code;
        this.orderBook = orderBook;
        this.postOnlyAllowed = postOnlyAllowed;
    }

    int code() {
        return code;
    }

    boolean acceptedByOrderBook() {
        return orderBook;
    }

    boolean postOnlyAllowed() {
        return postOnlyAllowed;
    }

    /** By name ({@code GOOD_TILL_TIME}) or by number ({@code 1}, as some clients send it). */
    static Optional<GrvtTimeInForce> parse(String text) {
        for (GrvtTimeInForce t : values()) {
            if (t.name().equals(text) || Integer.toString(t.code).equals(text)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
