package io.exchangebus.connectors.core.http;

import io.exchangebus.connectors.core.ExchangeError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops every call of one transport while the exchange has banned us (HTTP 418) or asked us to back off (HTTP 429
 * or another RATE_LIMITED answer), until the exchange's hint has passed. A stopped call is answered RATE_LIMITED at
 * once, without touching the network, with the time left as its hint: this is what keeps a ban from turning into a
 * retry storm that lengthens it. Stopped calls are refused, not queued: a queue would be released in one burst when
 * the pause ends, which is what the exchange asked us not to do; the caller has the hint and decides. Thread-safe, lock-free; a later closing only ever extends the current one.
 */
public final class BanGate {

    /** Why and until when calls are stopped. */
    public record Closure(Instant until, boolean ban, int httpStatus) {
    }

    private final String exchange;
    private final Clock clock;
    private final AtomicReference<Closure> closure = new AtomicReference<>();

    public BanGate(String exchange, Clock clock) {
        this.exchange = exchange;
        this.clock = clock;
    }

    /**
     * Stops all calls for {@code pause} from now, unless already stopped for longer.
     *
     * @return the closure in force afterwards
     */
    public Closure close(Duration pause, boolean ban, int httpStatus) {
        Instant now = clock.instant();
        Closure wanted = new Closure(now.plus(pause), ban, httpStatus);
        return closure.accumulateAndGet(wanted, (current, next) -> {
            if (current == null || !current.until().isAfter(now)) {
                return next;
            }
            // Extend, never shorten; a throttle during a ban stays a ban.
            Instant until = next.until().isAfter(current.until()) ? next.until() : current.until();
            Closure why = current.ban() || !next.ban() ? current : next;
            return new Closure(until, why.ban(), why.httpStatus());
        });
    }

    /** The refusal to answer now, or empty if calls may flow. */
    public Optional<ExchangeError> refusal() {
        Closure c = closure.get();
        if (c == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), c.until());
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        // A status of 0: the limit error came over a WebSocket (see io.exchangebus.connectors.core.limit).
        String status = c.httpStatus() != 0 ? " (HTTP " + c.httpStatus() + ")" : "";
        String why = (c.ban() ? "banned by the exchange" : "rate limited by the exchange") + status;
        return Optional.of(ExchangeError.rateLimited(exchange, c.ban() ? LocalRefusal.BANNED
                : LocalRefusal.BACKING_OFF, why + "; all calls stopped until " + c.until() + "; no request sent",
                c.httpStatus(), left));
    }

    /** The closure in force, if any. */
    public Optional<Closure> current() {
        Closure c = closure.get();
        return c != null && c.until().isAfter(clock.instant()) ? Optional.of(c) : Optional.empty();
    }
}
