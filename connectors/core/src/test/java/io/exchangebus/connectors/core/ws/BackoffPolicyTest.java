package io.exchangebus.connectors.core.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

    private final BackoffPolicy policy =
            new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.25);

    @Test
    void shouldGrowExponentiallyUpToTheCap() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(policy::ceiling).map(Duration::toMillis).toList())
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L);
    }

    @Test
    void shouldJitterDownwardsWithinTheFractionWithSeededRandom() {
        Random random = new Random(42);
        for (int attempt = 1; attempt <= 50; attempt++) {
            long ceiling = policy.ceiling(attempt).toNanos();
            long delay = policy.delay(attempt, random).toNanos();
            assertThat(delay).isBetween((long) (ceiling * 0.75), ceiling);
        }
        assertThat(policy.delay(3, new Random(7))).isEqualTo(policy.delay(3, new Random(7)));
    }

    @Test
    void shouldNotOverflowOnHugeAttemptNumbers() {
        assertThat(policy.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldNameTheSettingItRefuses() {
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0))
                .hasMessageContaining("backoff.max");
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ZERO, Duration.ofSeconds(1), 2, 0))
                .hasMessageContaining("backoff.initial");
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0))
                .hasMessageContaining("backoff.multiplier");
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1.5))
                .hasMessageContaining("backoff.jitter");
    }

    @Property
    void delayNeverExceedsCapNorFallsBelowJitterFloor(@ForAll @IntRange(min = 1, max = 200) int attempt,
                                                      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false)
                                                      double uniform) {
        long delay = policy.delay(attempt, () -> uniform).toNanos();
        long ceiling = policy.ceiling(attempt).toNanos();
        assertThat(delay).isLessThanOrEqualTo(policy.max().toNanos()).isLessThanOrEqualTo(ceiling)
                .isGreaterThanOrEqualTo((long) Math.floor(ceiling * (1 - policy.jitter())));
    }
}
