package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Where the engine books money: reservations for resting and incoming orders, and settlement of fills. The engine
 * calls it while holding its own lock; an implementation shared by several engines must be thread-safe and must
 * never call back into an engine (lock order: engine, then ledger).
 *
 * <p>{@code lockPrice} is the price the reservation was made at: a buy limit order's price, or for a market buy the
 * worst price the engine expects to reach. It is null for sells that need no price (market sells).
 */
public interface Ledger {

    /** Reserve what an order of {@code quantity} needs, or say why not. Nothing is reserved on refusal. */
    Optional<RejectReason> reserve(Instrument instrument, String account, Side side, BigDecimal quantity,
                                   BigDecimal lockPrice);

    /** Give back the reservation of {@code quantity} that will not fill (cancel, expiry, amend down). */
    void release(Instrument instrument, String account, Side side, BigDecimal quantity, BigDecimal lockPrice);

    /** Move assets (or positions and PnL) for one fill, including both fees, consuming both reservations. */
    void settle(Instrument instrument, Fill fill, BigDecimal makerLockPrice, BigDecimal takerLockPrice);

    /** A ledger that accepts everything and books nothing: the engine alone, as in pure matching tests. */
    Ledger NONE = new Ledger() {
        @Override
        public Optional<RejectReason> reserve(Instrument instrument, String account, Side side, BigDecimal quantity,
                                              BigDecimal lockPrice) {
            return Optional.empty();
        }

        @Override
        public void release(Instrument instrument, String account, Side side, BigDecimal quantity,
                            BigDecimal lockPrice) {
        }

        @Override
        public void settle(Instrument instrument, Fill fill, BigDecimal makerLockPrice, BigDecimal takerLockPrice) {
        }
    };
}
