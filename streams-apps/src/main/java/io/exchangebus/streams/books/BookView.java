package io.exchangebus.streams.books;

import io.exchangebus.events.BookUpdate;

/**
 * A book as held in the local store, for queries.
 *
 * @param key   {@code exchange:symbol}
 * @param stale true when a sequence gap was seen and no snapshot has come since: the levels are unknown
 * @param top   the top levels as a SNAPSHOT {@link BookUpdate} (sequence of the last applied update); null when stale
 */
public record BookView(String key, boolean stale, BookUpdate top) {
}
