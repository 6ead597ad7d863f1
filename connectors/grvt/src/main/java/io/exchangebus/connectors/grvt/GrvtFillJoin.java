package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.grvt.mapping.UserFill;
import io.exchangebus.events.Fill;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes each GRVT fill one order update that carries both the fill and the cumulative state counting it, as an
 * exchange's execution report does. GRVT tells a fill in two places, in either order: the order's new traded size
 * and status on {@code v1.order} and {@code v1.state}, the fill itself (price, fee, trade id) on {@code v1.fill}.
 * Reported apart, a reader deriving fills from the cumulative fields would find the fill on an update without its
 * fee, and nothing new on the update with it.
 * <ul>
 * <li>A state that counts more filled than the order's last reported state is held until the fills that make up
 *     the difference arrive, at most {@link #FILL_WAIT}; then it is reported as it is (a fill was missed: readers derive
 *     its price from the cumulative fields, its fee stays unknown).</li>
 * <li>A fill is reported with its order's last state advanced by it (filled quantity plus its size, the average
 *     price weighted at scale 18 HALF_EVEN, PARTIALLY_FILLED or FILLED); when it completes a held state, with that
 *     state's own fields. A fill the reported state already counts (the state changed after the fill, or was
 *     reported at the end of its wait counting more than the fills seen) is reported with the state unchanged.</li>
 * </ul>
 * Remembers the fills of the last {@code memory} orders. Not thread-safe: {@link GrvtOrderFeed} calls it under its
 * lock.
 */
final class GrvtFillJoin {

    /** How long a state waits for the fills it counts: GRVT sends them together, so this only bounds a lost fill. */
    static final Duration FILL_WAIT = Duration.ofSeconds(1);
    private static final int PRICE_SCALE = 18;

    private final int memory;
    private final Map<String, OrderUpdate> held = new HashMap<>();
    /** Order id → the filled quantity its reported fills account for (from the first state they advanced). */
    private final Map<String, BigDecimal> covered = new LinkedHashMap<>();

    GrvtFillJoin(int memory) {
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be positive, was " + memory);
        }
        this.memory = memory;
    }

    /**
     * Whether {@code state} must wait for its fills, which it then does (in place of an older state held).
     *
     * @param reported the order's last reported state, or null
     */
    boolean hold(OrderUpdate state, OrderUpdate reported) {
        BigDecimal filled = state.getFilledQuantity();
        if (filled.compareTo(reported == null ? BigDecimal.ZERO : reported.getFilledQuantity()) <= 0) {
            return false;
        }
        held.merge(state.getExchangeOrderId(), state,
                (before, now) -> now.getFilledQuantity().compareTo(before.getFilledQuantity()) >= 0 ? now : before);
        return true;
    }

    /** The state of order {@code orderId} waiting for its fills, if one is. */
    Optional<OrderUpdate> held(String orderId) {
        return Optional.ofNullable(held.get(orderId));
    }

    /** Whether {@code state} was still held, no longer so: its wait is over and it is to be reported as it is. */
    boolean release(OrderUpdate state) {
        return held.remove(state.getExchangeOrderId(), state);
    }

    /**
     * The update that reports {@code fill}.
     *
     * @param reported the order's last reported state, or null
     * @return empty when the order is known neither reported nor held
     */
    Optional<OrderUpdate> join(UserFill fill, OrderUpdate reported, Instant now) {
        String id = fill.exchangeOrderId();
        OrderUpdate waiting = held.get(id);
        OrderUpdate base = reported != null ? reported : waiting;
        if (base == null) {
            return Optional.empty();
        }
        Fill f = fill.fill();
        BigDecimal reportedFilled = reported == null ? BigDecimal.ZERO : reported.getFilledQuantity();
        BigDecimal seen = covered.get(id);
        if (counts(reported, seen, f)) {
            remember(id, seen == null ? reportedFilled : seen.add(f.getQuantity()));
            return Optional.of(OrderUpdate.newBuilder(reported).setLastFill(f).setReceiveTime(now).build());
        }
        BigDecimal after = reportedFilled.add(f.getQuantity());
        remember(id, after);
        if (waiting != null && waiting.getFilledQuantity().compareTo(after) <= 0) {
            held.remove(id);
            if (waiting.getFilledQuantity().compareTo(after) == 0) {
                return Optional.of(OrderUpdate.newBuilder(waiting).setLastFill(f).setReceiveTime(now).build());
            }
        }
        return Optional.of(advanced(base, reportedFilled, after, f, now));
    }

    /**
     * Whether the state reported already counts fill {@code f}: it changed after the fill, or it counts more than
     * the fills reported before (a state reported without waiting longer for them, {@code seen} their sum).
     */
    private static boolean counts(OrderUpdate reported, BigDecimal seen, Fill f) {
        if (reported == null) {
            return false;
        }
        Instant filledAt = f.getExchangeTime();
        Instant changedAt = reported.getExchangeTime();
        if (filledAt != null && changedAt != null && filledAt.isBefore(changedAt)) {
            return true;
        }
        return seen != null && reported.getFilledQuantity().compareTo(seen.add(f.getQuantity())) >= 0;
    }

    /** {@code base}, which counted {@code filledBefore}, with {@code f} added: {@code after} filled. */
    private static OrderUpdate advanced(OrderUpdate base, BigDecimal filledBefore, BigDecimal after, Fill f,
                                        Instant now) {
        BigDecimal average;
        if (filledBefore.signum() == 0) {
            average = f.getPrice();
        } else if (base.getAveragePrice() == null) {
            average = null;
        } else {
            average = base.getAveragePrice().multiply(filledBefore).add(f.getPrice().multiply(f.getQuantity()))
                    .divide(after, PRICE_SCALE, RoundingMode.HALF_EVEN);
        }
        boolean complete = after.compareTo(base.getQuantity()) >= 0;
        return OrderUpdate.newBuilder(base)
                .setFilledQuantity(after)
                .setAveragePrice(average)
                .setStatus(complete ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED)
                .setReason(null)
                .setLastFill(f)
                .setExchangeTime(f.getExchangeTime() != null ? f.getExchangeTime() : base.getExchangeTime())
                .setReceiveTime(now)
                .build();
    }

    private void remember(String orderId, BigDecimal quantity) {
        covered.remove(orderId); // re-inserted last: the most recently filled are kept longest
        covered.put(orderId, quantity);
        Iterator<String> oldestFirst = covered.keySet().iterator();
        for (int i = covered.size(); i > memory; i--) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }
}
