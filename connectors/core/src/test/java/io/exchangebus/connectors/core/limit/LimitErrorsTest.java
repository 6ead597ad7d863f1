package io.exchangebus.connectors.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.http.LocalRefusal;
import io.exchangebus.events.ErrorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitErrorsTest {

    private final ManualClock clock = new ManualClock();
    private final CreditBucket nonMatching = new CreditBucket("deribit", "non-matching-engine", 50_000, 10_000,
            clock);
    private final RequestClass publicCall = new RequestClass("non-matching-engine", nonMatching, 500);
    private final List<Duration> reconnects = new ArrayList<>();
    private final LimitErrors errors = LimitErrors.builder("deribit", clock)
            .ban("-1003", Duration.ofMinutes(2))
            .backOff("1006", Duration.ofSeconds(1))
            .endSession("10028", nonMatching)
            .onSessionEnded((cause, after) -> reconnects.add(after))
            .build();

    @Test
    void shouldStopEveryRequestUntilTheBanEndsWhenTheExchangeSaysBannedUntilT() {
        ExchangeError answer = errors.onError(exchangeError("-1003", Duration.ofSeconds(90)));

        assertThat(answer.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(answer.code()).isEqualTo("-1003");
        assertThat(answer.retryable()).isTrue();
        assertThat(answer.retryAfterHint()).hasValue(Duration.ofSeconds(90));
        assertThat(answer.message()).contains("banned", "2024-01-01T00:01:30Z");

        clock.advance(Duration.ofSeconds(30));
        Admission refused = errors.admit(publicCall, Duration.ofSeconds(10));
        assertThat(refused.refusal().code()).isEqualTo(LocalRefusal.BANNED);
        assertThat(refused.refusal().retryAfterHint()).hasValue(Duration.ofSeconds(60));
        assertThat(nonMatching.available()).isEqualTo(50_000);

        clock.advance(Duration.ofSeconds(60));
        assertThat(errors.refusal()).isEmpty();
        assertThat(errors.admit(publicCall, Duration.ZERO).granted()).isTrue();
    }

    @Test
    void shouldBackOffForTheFallbackWhenTheErrorGivesNoTime() {
        errors.onError(exchangeError("1006", null));

        assertThat(errors.refusal().orElseThrow().code()).isEqualTo(LocalRefusal.BACKING_OFF);
        clock.advance(Duration.ofSeconds(1));
        assertThat(errors.refusal()).isEmpty();
    }

    @Test
    void shouldNeverShortenABanByALaterShorterOne() {
        errors.onError(exchangeError("-1003", Duration.ofMinutes(10)));
        errors.onError(exchangeError("1006", Duration.ofSeconds(1)));

        clock.advance(Duration.ofMinutes(5));
        ExchangeError refused = errors.refusal().orElseThrow();
        assertThat(refused.code()).isEqualTo(LocalRefusal.BANNED);
        assertThat(refused.retryAfterHint()).hasValue(Duration.ofMinutes(5));
    }

    @Test
    void shouldDrainThePoolAndAskForAReconnectAfterTheRefillWhenTheExchangeEndsTheSession() {
        nonMatching.tryAcquire(20_000);

        ExchangeError answer = errors.onError(exchangeError("10028", null));

        assertThat(answer.code()).isEqualTo("10028");
        assertThat(answer.retryable()).isTrue();
        Duration refill = Duration.ofSeconds(5).plusNanos(1); // 50,000 credits at 10,000 a second, rounded up
        assertThat(answer.retryAfterHint()).hasValue(refill);
        assertThat(answer.message()).contains("session ended");
        assertThat(reconnects).containsExactly(refill);
        assertThat(nonMatching.available()).isZero();

        clock.advance(Duration.ofSeconds(4));
        ExchangeError refused = errors.admit(publicCall, Duration.ofSeconds(10)).refusal();
        assertThat(refused.code()).isEqualTo(LimitRefusal.SESSION_ENDED);
        assertThat(refused.retryAfterHint()).hasValue(Duration.ofSeconds(1).plusNanos(1));

        clock.advance(Duration.ofSeconds(1).plusNanos(1));
        assertThat(errors.refusal()).isEmpty();
        assertThat(nonMatching.available()).isEqualTo(50_000);
        assertThat(errors.admit(publicCall, Duration.ZERO).granted()).isTrue();
    }

    @Test
    void shouldPassOtherErrorsAndLocalRefusalsThroughUntouched() {
        ExchangeError other = new ExchangeError(ErrorKind.INVALID_ORDER, "deribit", "10009", "not enough funds", 0,
                false, null);
        ExchangeError local = nonMatching.admit(60_000, Duration.ZERO).refusal();

        assertThat(errors.onError(other)).isSameAs(other);
        assertThat(errors.onError(local)).isSameAs(local);
        assertThat(errors.refusal()).isEmpty();
        assertThat(reconnects).isEmpty();
    }

    private static ExchangeError exchangeError(String code, Duration hint) {
        return ExchangeError.rateLimited("deribit", code, "too_many_requests", 0, hint);
    }
}
