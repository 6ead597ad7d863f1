package io.exchangebus.connectors.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.events.ErrorKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderRateLimitsTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void shouldAllowEachWindowsCountThenRefuseUntilTheWindowEnds() {
        OrderRateLimits limits = new OrderRateLimits("binance-usdm", List.of(
                new OrderRateLimits.Limit(10, Duration.ofSeconds(1)),
                new OrderRateLimits.Limit(1_200, Duration.ofMinutes(1))), clock);
        for (int i = 0; i < 10; i++) {
            assertThat(limits.tryAcquire()).isEmpty();
        }
        clock.advanceMillis(400);
        ExchangeError refused = limits.tryAcquire().orElseThrow();

        assertThat(refused.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(refused.code()).isEqualTo(LimitRefusal.ORDER_RATE);
        assertThat(refused.message()).contains("10 per PT1S");
        assertThat(refused.retryAfterHint()).hasValue(Duration.ofMillis(600));
    }

    @Test
    void shouldOpenTheNextWindowExactlyAtItsBoundary() {
        OrderRateLimits limits = new OrderRateLimits("x", List.of(
                new OrderRateLimits.Limit(2, Duration.ofSeconds(10))), clock);
        limits.tryAcquire();
        limits.tryAcquire();

        clock.advance(Duration.ofSeconds(10).minusNanos(1));
        assertThat(limits.tryAcquire()).isPresent();
        clock.advance(Duration.ofNanos(1));
        assertThat(limits.tryAcquire()).isEmpty();
        assertThat(limits.tryAcquire()).isEmpty();
        assertThat(limits.tryAcquire()).isPresent();
    }

    @Test
    void shouldRefuseOnTheLongWindowOnceItIsSpentWhileTheShortOneRefills() {
        OrderRateLimits limits = new OrderRateLimits("x", List.of(
                new OrderRateLimits.Limit(10, Duration.ofSeconds(1)),
                new OrderRateLimits.Limit(25, Duration.ofMinutes(1))), clock);
        int sent = 0;
        for (int second = 0; second < 3; second++) {
            while (limits.tryAcquire().isEmpty()) {
                sent++;
            }
            clock.advance(Duration.ofSeconds(1));
        }
        ExchangeError refused = limits.tryAcquire().orElseThrow();

        assertThat(sent).isEqualTo(25);
        assertThat(refused.message()).contains("25 per PT1M");
        assertThat(refused.retryAfterHint()).hasValue(Duration.ofSeconds(57));
    }

    @Test
    void shouldNotChargeTheOtherWindowsWhenOneIsSpent() {
        OrderRateLimits limits = new OrderRateLimits("x", List.of(
                new OrderRateLimits.Limit(5, Duration.ofHours(1)),
                new OrderRateLimits.Limit(2, Duration.ofMinutes(1))), clock);
        limits.tryAcquire();
        limits.tryAcquire();
        for (int i = 0; i < 3; i++) {
            assertThat(limits.tryAcquire().orElseThrow().message()).contains("2 per PT1M");
        }

        clock.advance(Duration.ofMinutes(1));
        assertThat(limits.tryAcquire()).isEmpty();
        assertThat(limits.tryAcquire()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(limits.tryAcquire()).isEmpty();
        assertThat(limits.tryAcquire().orElseThrow().message()).contains("5 per PT1H");
    }

    @Test
    void shouldReserveAnOrderInTheNextWindowWhenTheCallerMayWait() {
        OrderRateLimits limits = new OrderRateLimits("x", List.of(
                new OrderRateLimits.Limit(1, Duration.ofSeconds(1))), clock);
        limits.tryAcquire();
        clock.advanceMillis(300);

        assertThat(limits.admit(1, Duration.ofMillis(500)).granted()).isFalse();
        assertThat(limits.admit(1, Duration.ofMillis(700)).waitTime()).isEqualTo(Duration.ofMillis(700));
        assertThat(limits.admit(1, Duration.ofMillis(700)).granted()).isFalse();
    }
}
