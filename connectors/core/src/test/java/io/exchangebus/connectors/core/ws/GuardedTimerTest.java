package io.exchangebus.connectors.core.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GuardedTimerTest {

    private final ManualTimer timer = new ManualTimer();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final GuardedTimer tasks = new GuardedTimer(timer, closed::get, "guarded");
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void shouldRunNoTaskOnceClosed() {
        tasks.post(runs::incrementAndGet);
        tasks.schedule(runs::incrementAndGet, Duration.ofMillis(10));
        tasks.scheduleAtFixedRate(runs::incrementAndGet, Duration.ofMillis(10));

        closed.set(true);
        tasks.post(runs::incrementAndGet);
        timer.advance(Duration.ofSeconds(1));

        assertThat(runs).hasValue(0);
    }

    @Test
    void shouldKeepAPeriodicTaskRunningAfterItThrows() {
        tasks.scheduleAtFixedRate(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("first run fails");
            }
        }, Duration.ofMillis(10));

        timer.advance(Duration.ofMillis(30));

        assertThat(runs).hasValue(3);
    }

    @Test
    void shouldDropAPostOnceTheTimerThreadIsShutDown() {
        TimerThread thread = new TimerThread("guarded");
        thread.shutdown();
        GuardedTimer guarded = new GuardedTimer(thread, () -> false, "guarded");

        assertThatCode(() -> guarded.post(runs::incrementAndGet)).doesNotThrowAnyException();
        assertThat(runs).hasValue(0);
    }
}
