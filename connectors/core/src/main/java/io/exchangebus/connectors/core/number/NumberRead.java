package io.exchangebus.connectors.core.number;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@link ExactNumbers} read from one field: its exact value, or a refusal naming the field. A refusal is a value
 * so that each mapping turns it into its own malformed-message error (Binance: {@code UnmappableMessageException}).
 */
public sealed interface NumberRead permits NumberRead.Exact, NumberRead.Refused {

    /** Why a field was refused. */
    enum Reason {
        /** Absent, or JSON null. */
        MISSING("is missing"),
        /** Not in JSON's number grammar (as a number or as a string's content), or not a scalar. */
        NOT_A_NUMBER("is not a number"),
        /** A JSON tree that holds the number as a double: its digits are already lost (see {@link ExactNumbers}). */
        BINARY_FLOAT("was read as a binary double; read JSON with ExactNumbers.configure"),
        /** A non-zero digit beyond the 18th decimal place. */
        TOO_MANY_DECIMALS("has more than 18 decimal places for decimal(38,18)"),
        /** More than 20 integer digits. */
        BEYOND_RANGE("is beyond decimal(38,18)"),
        /** Below zero where the venue defines the field as a size, an amount or a count ({@link ValueRange}). */
        NEGATIVE("is negative"),
        /** Zero or below where the field is a price or a size that cannot be zero ({@link ValueRange}). */
        NOT_POSITIVE("is not above zero");

        private final String words;

        Reason(String words) {
            this.words = words;
        }
    }

    /** The exact value, at a scale in [0, 18]. */
    record Exact(BigDecimal value) implements NumberRead {
        public Exact {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A refusal.
     *
     * @param field  the field's name as the venue spells it
     * @param text   what was there, shortened to 64 characters; empty when missing
     * @param reason why
     */
    record Refused(String field, String text, Reason reason) implements NumberRead {
        private static final int SHOWN = 64;

        public Refused {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(reason, "reason");
            text = text == null ? "" : text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
        }

        /** For instance {@code price: 1e400 is beyond decimal(38,18)}. */
        public String message() {
            if (reason == Reason.MISSING) {
                return field + " " + reason.words;
            }
            String shown = reason == Reason.NOT_A_NUMBER ? "'" + text + "'" : text;
            return field + ": " + shown + " " + reason.words;
        }
    }

    default boolean isExact() {
        return this instanceof Exact;
    }

    /** The value; throws if refused (a bug in the caller, who should have checked). */
    default BigDecimal value() {
        if (this instanceof Exact exact) {
            return exact.value();
        }
        throw new IllegalStateException(((Refused) this).message());
    }

    /** The value, or the caller's own error for the refusal. */
    default BigDecimal orElseThrow(Function<? super Refused, ? extends RuntimeException> error) {
        if (this instanceof Exact exact) {
            return exact.value();
        }
        throw error.apply((Refused) this);
    }
}
