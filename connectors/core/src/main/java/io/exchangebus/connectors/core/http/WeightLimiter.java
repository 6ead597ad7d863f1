package io.exchangebus.connectors.core.http;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/**
 * The exchange's request-weight budget, on a Resilience4j {@link RateLimiter} whose permits are weight units: a
 * call takes as many permits as its weight. Windows are fixed, as the exchanges count them, and start when the
 * limiter is made (not on the wall-clock minute; see {@link #reconcile(int)}).
 *
 * <p>Measured departure from plain Resilience4j: a call that must wait for the next window would, by Resilience4j's
 * arithmetic, use the current window's leftover and be charged only the rest to the window it is sent in; with a
 * budget of 10 and calls of 4, 4, 4, the next window then had 8 left instead of 6, so 12 could reach the exchange
 * in one of its windows. {@link #reserve(int)} charges such a call the leftover too (see the test
 * {@code shouldHoldBackCallsWhoseTotalWeightExceedsTheBudgetUntilTheNextWindow}).
 *
 * <p>Non-blocking: {@link #reserve(int)} reserves the weight and says how long to wait, it never parks a thread;
 * the transport schedules the send after that wait.
 */
final class WeightLimiter {

    /** What a reservation gave: a wait before sending ({@code waitNanos >= 0}), or a refusal with a hint. */
    record Reservation(long waitNanos, Duration refusedFor) {
        boolean granted() {
            return waitNanos >= 0;
        }
    }

    private final RateLimiter limiter;
    private final int budget;
    private final Duration window;

    WeightLimiter(String name, HttpSettings.WeightBudget settings) {
        this.budget = settings.budget();
        this.window = settings.window();
        this.limiter = RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(budget)
                .limitRefreshPeriod(window)
                .timeoutDuration(settings.maxWait())
                .build());
    }

    int budget() {
        return budget;
    }

    /** Weight left in the current window; negative when later windows are already reserved. */
    int available() {
        return limiter.getMetrics().getAvailablePermissions();
    }

    /** Reserves {@code weight} (at most {@link #budget()}) if it fits within the longest allowed wait. */
    Reservation reserve(int weight) {
        int left = available();
        // A call that goes to a later window is also charged what is left of this one, which it gives up: else
        // Resilience4j lets it use the leftover and charges the window it is sent in only the rest, and that
        // window could see more than the budget arrive (the exchange counts a request's whole weight in the
        // window it arrives in). If the call is refused, nothing is charged.
        int charge = left >= weight ? weight : weight + Math.max(0, left);
        long wait = limiter.reservePermission(charge);
        if (wait >= 0) {
            return new Reservation(wait, null);
        }
        // Not reserved. A hint: the number of whole windows needed to pay the deficit (an upper bound).
        long deficit = (long) weight - available();
        long windows = Math.max(1, (deficit + budget - 1) / budget);
        return new Reservation(-1, window.multipliedBy(windows));
    }

    /**
     * Brings our count up to what the exchange reports used in its window, when it is higher: other processes on
     * the same IP or key spend the same budget. Only ever takes weight away, never gives it back: our windows
     * start at a different instant from the exchange's, so trusting a low report could overspend.
     */
    void reconcile(int usedByExchange) {
        if (usedByExchange >= budget) {
            limiter.drainPermissions();
            return;
        }
        int surplus = available() - (budget - usedByExchange);
        if (surplus > 0) {
            // Those permits are free now, so this takes them at once; a racing caller may push it into the next
            // window, which errs on the side of sending less.
            limiter.reservePermission(surplus);
        }
    }
}
