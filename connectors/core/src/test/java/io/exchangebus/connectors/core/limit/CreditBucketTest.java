package io.exchangebus.connectors.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.http.LocalRefusal;
import io.exchangebus.events.ErrorKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CreditBucketTest {

    private final ManualClock clock = new ManualClock();
    // Deribit's non-matching-engine pool: 50,000 credits, 10,000 a second, 500 a request.
    private final CreditBucket pool = new CreditBucket("deribit", "non-matching-engine", 50_000, 10_000, clock);

    @Test
    void shouldLetAFullPoolsBurstThroughThenRefuseLocallyWithTheTimeUntilTheCostFits() {
        for (int i = 0; i < 100; i++) {
            assertThat(pool.tryAcquire(500)).as("request %d", i).isEmpty();
        }
        ExchangeError refused = pool.tryAcquire(500).orElseThrow();

        assertThat(refused.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(refused.code()).isEqualTo(LimitRefusal.CREDITS);
        assertThat(LocalRefusal.isLocal(refused)).isTrue();
        assertThat(refused.retryable()).isTrue();
        assertThat(refused.retryAfterHint()).hasValue(Duration.ofMillis(50).plusNanos(1));
        assertThat(pool.available()).isZero();
    }

    @Test
    void shouldRefillContinuouslyAndNeverAboveCapacity() {
        pool.tryAcquire(50_000);
        clock.advanceMillis(49);
        assertThat(pool.tryAcquire(500)).isPresent();
        clock.advanceMillis(1);
        assertThat(pool.tryAcquire(500)).isEmpty();

        clock.advance(Duration.ofHours(1));
        assertThat(pool.available()).isEqualTo(50_000);
    }

    @Test
    void shouldReserveCreditsAndSayHowLongToWaitWithinTheCallersBound() {
        pool.tryAcquire(50_000);

        Admission first = pool.admit(500, Duration.ofMillis(100));
        Admission second = pool.admit(500, Duration.ofMillis(100));
        Admission third = pool.admit(500, Duration.ofMillis(100));

        // Waits are rounded up to the next nanosecond.
        assertThat(first.waitTime()).isEqualTo(Duration.ofMillis(50).plusNanos(1));
        assertThat(second.waitTime()).isEqualTo(Duration.ofMillis(100).plusNanos(1));
        assertThat(third.granted()).isFalse();
        assertThat(third.refusal().retryAfterHint()).hasValue(Duration.ofMillis(150).plusNanos(1));
        assertThat(pool.available()).isEqualTo(-1_000);
    }

    @Test
    void shouldChargeEachRequestClassItsCostInItsOwnPool() {
        // Deribit: matching-engine requests have their own pool (tier 1: 30 a second, burst 100).
        CreditBucket matching = new CreditBucket("deribit", "matching-engine", 100, 30, clock);
        RequestClass order = new RequestClass("matching-engine", matching, 1);
        RequestClass other = new RequestClass("non-matching-engine", pool, 500);

        for (int i = 0; i < 100; i++) {
            assertThat(order.admit(Duration.ZERO).granted()).isTrue();
        }
        assertThat(order.admit(Duration.ZERO).refusal().retryAfterHint().orElseThrow())
                .isEqualTo(Duration.ofNanos(33_333_334)); // 1/30 s, rounded up
        assertThat(other.admit(Duration.ZERO).granted()).isTrue();
        assertThat(pool.available()).isEqualTo(49_500);
    }

    @Test
    void shouldRefuseARequestDearerThanTheWholePoolAsNotRetryable() {
        Admission refused = pool.admit(50_001, Duration.ofHours(1));

        assertThat(refused.refusal().code()).isEqualTo(LimitRefusal.CREDITS_OVER_CAPACITY);
        assertThat(refused.refusal().retryable()).isFalse();
        assertThat(pool.available()).isEqualTo(50_000);
    }

    @Test
    void shouldDrainToZeroAndSayWhenThePoolIsFullAgain() {
        pool.tryAcquire(10_000);

        assertThat(pool.drain()).isEqualTo(Duration.ofSeconds(5).plusNanos(1));
        assertThat(pool.available()).isZero();
        assertThat(pool.tryAcquire(500)).isPresent();
    }
}
