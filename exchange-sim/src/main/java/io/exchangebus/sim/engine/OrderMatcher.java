package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The matching itself for one {@link MatchingEngine}: admits new and triggered orders, trades them against the book,
 * fires stops and closes orders, adding each event and level change to the running {@link EngineCommand}. The rules
 * it follows (price-time priority, fills at the resting order's price, stop triggers, trade ids) are the engine's and
 * documented there. It works on the engine's own book, waiting stops and closed orders, and like them is used only
 * under the engine's lock.
 */
final class OrderMatcher {

    private final Instrument instrument;
    private final Ledger ledger;
    private final LongSupplier tradeIds;
    private final OrderBook book;
    private final List<Order> stops;
    private final Map<Long, Order> closed;

    private long lastTradeSeq;
    private BigDecimal lastTradePrice;

    OrderMatcher(Instrument instrument, Ledger ledger, LongSupplier tradeIds, OrderBook book, List<Order> stops,
                 Map<Long, Order> closed) {
        this.instrument = instrument;
        this.ledger = ledger;
        this.tradeIds = tradeIds;
        this.book = book;
        this.stops = stops;
        this.closed = closed;
    }

    /** The price of the last fill; null before the first. */
    BigDecimal lastTradePrice() {
        return lastTradePrice;
    }

    /** Admits a new (or just triggered) order: post-only and funds checks, then FOK check, then matching. */
    boolean enter(EngineCommand command, Order order) {
        BigDecimal limit = order.isMarket() ? null : order.price;
        if (order.timeInForce == TimeInForce.POST_ONLY && book.wouldCross(order.side, limit)) {
            reject(command, order, RejectReason.POST_ONLY_WOULD_CROSS);
            return false;
        }
        order.lockPrice = order.isMarket() ? book.worstPrice(order.side, order.remaining()) : order.price;
        if (order.isMarket() && order.lockPrice == null) {
            // Nothing to take: no reservation, but an unknown account is still refused.
            Optional<RejectReason> known = ledger.reserve(instrument, order.account, order.side, BigDecimal.ZERO,
                    BigDecimal.ZERO);
            if (known.isPresent()) {
                reject(command, order, known.get());
                return false;
            }
            acceptOrTrigger(command, order);
            finish(command, order, CancelReason.IMMEDIATE_REMAINDER);
            return true;
        }
        Optional<RejectReason> funds = ledger.reserve(instrument, order.account, order.side, order.remaining(),
                order.lockPrice);
        if (funds.isPresent()) {
            reject(command, order, funds.get());
            return false;
        }
        acceptOrTrigger(command, order);
        if (order.timeInForce == TimeInForce.FOK
                && book.fillable(order.side, limit, order.remaining()).compareTo(order.remaining()) < 0) {
            ledger.release(instrument, order.account, order.side, order.remaining(), order.lockPrice);
            finish(command, order, CancelReason.FOK_NOT_FILLABLE);
            return true;
        }
        match(command, order);
        return true;
    }

    private void acceptOrTrigger(EngineCommand command, Order order) {
        order.status = OrderStatus.NEW;
        command.events.add(order.triggered ? new EngineEvent.OrderTriggered(order.state(symbol()), command.now)
                : new EngineEvent.OrderAccepted(order.state(symbol()), command.now));
    }

    /** Takes liquidity while the order crosses, then rests the remainder or cancels it by its time in force. */
    void match(EngineCommand command, Order taker) {
        BigDecimal limit = taker.isMarket() ? null : taker.price;
        while (taker.remaining().signum() > 0) {
            OrderBook.Level level = book.best(taker.side.opposite());
            if (level == null || !OrderBook.crosses(taker.side, limit, level.price)) {
                break;
            }
            Order maker = level.first();
            trade(command, maker, taker, level.price, maker.remaining().min(taker.remaining()));
        }
        if (taker.remaining().signum() == 0) {
            closed.put(taker.id, taker);
        } else if (taker.restsInBook()) {
            command.diff.record(taker.side, taker.price, book.add(taker));
        } else {
            ledger.release(instrument, taker.account, taker.side, taker.remaining(), taker.lockPrice);
            finish(command, taker, CancelReason.IMMEDIATE_REMAINDER);
        }
    }

    private void trade(EngineCommand command, Order maker, Order taker, BigDecimal price, BigDecimal qty) {
        Fill fill = new Fill(tradeIds.getAsLong(), ++lastTradeSeq, symbol(), price, qty, taker.side,
                maker.id, maker.account, Fees.fee(instrument, maker.side, instrument.makerFeeRate(), qty, price),
                Fees.asset(instrument, maker.side), taker.id, taker.account,
                Fees.fee(instrument, taker.side, instrument.takerFeeRate(), qty, price),
                Fees.asset(instrument, taker.side), command.now);
        maker.fill(qty, price, command.now);
        taker.fill(qty, price, command.now);
        command.diff.record(maker.side, price, book.reduce(maker, qty));
        if (maker.remaining().signum() == 0) {
            closed.put(maker.id, maker);
        }
        ledger.settle(instrument, fill, maker.lockPrice, taker.lockPrice);
        lastTradePrice = price;
        command.events.add(new EngineEvent.TradePrinted(fill, command.now));
        command.events.add(new EngineEvent.OrderFilled(maker.state(symbol()), fill, Liquidity.MAKER, command.now));
        command.events.add(new EngineEvent.OrderFilled(taker.state(symbol()), fill, Liquidity.TAKER, command.now));
    }

    /** Fires stops whose trigger the last trade price reached, oldest first, until none is left to fire. */
    void triggerStops(EngineCommand command) {
        boolean fired = true;
        while (fired && lastTradePrice != null) {
            fired = false;
            for (Iterator<Order> it = stops.iterator(); it.hasNext(); ) {
                Order stop = it.next();
                int cmp = lastTradePrice.compareTo(stop.stopPrice);
                if (stop.side == Side.BUY ? cmp >= 0 : cmp <= 0) {
                    it.remove();
                    stop.triggered = true;
                    enter(command, stop);
                    fired = true;
                    break;
                }
            }
        }
    }

    void cancelOpen(EngineCommand command, Order order, CancelReason reason) {
        if (order.isWaitingForTrigger()) {
            stops.remove(order);
        } else {
            command.diff.record(order.side, order.price, book.remove(order));
            ledger.release(instrument, order.account, order.side, order.remaining(), order.lockPrice);
        }
        finish(command, order, reason);
    }

    private void finish(EngineCommand command, Order order, CancelReason reason) {
        order.status = OrderStatus.CANCELED;
        order.cancelReason = reason;
        order.updatedAt = command.now;
        closed.put(order.id, order);
        command.events.add(new EngineEvent.OrderCanceled(order.state(symbol()), reason, command.now));
    }

    CommandResult reject(EngineCommand command, Order order, RejectReason reason) {
        order.status = OrderStatus.REJECTED;
        order.rejectReason = reason;
        closed.put(order.id, order);
        OrderState state = order.state(symbol());
        command.events.add(new EngineEvent.OrderRejected(state, reason, command.now));
        return new CommandResult(state, reason, List.of());
    }

    private String symbol() {
        return instrument.symbol();
    }
}
