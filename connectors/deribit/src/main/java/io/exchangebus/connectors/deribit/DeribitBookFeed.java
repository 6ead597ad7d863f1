package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.book.FullBookManager;
import io.exchangebus.connectors.core.book.ResubscribingBookFeed;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Deribit's full-depth book ({@code book.{instrument}.raw} or {@code .100ms}), kept by core's
 * {@link ResubscribingBookFeed}: the stream's snapshot replaces the book ({@link FullBookManager#onStreamSnapshot});
 * each change goes to the manager as a diff whose previous id is {@code prev_change_id}, checked by core's
 * {@code PreviousIdLinkRule}: it must equal the last {@code change_id}. A snapshot is asked for by resubscribing
 * (unsubscribe, then subscribe once that is answered: Deribit then sends a new snapshot), as NautilusTrader does
 * (deribit.md §6). After a lost socket nothing is asked: the new socket resubscribes by itself and its first message
 * is the snapshot.
 */
final class DeribitBookFeed extends ResubscribingBookFeed<String> {

    /**
     * @param resubscribe unsubscribes and subscribes the channel again
     * @param timer       retries a failed resubscription
     */
    DeribitBookFeed(String channel, Function<String, CompletableFuture<? extends Result<?>>> resubscribe,
                    ScheduledExecutorService timer) {
        super(channel, resubscribe, timer);
    }
}
