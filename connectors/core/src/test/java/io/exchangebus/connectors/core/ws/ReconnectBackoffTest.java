package io.exchangebus.connectors.core.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private static final long MS = 1_000_000L;
    private final ReconnectBackoff backoff = new ReconnectBackoff(
            new BackoffPolicy(Duration.ofMillis(100), Duration.ofMillis(1000), 2.0, 0.0), Duration.ofSeconds(10),
            new Random(1));

    @Test
    void shouldStepUpWhileAttemptsFail() {
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.attempt()).isEqualTo(3);
    }

    @Test
    void shouldResetAfterHealthyPeriod() {
        backoff.nextDelay();
        backoff.nextDelay();
        backoff.connected(0);
        backoff.disconnected(10_000 * MS);
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldKeepGrowingWhenConnectionFlapsBeforeHealthyPeriod() {
        backoff.nextDelay();
        backoff.nextDelay();
        backoff.connected(0);
        backoff.disconnected(9_999 * MS);
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(400));
    }
}
