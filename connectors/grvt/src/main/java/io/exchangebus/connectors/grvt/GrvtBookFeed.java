package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.book.FullBookManager;
import io.exchangebus.connectors.core.book.ResubscribingBookFeed;
import io.exchangebus.connectors.grvt.ws.GrvtChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * GRVT's full-depth book from {@code v1.book.d} (grvt.md §6), kept by core's {@link ResubscribingBookFeed}: the first
 * payload, sequence 0, is the whole book and replaces it ({@link FullBookManager#onStreamSnapshot}); each delta's
 * previous id is its {@code prev_sequence_number}, judged by core's
 * {@link io.exchangebus.connectors.core.book.PreviousIdLinkRule#RESTARTING}: a repeat of the last number is dropped,
 * a jump or a decrease (a restarted gateway) is a gap. A snapshot is asked for by subscribing again, which GRVT
 * answers with a new snapshot at 0. A snapshot arriving unasked (a gateway restart) replaces the book all the same.
 */
final class GrvtBookFeed extends ResubscribingBookFeed<GrvtChannel> {

    GrvtBookFeed(GrvtChannel channel, Function<GrvtChannel, CompletableFuture<Result<Void>>> resubscribe,
                 ScheduledExecutorService timer) {
        super(channel, resubscribe, timer);
    }
}
