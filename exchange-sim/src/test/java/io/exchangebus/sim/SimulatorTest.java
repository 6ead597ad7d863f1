package io.exchangebus.sim;

import static io.exchangebus.sim.engine.Side.BUY;
import static io.exchangebus.sim.engine.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.PriceLevel;
import io.exchangebus.sim.engine.RejectReason;
import io.exchangebus.sim.engine.Side;
import io.exchangebus.sim.market.GeneratorConfig;
import io.exchangebus.sim.market.MarketDataGenerator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final Simulator sim = Simulator.builder().clock(clock)
            .instrument(Instrument.spot("ETHUSDT", "ETH", "USDT", "0.01", "0.0001"))
            .instrument(Instrument.perpetual("ETH-PERP", "ETH", "USDT", "0.05", "0.001"))
            .firstIds(1_000_000, 500)
            .build();

    @Test
    void shouldRecordReceivedOrdersWithTheirTimestampsAndOutcome() {
        sim.accounts().create("alice");
        sim.accounts().deposit("alice", "USDT", "1000");
        CommandResult placed = sim.place("ETHUSDT", OrderRequest.limit("alice", BUY, "2000.00", "0.1")
                .withClientOrderId("c-1"));
        clock.advance(Duration.ofMillis(250));
        sim.place("ETHUSDT", OrderRequest.limit("alice", BUY, "2000.00", "1"));
        clock.advance(Duration.ofMillis(250));
        sim.cancel("ETHUSDT", "alice", placed.order().orderId());

        assertThat(sim.receivedOrders()).extracting(ReceivedOrderCommand::kind).containsExactly(
                ReceivedOrderCommand.Kind.PLACE, ReceivedOrderCommand.Kind.PLACE, ReceivedOrderCommand.Kind.CANCEL);
        assertThat(sim.receivedOrders()).extracting(ReceivedOrderCommand::receivedAt).containsExactly(
                Instant.parse("2026-03-01T12:00:00Z"), Instant.parse("2026-03-01T12:00:00.250Z"),
                Instant.parse("2026-03-01T12:00:00.500Z"));
        assertThat(sim.receivedOrders().get(0).request().clientOrderId()).isEqualTo("c-1");
        assertThat(sim.receivedOrders().get(1).rejectReason()).isEqualTo(RejectReason.INSUFFICIENT_BALANCE);
        assertThat(placed.order().orderId()).isEqualTo(1_000_000);
        assertThat(placed.order().createdAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
    }

    @Test
    void shouldExposeTrueBookAndKeepIdsUniqueAcrossInstruments() {
        sim.accounts().create("mm");
        sim.accounts().deposit("mm", "ETH", "10");
        sim.accounts().create("t");
        sim.accounts().deposit("t", "USDT", "100000");
        long spotId = sim.place("ETHUSDT", OrderRequest.limit("mm", SELL, "2001.50", "2")).order().orderId();
        long perpId = sim.place("ETH-PERP", OrderRequest.limit("mm", SELL, "2001.50", "2")).order().orderId();
        CommandResult trade = sim.place("ETH-PERP", OrderRequest.market("t", BUY, "0.5"));

        assertThat(perpId).isNotEqualTo(spotId);
        assertThat(trade.fills()).singleElement().satisfies(f -> assertThat(f.tradeId()).isEqualTo(500));
        assertThat(sim.book("ETHUSDT").asks()).containsExactly(PriceLevel.of("2001.5", "2"));
        assertThat(sim.book("ETH-PERP").asks()).containsExactly(PriceLevel.of("2001.5", "1.5"));
        assertThat(sim.accounts().position("t", "ETH-PERP").quantity()).isEqualByComparingTo(new BigDecimal("0.5"));
    }

    @Test
    void shouldStayConsistentWhenGeneratorAndClientsTradeConcurrently() throws Exception {
        Simulator live = Simulator.builder()
                .instrument(Instrument.spot("ETHUSDT", "ETH", "USDT", "0.01", "0.0001")).build();
        List<EngineEvent.BookDiff> diffs = Collections.synchronizedList(new ArrayList<>());
        live.addListener(e -> {
            if (e instanceof EngineEvent.BookDiff d) {
                diffs.add(d);
            }
        });
        for (String id : List.of("c1", "c2")) {
            live.accounts().create(id);
            live.accounts().deposit(id, "ETH", "1000");
            live.accounts().deposit(id, "USDT", "10000000");
        }
        MarketDataGenerator generator = live.marketData("ETHUSDT",
                GeneratorConfig.defaults(9, "2000.00").withStepInterval(Duration.ofMillis(1)));
        BigDecimal ethBefore = live.accounts().totalHeld("ETH");
        BigDecimal usdtBefore = live.accounts().totalHeld("USDT");
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (live) {
            generator.start();
            List<Future<?>> running = new ArrayList<>();
            for (String id : List.of("c1", "c2")) {
                running.add(clients.submit(() -> trade(live, id)));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.SECONDS);
            }
            generator.close();
        } finally {
            clients.shutdownNow();
        }

        BookSnapshot replayed = BookSnapshot.empty("ETHUSDT");
        for (EngineEvent.BookDiff diff : List.copyOf(diffs)) {
            assertThat(diff.previousUpdateId()).isEqualTo(replayed.lastUpdateId());
            replayed = replayed.apply(diff);
        }
        assertThat(replayed).isEqualTo(live.book("ETHUSDT"));
        assertThat(live.accounts().totalHeld("ETH").add(live.accounts().feesCollected("ETH")))
                .isEqualByComparingTo(ethBefore);
        assertThat(live.accounts().totalHeld("USDT").add(live.accounts().feesCollected("USDT")))
                .isEqualByComparingTo(usdtBefore);
    }

    private static void trade(Simulator live, String account) {
        Random random = new Random(account.hashCode());
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() < end) {
            Side side = random.nextBoolean() ? BUY : SELL;
            String price = "19" + (90 + random.nextInt(20)) + "." + (10 + random.nextInt(90));
            String price2 = new BigDecimal(price).add(BigDecimal.TEN).toPlainString();
            String qty = "0." + (1 + random.nextInt(9));
            switch (random.nextInt(4)) {
                case 0 -> live.place("ETHUSDT", OrderRequest.market(account, side, qty));
                case 1 -> live.cancelAll("ETHUSDT", account);
                default -> live.place("ETHUSDT", OrderRequest.limit(account, side, price2, qty));
            }
        }
    }

    @Test
    void shouldCloseManagedResourcesWhenClosed() {
        AtomicBoolean closed = new AtomicBoolean();
        sim.manage(() -> closed.set(true));

        sim.close();

        assertThat(closed).isTrue();
    }
}
