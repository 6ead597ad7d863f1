package io.exchangebus.connectors.core.book;

import java.time.Instant;
import java.util.List;

/**
 * The best {@code depth} levels of each side at one update id, as a {@link TopNPublisher} emits them.
 *
 * @param sequence     the update id the view reflects
 * @param bids         at most {@code depth} bids, best first (unmodifiable)
 * @param asks         at most {@code depth} asks, best first (unmodifiable)
 * @param resync       true on the first view after a gap or reset: consumers start again from it
 * @param exchangeTime exchange time of the last update folded in; null when the exchange does not say
 */
public record TopNBook(int depth, long sequence, List<Level> bids, List<Level> asks, boolean resync,
                       Instant exchangeTime) {
}
