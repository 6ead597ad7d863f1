package io.exchangebus.connectors.core.role;

import java.util.List;
import java.util.Optional;

/**
 * One page of a paged answer.
 *
 * @param items this page's items
 * @param nextCursor what to ask for the next page with, or null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
