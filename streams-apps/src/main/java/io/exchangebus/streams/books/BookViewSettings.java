package io.exchangebus.streams.books;

import java.time.Duration;
import java.util.Objects;

/**
 * How the top-N views of {@code state.books.v1} are cut and throttled.
 *
 * @param depth       levels per side in each view, at least 1
 * @param minInterval least time between two views of one book; zero publishes every change of the top levels
 */
public record BookViewSettings(int depth, Duration minInterval) {

    public BookViewSettings {
        if (depth < 1) {
            throw new IllegalArgumentException("Book view depth must be at least 1 but was " + depth);
        }
        Objects.requireNonNull(minInterval, "minInterval");
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("Book view minInterval must not be negative but was " + minInterval);
        }
    }
}
