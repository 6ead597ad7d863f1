package io.exchangebus.connectors.core.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimerThreadTest {

    @Test
    void shouldRunTasksOnOneNamedDaemonThreadThatKnowsItself() throws Exception {
        TimerThread timer = new TimerThread("md-1");
        try {
            assertThat(timer.isCurrentThread()).as("before the thread exists").isFalse();
            String seen = timer.submit(() -> Thread.currentThread().getName() + " daemon="
                    + Thread.currentThread().isDaemon() + " own=" + timer.isCurrentThread()).get(5, TimeUnit.SECONDS);
            assertThat(seen).isEqualTo("ws-md-1-timer daemon=true own=true");
            assertThat(timer.isCurrentThread()).isFalse();
        } finally {
            timer.shutdown();
            timer.awaitTermination(2_000);
        }
    }

    @Test
    void shouldDropDelayedTasksAtShutdown() throws Exception {
        TimerThread timer = new TimerThread("md-2");
        var delayed = timer.schedule(() -> { }, Duration.ofSeconds(30));

        timer.shutdown();
        timer.awaitTermination(2_000);

        assertThat(delayed.isDone()).isTrue();
        assertThat(delayed.isCancelled()).isTrue();
    }
}
