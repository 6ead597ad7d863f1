package io.exchangebus.connectors.core.limit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** What the limiters share: their time source and a reservation that never parks. */
final class TimeSource {

    private TimeSource() {
    }

    /** The monotonic clock for the system clock (immune to wall-clock steps), else the given clock (tests). */
    static TimeMeter of(Clock clock) {
        if (clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone())) {
            return TimeMeter.SYSTEM_NANOTIME;
        }
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /**
     * Takes {@code tokens} from {@code bucket} now or, if they will be there within {@code maxWait}, reserves them
     * (the bucket goes below zero) and says how long to wait; -1 and nothing taken if not. Bucket4j's blocking
     * consume reserves first and then parks for the time it computed; the "parking" here only records that time.
     */
    static long reserve(Bucket bucket, long tokens, Duration maxWait) {
        if (maxWait.isNegative() || maxWait.isZero()) {
            // Bucket4j's blocking consume wants a positive bound; no wait is a plain try.
            return bucket.tryConsume(tokens) ? 0 : -1;
        }
        long[] wait = {0};
        boolean reserved = bucket.asBlocking().tryConsumeUninterruptibly(tokens, maxWait.toNanos(),
                nanos -> wait[0] = nanos);
        return reserved ? wait[0] : -1;
    }
}
