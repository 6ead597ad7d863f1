package io.exchangebus.connectors.core.role;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Public market data over WebSocket (used by {@code ingest}). Subscriptions survive reconnects: the connector
 * restores them and resynchronises books by itself, emitting a snapshot with {@code resync = true}.
 */
public interface Subscriber extends ExchangeRole {

    /** Receives market data. Called on the connector's delivery thread, never the socket's: return quickly. */
    interface Listener extends ConnectionListener {
        void onBookUpdate(BookUpdate update);

        void onTrade(Trade trade);

        /** A frame that could not be mapped, with its raw text. */
        void onMalformedFrame(MalformedFrame frame);

        /**
         * Every frame as received, before it is mapped, for audit and replay: {@code channel} is the stream it came
         * on (or the connection's name when the frame names none), {@code symbol} the exchange's symbol it is about
         * ({@code null} for frames about no one instrument, such as replies, or that could not be read).
         * Called before the events mapped from it; does nothing unless overridden.
         */
        default void onRawFrame(String channel, String symbol, String payload, Instant receiveTime) {
        }

        /**
         * Whether {@link #onRawFrame} does anything with the frames: a connector that reads frames as bytes makes
         * the text of each only for a listener that does. True unless overridden.
         */
        default boolean takesRawFrames() {
            return true;
        }
    }

    /** Connects; events go to {@code listener} from then on. Completes when connected. */
    CompletableFuture<Result<Void>> connect(Listener listener);

    /**
     * Subscribes to a book. {@code topN} > 0 with an interval uses the exchange's own depth-limited channel where
     * it has one ({@link Capability#BOOK_TOP_N_CHANNEL}), else the full book cut to N; {@code topN} = 0 is full
     * depth, synchronised from a snapshot and the diff stream.
     */
    CompletableFuture<Result<Subscription>> subscribeOrderBook(InstrumentId instrument, int topN, Duration interval);

    CompletableFuture<Result<Subscription>> subscribeTrades(InstrumentId instrument);

    CompletableFuture<Result<Void>> unsubscribe(Subscription subscription);

    /**
     * How this connector numbers each instrument's trades, on the stream and in {@link #tradesAfter}: what a skipped
     * number means and which number the history is paged by. Declared by the connector, since the meaning of an
     * exchange's trade ids is the connector's knowledge; the default, {@link TradeSequencing#NONE}, claims nothing
     * (no gap detection, no backfill, repeats by trade id only). Constant for the Subscriber's life.
     */
    default TradeSequencing tradeSequencing() {
        return TradeSequencing.NONE;
    }

    /**
     * The public trades of {@code instrument} that came after {@code lastTradeId}, oldest first, at most
     * {@code limit} of them (the exchange may cap it lower): the same {@link Trade} events, with the same trade ids,
     * as {@link #subscribeTrades} delivers, for filling a gap the stream left (a restart, a reconnect). Fewer than
     * {@code limit} means caught up with what the exchange has now; an exchange keeps only so much history, so the
     * first id answered may be later than the one asked for. Needs {@link Capability#TRADE_HISTORY}; without it the
     * answer is an {@link ExchangeError#unsupported unsupported} error. Does not need {@link #connect}.
     *
     * @param lastTradeId the last trade already had, by its {@link TradeSequencing#position position} under
     *                    {@link #tradeSequencing()} in decimal: its trade id for
     *                    {@link TradeSequencing#CONSECUTIVE_TRADE_ID}, its {@link Trade#getTradeSequence() sequence}
     *                    for {@link TradeSequencing#CONSECUTIVE_TRADE_SEQUENCE}
     * @param limit the most trades wanted, at least 1
     */
    default CompletableFuture<Result<List<Trade>>> tradesAfter(InstrumentId instrument, String lastTradeId,
                                                              int limit) {
        return CompletableFuture.completedFuture(
                Result.err(ExchangeError.unsupported(exchange(), Capability.TRADE_HISTORY.name())));
    }

    /**
     * The exchange's ticker of {@code instrument} (best quotes, last, mark and index prices, funding, open interest;
     * an option's implied volatilities and greeks where the exchange sends them), each to {@code consumer} on the
     * connector's delivery thread; the returned handle's {@link Runnable#run} unsubscribes. An exchange whose
     * connector has no ticker stream answers an {@link ExchangeError#unsupported unsupported} error (the default).
     * Not part of the four roles of the design: {@code ingest} publishes what it gets to {@code market.tickers.v1}
     * when a subscription asks for tickers.
     */
    default CompletableFuture<Result<Runnable>> subscribeTicker(InstrumentId instrument, Consumer<Ticker> consumer) {
        return CompletableFuture.completedFuture(Result.err(ExchangeError.unsupported(exchange(), "TICKER")));
    }
}
