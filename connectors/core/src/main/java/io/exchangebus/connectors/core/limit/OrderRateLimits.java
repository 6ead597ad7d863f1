package io.exchangebus.connectors.core.limit;

import io.exchangebus.connectors.core.ExchangeError;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's order limits over several fixed windows at once (Binance spot: 100 orders per 10 s and 200,000 per
 * day), kept on our side so an order over them is refused before it is sent: the exchange would refuse it and count
 * it anyway. Which requests count is the connector's choice (Binance counts new orders, cancel-replace and modify,
 * not cancels).
 *
 * <p>An order takes one from every window or from none: a window that is spent does not cost the others a count.
 * Each window starts when this object is made (not on the exchange's wall-clock boundary), as the exchange's count
 * of orders sent earlier by others is unknown to us anyway. Thread-safe, lock-free (Bucket4j); never parks.
 */
public final class OrderRateLimits {

    /** One limit: {@code count} orders per {@code period}. */
    public record Limit(int count, Duration period) {
        public Limit {
            Objects.requireNonNull(period, "period");
            if (count <= 0 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("count and period must be positive: " + count + " per " + period);
            }
        }
    }

    private final String exchange;
    private final List<Limit> limits;
    private final Bucket bucket;

    /** On the system's monotonic clock. */
    public OrderRateLimits(String exchange, List<Limit> limits) {
        this(exchange, limits, Clock.systemUTC());
    }

    /** @param clock the time source; a clock other than the system's is read through its instants (tests) */
    public OrderRateLimits(String exchange, List<Limit> limits, Clock clock) {
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("no limits");
        }
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.limits = List.copyOf(limits);
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(TimeSource.of(clock));
        for (Limit l : this.limits) {
            builder.addLimit(b -> b.capacity(l.count()).refillIntervally(l.count(), l.period()));
        }
        this.bucket = builder.build();
    }

    public List<Limit> limits() {
        return limits;
    }

    /** Takes one order from every limit, or says which limit is spent (nothing is then taken or sent). */
    public Optional<ExchangeError> tryAcquire() {
        return Optional.ofNullable(admit(1, Duration.ZERO).refusal());
    }

    /**
     * Takes {@code orders} from every limit now, or reserves them if every limit has them within {@code maxWait}.
     *
     * @return the wait before sending, or the refusal naming the first spent limit, with the time until it has
     *     room again as its hint (nothing taken)
     */
    public Admission admit(int orders, Duration maxWait) {
        if (orders <= 0 || limits.stream().anyMatch(l -> orders > l.count())) {
            // More than a whole window holds could never be sent: a bug of the caller, not a limit.
            throw new IllegalArgumentException("orders must be in 1..the smallest count: " + orders);
        }
        long wait = TimeSource.reserve(bucket, orders, maxWait);
        return wait >= 0 ? Admission.after(wait) : Admission.refused(refusal(orders));
    }

    private ExchangeError refusal(int orders) {
        VerboseResult<EstimationProbe> estimate = bucket.asVerbose().estimateAbilityToConsume(orders);
        long[] left = estimate.getDiagnostics().getAvailableTokensPerEachBandwidth();
        int spent = 0;
        while (spent < left.length - 1 && left[spent] >= orders) {
            spent++;
        }
        Limit l = limits.get(spent);
        Duration hint = Duration.ofNanos(estimate.getValue().getNanosToWaitForRefill());
        return ExchangeError.rateLimited(exchange, LimitRefusal.ORDER_RATE, "order rate limit of " + l.count()
                + " per " + l.period() + " reached; order not sent", 0, hint);
    }
}
