package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LanesTest {
    @Test
    void shouldRunOneKeysTasksOneAtATimeInTheirOrder() throws Exception {
        List<Integer> done = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        try (Lanes lanes = new Lanes(8, "test")) {
            for (int i = 0; i < 200; i++) {
                int n = i;
                lanes.submit("binance-spot:a", () -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    done.add(n);
                    running.decrementAndGet();
                });
            }
            assertThat(lanes.awaitIdle(5_000)).isTrue();
        }
        assertThat(done).hasSize(200).isSorted();
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void shouldRunAnotherKeysTaskWhileOneKeyWaitsForItsExchange() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherDone = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        try (Lanes lanes = new Lanes(2, "test")) {
            lanes.submit("binance-spot:a", () -> {
                await(release);
                order.add("a1");
            });
            lanes.submit("binance-spot:a", () -> order.add("a2"));
            lanes.submit("binance-usdm:b", () -> {
                order.add("b1");
                otherDone.countDown();
            });
            assertThat(otherDone.await(5, TimeUnit.SECONDS)).as("b1 ran while a1 was held").isTrue();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (lanes.unfinished() != 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(lanes.unfinished()).as("a1 held, a2 behind it").isEqualTo(2);
            assertThat(lanes.awaitIdle(50)).isFalse();
            release.countDown();
            assertThat(lanes.awaitIdle(5_000)).isTrue();
        }
        assertThat(order).containsExactly("b1", "a1", "a2");
    }

    @Test
    void shouldGoOnWithALanesNextTaskAfterOneThrows() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        try (Lanes lanes = new Lanes(1, "test")) {
            lanes.submit("k", () -> {
                throw new IllegalStateException("a bug");
            });
            lanes.submit("k", () -> order.add("next"));
            assertThat(lanes.awaitIdle(5_000)).isTrue();
        }
        assertThat(order).containsExactly("next");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
