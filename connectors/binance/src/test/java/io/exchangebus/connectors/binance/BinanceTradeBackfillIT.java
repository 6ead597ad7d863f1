package io.exchangebus.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.testing.BinanceSimulatorProbe;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.Trade;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link BinanceSubscriber#tradesAfter} against the simulator: the trades it fetches over REST (spot
 * historicalTrades, USD-M aggTrades) are the trades the stream delivered for the same ids, field for field but the
 * receive time, and paging from the last id had continues without a gap.
 */
class BinanceTradeBackfillIT {

    private BinanceSimulatorProbe probe;
    private BinanceSubscriber subscriber;
    private final List<Trade> streamed = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        if (subscriber != null) {
            subscriber.close();
        }
        if (probe != null) {
            probe.close();
        }
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldBackfillTheSameTradesTheStreamDelivered(BinanceVenue venue) throws Exception {
        probe = BinanceSimulatorProbe.start(venue, b -> b.marketDataInterval(Duration.ofMillis(20)).tradesPerStep(2));
        // No key: the trade history is public (security type NONE on both families).
        subscriber = new BinanceSubscriber(BinanceConfig.builder(probe.endpoints()).build(), probe.instruments());
        connectAndSubscribe();
        awaitTrades(12);
        List<Trade> seen = List.copyOf(streamed);

        Result<List<Trade>> page = subscriber.tradesAfter(probe.instrument().id(), seen.get(0).getTradeId(), 5)
                .get(10, TimeUnit.SECONDS);

        assertThat(page.isOk()).as("backfilled: %s", page).isTrue();
        assertThat(page.value()).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertSameTrade(page.value().get(i), seen.get(i + 1));
        }

        Result<List<Trade>> rest = subscriber.tradesAfter(probe.instrument().id(),
                page.value().get(4).getTradeId(), 1000).get(10, TimeUnit.SECONDS);

        assertThat(rest.isOk()).as("next page: %s", rest).isTrue();
        assertThat(rest.value().size()).isGreaterThanOrEqualTo(seen.size() - 6);
        for (int i = 6; i < seen.size(); i++) {
            assertSameTrade(rest.value().get(i - 6), seen.get(i));
        }
        long previous = Long.parseLong(page.value().get(4).getTradeId());
        for (Trade t : rest.value()) {
            assertThat(Long.parseLong(t.getTradeId())).as("ids follow on").isEqualTo(previous + 1);
            previous++;
        }
    }

    private static void assertSameTrade(Trade backfilled, Trade fromStream) {
        assertThat(backfilled.getTradeId()).isEqualTo(fromStream.getTradeId());
        assertThat(backfilled.getExchange()).isEqualTo(fromStream.getExchange());
        assertThat(backfilled.getSymbol()).isEqualTo(fromStream.getSymbol());
        assertThat(backfilled.getInstrumentId()).isEqualTo(fromStream.getInstrumentId());
        assertThat(backfilled.getPrice()).isEqualTo(fromStream.getPrice());
        assertThat(backfilled.getQuantity()).isEqualTo(fromStream.getQuantity());
        assertThat(backfilled.getAggressorSide()).isEqualTo(fromStream.getAggressorSide());
        assertThat(backfilled.getExchangeTime()).isEqualTo(fromStream.getExchangeTime());
    }

    private void connectAndSubscribe() throws Exception {
        Result<Void> connected = subscriber.connect(new Subscriber.Listener() {
            @Override
            public void onBookUpdate(BookUpdate update) {
            }

            @Override
            public void onTrade(Trade trade) {
                streamed.add(trade);
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
            }

            @Override
            public void onConnectionEvent(io.exchangebus.connectors.core.connection.ConnectionEvent event) {
            }
        }).get(10, TimeUnit.SECONDS);
        assertThat(connected.isOk()).as("connected: %s", connected).isTrue();
        assertThat(subscriber.subscribeTrades(probe.instrument().id()).get(10, TimeUnit.SECONDS).isOk()).isTrue();
    }

    private void awaitTrades(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (streamed.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(streamed).as("trades streamed").hasSizeGreaterThanOrEqualTo(count);
    }
}
