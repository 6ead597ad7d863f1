package io.exchangebus.sim.engine;

import java.time.Instant;
import java.util.List;

/**
 * What the engine tells exchange simulators, in the order things happened within one command. A command that
 * changes the book ends with exactly one {@link BookDiff}.
 */
public sealed interface EngineEvent {

    Instant time();

    /** Accepted into the engine (a stop order: accepted and waiting for its trigger). */
    record OrderAccepted(OrderState order, Instant time) implements EngineEvent {
    }

    /** Refused; {@code order} has status REJECTED and its reason. Nothing changed. */
    record OrderRejected(OrderState order, RejectReason reason, Instant time) implements EngineEvent {
    }

    /** A stop order's trigger was reached; it now enters the book as a limit or market order. */
    record OrderTriggered(OrderState order, Instant time) implements EngineEvent {
    }

    /** One side of a fill, seen from {@code order} (after the fill). */
    record OrderFilled(OrderState order, Fill fill, Liquidity liquidity, Instant time) implements EngineEvent {
    }

    record OrderCanceled(OrderState order, CancelReason reason, Instant time) implements EngineEvent {
    }

    /** A resting order's price or quantity changed; {@code keptPriority} says whether it kept its place. */
    record OrderAmended(OrderState order, boolean keptPriority, Instant time) implements EngineEvent {
    }

    /** An amend or cancel the engine refused; the order (if known) is unchanged. */
    record CommandRejected(long orderId, String account, RejectReason reason, Instant time) implements EngineEvent {
    }

    /** The public trade print of a fill. */
    record TradePrinted(Fill fill, Instant time) implements EngineEvent {
    }

    /**
     * The levels one command changed, with their new total quantity (zero: level removed). Every single change to
     * the book takes the next update id, so {@code firstUpdateId..lastUpdateId} covers this diff and
     * {@code previousUpdateId} is the previous diff's {@code lastUpdateId} (0 before the first): enough to render
     * Binance's {@code U}/{@code u}/{@code pu} or Deribit's {@code change_id}/{@code prev_change_id}.
     */
    record BookDiff(String symbol, long previousUpdateId, long firstUpdateId, long lastUpdateId,
                    List<PriceLevel> bids, List<PriceLevel> asks, Instant time) implements EngineEvent {

        public BookDiff {
            bids = List.copyOf(bids);
            asks = List.copyOf(asks);
        }
    }
}
