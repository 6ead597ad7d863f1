package io.exchangebus.service.config;

import java.util.Optional;

/**
 * A check of one key's parsed value.
 *
 * @param <T> the key's value type
 */
@FunctionalInterface
public interface ConfigValidator<T> {
    /** What is wrong with {@code value} (e.g. {@code must be >= 0, was -3}), or empty if it is acceptable. */
    Optional<String> problem(T value);

    /** A validator that accepts anything. */
    static <T> ConfigValidator<T> none() {
        return value -> Optional.empty();
    }
}
