package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Price-time priority matching for one instrument. Fills happen at the resting order's price.
 *
 * <p>Threading: every public method is {@code synchronized}, so commands on one instrument are executed one at a
 * time, whichever thread calls (server threads, the market-data generator, tests). Listeners run on the calling
 * thread while the lock is held: they must be quick and must not call into another engine. The {@link Ledger} is
 * called under this lock too (lock order: engine, then ledger).
 *
 * <p>Stop orders wait outside the book and reserve nothing until triggered by the last trade price (buy: at or
 * above the stop, sell: at or below); missing funds at that moment reject them then. Self-trades are allowed.
 *
 * <p>Trades: each fill takes the next id from the {@code tradeIds} supplier given (which a simulator may share among
 * instruments, see {@code TradeIdScope}) and the next of this instrument's own trade sequence (1, 2, 3...).
 *
 * <p>Book sequencing: each single change of a level (an order resting, a fill, a cancel, an amend) takes the next
 * update id; each command that changed the book emits one {@link EngineEvent.BookDiff} with the levels' new totals,
 * so applying the diffs in order to an empty book gives {@link #book()}.
 *
 * <p>The engine frames each command under its lock ({@link EngineCommand} gathers its events and book changes) and
 * checks it; the matching itself (admitting, trading, firing stops, closing orders) is {@link OrderMatcher}'s.
 */
public final class MatchingEngine {

    private static final Logger LOG = LoggerFactory.getLogger(MatchingEngine.class);

    private static final int CLOSED_ORDERS_KEPT = 100_000;

    private final Instrument instrument;
    private final Ledger ledger;
    private final Clock clock;
    private final LongSupplier orderIds;
    private final OrderBook book = new OrderBook();
    private final List<Order> stops = new ArrayList<>();
    private final Map<Long, Order> closed = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Order> eldest) {
            return size() > CLOSED_ORDERS_KEPT;
        }
    };
    private final OrderMatcher matcher;
    private final List<Consumer<EngineEvent>> listeners = new CopyOnWriteArrayList<>();

    private long lastUpdateId;
    // Per-command state, valid only inside a command (under the lock).
    private EngineCommand command;

    public MatchingEngine(Instrument instrument, Ledger ledger, Clock clock, LongSupplier orderIds,
                          LongSupplier tradeIds) {
        this.instrument = instrument;
        this.ledger = ledger;
        this.clock = clock;
        this.orderIds = orderIds;
        this.matcher = new OrderMatcher(instrument, ledger, tradeIds, book, stops, closed);
    }

    /** An engine with no ledger, the UTC system clock, and ids counting from 1. */
    public MatchingEngine(Instrument instrument) {
        this(instrument, Ledger.NONE, Clock.systemUTC(), new AtomicLong()::incrementAndGet,
                new AtomicLong()::incrementAndGet);
    }

    public Instrument instrument() {
        return instrument;
    }

    /** Listeners see every event of every command, in order, on the commanding thread. */
    public void addListener(Consumer<EngineEvent> listener) {
        listeners.add(listener);
    }

    public synchronized CommandResult place(OrderRequest request) {
        begin();
        Order order = new Order(orderIds.getAsLong(), request, command.now);
        Optional<RejectReason> invalid = OrderValidator.validate(instrument, request);
        if (invalid.isPresent()) {
            return end(matcher.reject(command, order, invalid.get()));
        }
        if (order.type.isStop()) {
            order.status = OrderStatus.PENDING_TRIGGER;
            stops.add(order);
            command.events.add(new EngineEvent.OrderAccepted(order.state(symbol()), command.now));
            matcher.triggerStops(command);
            return end(order.state(symbol()), null);
        }
        if (!matcher.enter(command, order)) {
            return end(order.state(symbol()), order.rejectReason);
        }
        matcher.triggerStops(command);
        return end(order.state(symbol()), null);
    }

    public synchronized CommandResult cancel(String account, long orderId) {
        begin();
        Order order = openOrder(orderId);
        RejectReason refused = order == null ? unknownOrClosed(orderId)
                : !order.account.equals(account) ? RejectReason.NOT_OWNER : null;
        if (refused != null) {
            command.events.add(new EngineEvent.CommandRejected(orderId, account, refused, command.now));
            return end(order == null ? null : order.state(symbol()), refused);
        }
        matcher.cancelOpen(command, order, CancelReason.USER);
        return end(order.state(symbol()), null);
    }

    /** Cancels every open order (resting and waiting stops) of {@code account}, in one book diff. */
    public synchronized CommandResult cancelAll(String account) {
        begin();
        for (Order order : book.ordersOf(account)) {
            matcher.cancelOpen(command, order, CancelReason.CANCEL_ALL);
        }
        for (Order stop : List.copyOf(stops)) {
            if (stop.account.equals(account)) {
                matcher.cancelOpen(command, stop, CancelReason.CANCEL_ALL);
            }
        }
        return end(null, null);
    }

    /**
     * Changes a resting limit order. A quantity decrease at the same price keeps the order's place; a price change
     * or a quantity increase sends it to the back of its (new) level, and a new price that crosses trades at once
     * (a post-only order that would cross is refused and stays as it was).
     *
     * @param newPrice null: keep the price
     * @param newQuantity the new total quantity (filled part included); null: keep it
     */
    public synchronized CommandResult amend(String account, long orderId, BigDecimal newPrice,
                                            BigDecimal newQuantity) {
        begin();
        Order order = book.get(orderId);
        RejectReason refused = checkAmend(order, orderId, account, newPrice, newQuantity);
        if (refused != null) {
            command.events.add(new EngineEvent.CommandRejected(orderId, account, refused, command.now));
            return end(order == null ? null : order.state(symbol()), refused);
        }
        BigDecimal price = newPrice == null ? order.price : newPrice;
        BigDecimal quantity = newQuantity == null ? order.quantity : newQuantity;
        if (price.compareTo(order.price) == 0 && quantity.compareTo(order.quantity) <= 0) {
            BigDecimal delta = order.quantity.subtract(quantity);
            order.quantity = quantity;
            order.updatedAt = command.now;
            if (delta.signum() > 0) {
                ledger.release(instrument, account, order.side, delta, order.lockPrice);
                command.diff.record(order.side, order.price, book.reduce(order, delta));
            }
            command.events.add(new EngineEvent.OrderAmended(order.state(symbol()), true, command.now));
            return end(order.state(symbol()), null);
        }
        BigDecimal newRemaining = quantity.subtract(order.filled);
        ledger.release(instrument, account, order.side, order.remaining(), order.lockPrice);
        Optional<RejectReason> funds = ledger.reserve(instrument, account, order.side, newRemaining, price);
        if (funds.isPresent()) {
            ledger.reserve(instrument, account, order.side, order.remaining(), order.lockPrice);
            command.events.add(new EngineEvent.CommandRejected(orderId, account, funds.get(), command.now));
            return end(order.state(symbol()), funds.get());
        }
        command.diff.record(order.side, order.price, book.remove(order));
        order.price = price;
        order.quantity = quantity;
        order.lockPrice = price;
        order.updatedAt = command.now;
        command.events.add(new EngineEvent.OrderAmended(order.state(symbol()), false, command.now));
        matcher.match(command, order);
        matcher.triggerStops(command);
        return end(order.state(symbol()), null);
    }

    private RejectReason checkAmend(Order order, long orderId, String account, BigDecimal newPrice,
                                    BigDecimal newQuantity) {
        if (order == null) {
            Order stop = openOrder(orderId);
            return stop != null ? RejectReason.AMEND_NOT_ALLOWED : unknownOrClosed(orderId);
        }
        if (!order.account.equals(account)) {
            return RejectReason.NOT_OWNER;
        }
        if (newPrice != null) {
            Optional<RejectReason> price = OrderValidator.validatePrice(instrument, newPrice);
            if (price.isPresent()) {
                return price.get();
            }
            if (order.timeInForce == TimeInForce.POST_ONLY && book.wouldCross(order.side, newPrice)) {
                return RejectReason.POST_ONLY_WOULD_CROSS;
            }
        }
        if (newQuantity != null) {
            Optional<RejectReason> qty = OrderValidator.validateQuantity(instrument, newQuantity);
            if (qty.isPresent()) {
                return qty.get();
            }
            if (newQuantity.compareTo(order.filled) <= 0) {
                return RejectReason.AMEND_BELOW_FILLED;
            }
        }
        return null;
    }

    public synchronized BookSnapshot book() {
        return book.snapshot(symbol(), lastUpdateId);
    }

    public synchronized long lastUpdateId() {
        return lastUpdateId;
    }

    public synchronized Optional<BigDecimal> lastTradePrice() {
        return Optional.ofNullable(matcher.lastTradePrice());
    }

    /** An order, open or among the last {@value #CLOSED_ORDERS_KEPT} closed ones. */
    public synchronized Optional<OrderState> order(long orderId) {
        Order order = openOrder(orderId);
        if (order == null) {
            order = closed.get(orderId);
        }
        return Optional.ofNullable(order).map(o -> o.state(symbol()));
    }

    /** Open orders of an account: resting ones best price first, then waiting stops. */
    public synchronized List<OrderState> openOrders(String account) {
        List<OrderState> result = new ArrayList<>();
        book.ordersOf(account).forEach(o -> result.add(o.state(symbol())));
        stops.stream().filter(o -> o.account.equals(account)).forEach(o -> result.add(o.state(symbol())));
        return result;
    }

    private Order openOrder(long orderId) {
        Order order = book.get(orderId);
        if (order != null) {
            return order;
        }
        return stops.stream().filter(o -> o.id == orderId).findFirst().orElse(null);
    }

    private RejectReason unknownOrClosed(long orderId) {
        return closed.containsKey(orderId) ? RejectReason.ORDER_NOT_OPEN : RejectReason.UNKNOWN_ORDER;
    }

    private String symbol() {
        return instrument.symbol();
    }

    // ---- command framing -----------------------------------------------------------------------------------

    private void begin() {
        command = new EngineCommand(clock.instant());
    }

    private CommandResult end(CommandResult rejected) {
        return end(rejected.order(), rejected.rejectReason());
    }

    private CommandResult end(OrderState order, RejectReason reason) {
        lastUpdateId = command.addBookDiff(symbol(), lastUpdateId);
        List<EngineEvent> done = command.events;
        command = null;
        for (EngineEvent event : done) {
            for (Consumer<EngineEvent> listener : listeners) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    // A failing renderer must not lose the command's result: the engine's state is already final.
                    LOG.error("engine listener failed on {}", event.getClass().getSimpleName(), e);
                }
            }
        }
        return new CommandResult(order, reason, done);
    }
}
