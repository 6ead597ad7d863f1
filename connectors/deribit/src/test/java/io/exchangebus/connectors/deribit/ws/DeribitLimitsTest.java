package io.exchangebus.connectors.deribit.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.limit.Admission;
import io.exchangebus.connectors.core.limit.LimitRefusal;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.sim.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeribitLimitsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T00:00:00Z"));
    private final DeribitLimits limits = new DeribitLimits(clock);

    @Test
    void shouldCountOrderEntryOnTheMatchingEngineAndTheRestInCredits() {
        assertThat(limits.classOf("private/buy").name()).isEqualTo("matching-engine");
        assertThat(limits.classOf("private/cancel_all_by_instrument").name()).isEqualTo("matching-engine");
        assertThat(limits.classOf("public/get_instruments").cost()).isEqualTo(500);
        assertThat(limits.classOf("public/subscribe").pool().capacity()).isEqualTo(50_000);
    }

    @Test
    void shouldLetABurstOfAHundredThenWaitForTheRefill() {
        for (int i = 0; i < 100; i++) {
            assertThat(limits.admit("public/get_time", Duration.ZERO).granted()).isTrue();
        }
        assertThat(limits.admit("public/get_time", Duration.ZERO).granted()).isFalse();

        Admission waiting = limits.admit("public/get_time", Duration.ofSeconds(1));

        assertThat(waiting.granted()).isTrue();
        // 500 credits at 10,000/s, rounded up to the next nanosecond
        assertThat(waiting.waitTime()).isBetween(Duration.ofMillis(50), Duration.ofMillis(50).plusNanos(1));
    }

    @Test
    void shouldStopEverythingAfterTooManyRequestsUntilThePoolIsFull() {
        ExchangeError applied = limits.onError(DeribitErrors.of(10028, "too_many_requests", 0));

        assertThat(applied.retryAfterHint().orElseThrow())
                .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(5).plusMillis(1));
        assertThat(limits.admit("public/test", Duration.ofSeconds(10)).refusal().code())
                .isEqualTo(LimitRefusal.SESSION_ENDED);
        clock.advance(Duration.ofSeconds(5).plusMillis(1));
        assertThat(limits.refusal()).isEmpty();
        assertThat(limits.admit("public/test", Duration.ZERO).granted()).isTrue();
    }
}
