package io.exchangebus.service.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/** Common validators, with messages in the form the start-up report uses. */
public final class Validators {
    private Validators() {
    }

    /** A whole number at least {@code min}. */
    public static <N extends Number> ConfigValidator<N> atLeast(long min) {
        return value -> value.longValue() >= min ? Optional.empty()
                : Optional.of("must be >= " + min + ", was " + value);
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    public static <N extends Number> ConfigValidator<N> between(long min, long max) {
        return value -> value.longValue() >= min && value.longValue() <= max ? Optional.empty()
                : Optional.of("must be from " + min + " to " + max + ", was " + value);
    }

    /** A decimal greater than zero. */
    public static ConfigValidator<BigDecimal> positiveDecimal() {
        return value -> value.signum() > 0 ? Optional.empty()
                : Optional.of("must be > 0, was " + value.toPlainString());
    }

    /** A duration greater than zero. */
    public static ConfigValidator<Duration> positiveDuration() {
        return value -> !value.isZero() && !value.isNegative() ? Optional.empty()
                : Optional.of("must be longer than 0, was " + ConfigTypes.showDuration(value));
    }

    /** A string that is not blank. */
    public static ConfigValidator<String> notBlank() {
        return value -> value.isBlank() ? Optional.of("must not be blank") : Optional.empty();
    }

    /** The whole text matches {@code regex}; else "must be {@code what}". */
    public static ConfigValidator<String> matches(String regex, String what) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        return value -> pattern.matcher(value).matches() ? Optional.empty() : Optional.of("must be " + what);
    }
}
