package io.exchangebus.streams.positions;

import io.exchangebus.connectors.core.instrument.ContractMath.Terms;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Fills derived from order updates, applied to positions.
 *
 * <p>The order store keeps, per order ({@code exchange:account:exchangeOrderId}), its baseline: the update whose
 * cumulative {@code filledQuantity} and {@code averagePrice} were last applied (without its {@code lastFill}), with
 * the wall-clock time the order was last seen as the entry's timestamp. Each update applies only what it adds to
 * the baseline ({@link FillDelta}), so duplicates and replays never count twice. Finished orders are kept for the
 * order retention after they were last seen and then purged; a replay that comes later still would count again.
 * Open orders are kept until they finish.
 */
final class OrderFills {
    private static final Set<OrderStatus> FINISHED = Set.of(OrderStatus.FILLED, OrderStatus.CANCELED,
            OrderStatus.EXPIRED, OrderStatus.REJECTED, OrderStatus.PARTIALLY_CANCELED);

    private final TimestampedKeyValueStore<String, OrderUpdate> orders;
    private final PositionStates positions;
    private final BiFunction<String, String, Terms> terms;

    /** Fills of linear instruments whose quantities count base units (every instrument of Binance). */
    OrderFills(TimestampedKeyValueStore<String, OrderUpdate> orders, PositionStates positions) {
        this(orders, positions, (exchange, instrumentId) -> Terms.LINEAR);
    }

    /**
     * @param terms the contract terms (linear or inverse, multiplier) of an instrument, by exchange and the
     *     exchange's symbol
     */
    OrderFills(TimestampedKeyValueStore<String, OrderUpdate> orders, PositionStates positions,
               BiFunction<String, String, Terms> terms) {
        this.orders = orders;
        this.positions = positions;
        this.terms = terms;
    }

    /**
     * Applies what {@code update} adds to its order's fills to the position of its instrument.
     *
     * @throws io.exchangebus.streams.InvalidEventException if it adds a fill whose price cannot be known (nothing
     *                                                      changes)
     */
    void apply(OrderUpdate update, Instant now) {
        String exchange = update.getExchange();
        String account = update.getAccount();
        String orderKey = LedgerKeys.order(exchange, account, update.getExchangeOrderId());
        // An order of a sub-account (GRVT's sub_account_id) fills that sub-account's position, as its reports say.
        String subAccount = update.getSubAccount();
        String positionKey = LedgerKeys.position(exchange, account, subAccount, update.getInstrumentId());
        ValueAndTimestamp<OrderUpdate> stored = orders.get(orderKey);
        OrderUpdate baseline = stored == null ? null : stored.value();
        Optional<FillDelta> fill = FillDelta.between(baseline, update);
        if (fill.isEmpty()) {
            remember(orderKey, laterOf(baseline, update), now);
            return;
        }
        FillDelta delta = fill.get();
        PositionState previous = positions.find(positionKey);
        PositionState.Builder next = PositionStates.edit(previous, exchange, account, subAccount, update.getSymbol(),
                update.getInstrumentId());
        NetPosition position = new NetPosition(next.getQuantity(), next.getAverageEntryPrice(), next.getRealizedPnl())
                .apply(delta.signedQuantity(), delta.price(), terms.apply(exchange, update.getSymbol()));
        if (delta.fee() != null) {
            Map<String, BigDecimal> fees = new HashMap<>(next.getFees());
            fees.merge(delta.feeAsset(), delta.fee(), BigDecimal::add);
            next.setFees(fees);
        }
        next.setQuantity(position.quantity())
                .setAverageEntryPrice(position.averageEntryPrice())
                .setRealizedPnl(position.realizedPnl())
                .setFillCount(next.getFillCount() + 1)
                .setUpdateTime(PositionStates.eventTime(update.getExchangeTime(), update.getReceiveTime(), now));
        positions.save(positionKey, previous, next, now);
        remember(orderKey, update, now);
    }

    /**
     * Makes each order of a recovery epoch its own baseline: the epoch's position already holds what the order had
     * filled when it was fetched, so only later fills of it count.
     */
    void rebase(Iterable<OrderUpdate> recovered, Instant now) {
        for (OrderUpdate order : recovered) {
            remember(LedgerKeys.order(order.getExchange(), order.getAccount(), order.getExchangeOrderId()), order, now);
        }
    }

    /** Forgets finished orders last seen at least {@code retention} before {@code now}; returns how many. */
    int purge(Instant now, Duration retention) {
        long cutoff = now.toEpochMilli() - retention.toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<OrderUpdate>> it = orders.all()) {
            while (it.hasNext()) {
                KeyValue<String, ValueAndTimestamp<OrderUpdate>> entry = it.next();
                if (finished(entry.value.value().getStatus()) && entry.value.timestamp() <= cutoff) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(orders::delete);
        return expired.size();
    }

    /** Whether an order with this status can change no more. */
    static boolean finished(OrderStatus status) {
        return FINISHED.contains(status);
    }

    /**
     * The baseline after an update that adds no fill: the baseline itself, unless the update finishes the order
     * at the same filled quantity (it must then age out), or there was none.
     */
    private static OrderUpdate laterOf(OrderUpdate baseline, OrderUpdate update) {
        if (baseline == null) {
            return update;
        }
        boolean finishes = finished(update.getStatus()) && !finished(baseline.getStatus())
                && update.getFilledQuantity().compareTo(baseline.getFilledQuantity()) == 0;
        return finishes ? update : baseline;
    }

    private void remember(String key, OrderUpdate order, Instant now) {
        OrderUpdate baseline = order.getLastFill() == null ? order
                : OrderUpdate.newBuilder(order).setLastFill(null).build();
        orders.put(key, ValueAndTimestamp.make(baseline, now.toEpochMilli()));
    }
}
