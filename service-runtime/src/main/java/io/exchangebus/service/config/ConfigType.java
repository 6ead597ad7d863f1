package io.exchangebus.service.config;

/**
 * How the text of a configuration value becomes a typed value. Scalars arrive as the exact text written in YAML or
 * in the environment (never through {@code double}); lists as their items; pass-through maps as their entries.
 *
 * @param <T> the Java type a key of this type yields
 */
public interface ConfigType<T> {
    /** The form a value takes in YAML. */
    enum Shape { SCALAR, LIST, MAP }

    /** The type's name as the configuration reference shows it, e.g. {@code duration}. */
    String name();

    /** The form a value takes in YAML; scalars unless said otherwise. */
    default Shape shape() {
        return Shape.SCALAR;
    }

    /**
     * Converts a raw value: a {@code String} for scalars, a {@code List<String>} for lists, a
     * {@code Map<String, String>} for maps.
     *
     * @throws IllegalArgumentException with a message that says what was expected; the message may repeat the
     *     text only where it cannot be a secret
     */
    T convert(Object raw);

    /** How a value of this type is shown in {@code toString} and the reference; secrets' types override it. */
    default String show(T value) {
        return String.valueOf(value);
    }
}
