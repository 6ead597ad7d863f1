package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.ExchangeError;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Binance's per-account ORDERS limits, kept on our side so an order over them is refused before it is sent
 * (Binance would answer {@code -1015} and count it anyway). Spot (rest-api.md "Unfilled Order Count"): 100 orders
 * per 10 s and 200,000 per day; USD-M ("General Info > Limits"): 300 per 10 s and 1,200 per minute. Counted: new
 * orders, cancel-replace and modify; cancels are not counted by Binance. Thread-safe.
 */
final class OrderRateLimits {

    /** One limit: {@code count} orders per {@code period}. */
    record Limit(int count, Duration period) {
    }

    private final String exchange;
    private final List<Limit> limits;
    private final List<RateLimiter> limiters;

    OrderRateLimits(String exchange, List<Limit> limits) {
        this.exchange = exchange;
        this.limits = List.copyOf(limits);
        this.limiters = limits.stream().map(l -> RateLimiter.of(exchange + "-orders-" + l.count() + "/" + l.period(),
                RateLimiterConfig.custom().limitForPeriod(l.count()).limitRefreshPeriod(l.period())
                        .timeoutDuration(Duration.ZERO).build())).toList();
    }

    static OrderRateLimits of(BinanceVenue venue) {
        return switch (venue) {
            case SPOT -> new OrderRateLimits(venue.exchange(), List.of(new Limit(100, Duration.ofSeconds(10)),
                    new Limit(200_000, Duration.ofDays(1))));
            case USDM -> new OrderRateLimits(venue.exchange(), List.of(new Limit(300, Duration.ofSeconds(10)),
                    new Limit(1_200, Duration.ofMinutes(1))));
        };
    }

    /** Takes one order from every limit, or says which limit is spent (nothing is then sent). */
    Optional<ExchangeError> tryAcquire() {
        for (int i = 0; i < limiters.size(); i++) {
            if (!limiters.get(i).acquirePermission()) {
                Limit l = limits.get(i);
                return Optional.of(ExchangeError.rateLimited(exchange, "LOCAL_ORDER_RATE",
                        "order rate limit of " + l.count() + " per " + l.period() + " reached; order not sent", 0,
                        l.period()));
            }
        }
        return Optional.empty();
    }
}
