package io.exchangebus.sim.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.sim.ManualClock;
import io.exchangebus.sim.Simulator;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Instrument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MarketDataGeneratorTest {

    private static final Instrument BTC = Instrument.spot("BTCUSDT", "BTC", "USDT", "0.1", "0.001");

    /** Runs a fresh simulator for {@code steps} steps and returns every engine event. */
    private static List<EngineEvent> run(long seed, int steps) {
        List<EngineEvent> events = new ArrayList<>();
        try (Simulator sim = Simulator.builder().clock(new ManualClock(Instant.parse("2026-01-01T00:00:00Z")))
                .instrument(BTC).keySeed(7).build()) {
            sim.addListener(events::add);
            MarketDataGenerator generator = sim.marketData("BTCUSDT", GeneratorConfig.defaults(seed, "50000.0"));
            for (int i = 0; i < steps; i++) {
                generator.step();
            }
        }
        return events;
    }

    private static long count(List<EngineEvent> events, Class<?> type) {
        return events.stream().filter(type::isInstance).count();
    }

    @Test
    void shouldProduceIdenticalEventStreamsForTheSameSeed() {
        List<EngineEvent> first = run(42, 300);
        List<EngineEvent> second = run(42, 300);

        assertThat(count(first, EngineEvent.TradePrinted.class)).isGreaterThan(200);
        assertThat(first).isEqualTo(second);
    }

    @Test
    void shouldProduceDifferentEventStreamsForDifferentSeeds() {
        assertThat(run(42, 50)).isNotEqualTo(run(43, 50));
    }

    @Test
    void shouldSendTakerOrdersAtTheConfiguredRatePerStep() {
        try (Simulator sim = Simulator.builder().instrument(BTC).build()) {
            List<EngineEvent> events = new ArrayList<>();
            sim.addListener(events::add);
            MarketDataGenerator generator = sim.marketData("BTCUSDT",
                    GeneratorConfig.defaults(1, "50000.0").withTradesPerStep(2.25));
            for (int i = 0; i < 1000; i++) {
                generator.step();
            }
            long takerOrders = events.stream()
                    .filter(e -> e instanceof EngineEvent.OrderAccepted a && a.order().account().equals("sim-taker"))
                    .count();
            assertThat(takerOrders).isBetween(2150L, 2350L);
        }
    }

    @Test
    void shouldKeepTheBookUncrossedAndReproducibleFromItsDiffs() {
        try (Simulator sim = Simulator.builder().instrument(BTC).build()) {
            List<EngineEvent.BookDiff> diffs = new ArrayList<>();
            sim.addListener(e -> {
                if (e instanceof EngineEvent.BookDiff d) {
                    diffs.add(d);
                }
            });
            MarketDataGenerator generator = sim.marketData("BTCUSDT", GeneratorConfig.defaults(5, "100.0"));
            for (int i = 0; i < 500; i++) {
                generator.step();
                BookSnapshot book = sim.book("BTCUSDT");
                assertThat(book.bids().get(0).price()).isLessThan(book.asks().get(0).price());
            }
            BookSnapshot replayed = BookSnapshot.empty("BTCUSDT");
            for (EngineEvent.BookDiff diff : diffs) {
                replayed = replayed.apply(diff);
            }
            assertThat(replayed).isEqualTo(sim.book("BTCUSDT"));
        }
    }

    @Test
    void shouldRunOnItsOwnAtTheStepIntervalUntilClosed() throws InterruptedException {
        try (Simulator sim = Simulator.builder().instrument(BTC).build()) {
            MarketDataGenerator generator = sim.marketData("BTCUSDT",
                    GeneratorConfig.defaults(3, "50000.0").withStepInterval(Duration.ofMillis(10)));
            generator.start();
            TimeUnit.MILLISECONDS.sleep(300);
            generator.close();
            long updateId = sim.engine("BTCUSDT").lastUpdateId();
            TimeUnit.MILLISECONDS.sleep(50);

            assertThat(sim.engine("BTCUSDT").lastTradePrice()).isPresent();
            assertThat(updateId).isGreaterThan(100);
            assertThat(sim.engine("BTCUSDT").lastUpdateId()).isEqualTo(updateId);
        }
    }
}
