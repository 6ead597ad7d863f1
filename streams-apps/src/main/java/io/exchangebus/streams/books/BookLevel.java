package io.exchangebus.streams.books;

import io.exchangebus.events.PriceLevel;

/**
 * One level of a {@link FullDepthBook}: the event's own {@link PriceLevel} (handed to views as it is, never
 * modified) and the level's bytes in the stored format ({@link StoredBookSerde}).
 *
 * <p>Why the bytes: the whole book is written to its store after every update, and a book holds thousands of
 * levels while an update changes a few. Encoding a level once, when it is set, makes writing the book a run of array
 * copies instead of thousands of decimal conversions per update.
 */
final class BookLevel {
    final PriceLevel level;
    final byte[] encoded;

    BookLevel(PriceLevel level, byte[] encoded) {
        this.level = level;
        this.encoded = encoded;
    }

    /** A level with its encoding; the price and quantity must fit the event model's {@code decimal(38, 18)}. */
    static BookLevel of(PriceLevel level) {
        return new BookLevel(level, StoredBookSerde.encodeLevel(level));
    }
}
