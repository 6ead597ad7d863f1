package io.exchangebus.connectors.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.contract.ReplayedBook;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.testing.DeribitSimulatorProbe;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.Trade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the contract does not cover, against the Deribit simulator: a top N from the grouped channel equal to the
 * simulator's book, and trades numbered one by one by {@code trade_seq} on the raw channel of a logged-in session.
 */
class DeribitSubscriberIT {

    private final List<BookUpdate> books = new CopyOnWriteArrayList<>();
    private final List<Trade> trades = new CopyOnWriteArrayList<>();
    private final List<MalformedFrame> malformed = new CopyOnWriteArrayList<>();
    private DeribitSimulatorProbe probe;
    private DeribitSubscriber subscriber;

    @BeforeEach
    void start() {
        probe = DeribitSimulatorProbe.start(b -> b.tradesPerStep(3));
        subscriber = new DeribitSubscriber(probe.accountConfig(DeribitGrantType.CLIENT_CREDENTIALS),
                probe.instruments());
        assertThat(subscriber.connect(new Subscriber.Listener() {
            @Override
            public void onBookUpdate(BookUpdate update) {
                books.add(update);
            }

            @Override
            public void onTrade(Trade trade) {
                trades.add(trade);
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
                malformed.add(frame);
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
            }
        }).join().isOk()).isTrue();
    }

    @AfterEach
    void stop() {
        subscriber.close();
        probe.close();
    }

    @Test
    void shouldServeTopTenFromTheGroupedChannelEqualToTheSimulatorsBook() {
        Result<?> subscribed = subscriber.subscribeOrderBook(probe.instrument().id(), 5, Duration.ofMillis(100))
                .join();
        assertThat(subscribed.isOk()).as("%s", subscribed).isTrue();

        DeribitSubscriberTest.await("top 5 equal to the simulator's", () -> {
            List<BookUpdate> all = new ArrayList<>(books);
            return !all.isEmpty() && ReplayedBook.of(all).topEquals(probe.trueBook(5), 5);
        });
        assertThat(books).allSatisfy(b -> {
            assertThat(b.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
            assertThat(b.getDepth()).isEqualTo(5);
            assertThat(b.getBids().size()).isLessThanOrEqualTo(5);
        });
        assertThat(malformed).isEmpty();
    }

    @Test
    void shouldNumberRawTradesOneByOneByTradeSeq() {
        assertThat(subscriber.subscribeTrades(probe.instrument().id()).join().isOk()).isTrue();

        DeribitSubscriberTest.await("some trades", () -> trades.size() >= 5);

        List<Long> seqs = new ArrayList<>(trades).stream().map(Trade::getTradeSequence).toList();
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("trade_seq after %s", seqs.get(i - 1)).isEqualTo(seqs.get(i - 1) + 1);
        }
        assertThat(trades).allSatisfy(t -> assertThat(t.getSymbol()).isEqualTo("BTC-PERPETUAL"));
        assertThat(malformed).isEmpty();
    }

    @Test
    void shouldBackfillTheTradesAfterATradeSeqAsTheStreamDeliveredThem() {
        assertThat(subscriber.subscribeTrades(probe.instrument().id()).join().isOk()).isTrue();
        DeribitSubscriberTest.await("some trades", () -> trades.size() >= 6);
        List<Trade> streamed = new ArrayList<>(trades);
        Trade first = streamed.get(0);

        List<Trade> history = subscriber.tradesAfter(probe.instrument().id(),
                Long.toString(first.getTradeSequence()), 5).join().value();

        assertThat(history).hasSize(5);
        assertThat(history).extracting(Trade::getTradeSequence)
                .containsExactlyElementsOf(streamed.subList(1, 6).stream().map(Trade::getTradeSequence).toList());
        assertThat(history).extracting(Trade::getTradeId)
                .containsExactlyElementsOf(streamed.subList(1, 6).stream().map(Trade::getTradeId).toList());
        for (int i = 0; i < 5; i++) {
            assertThat(history.get(i).getPrice()).isEqualByComparingTo(streamed.get(i + 1).getPrice());
            assertThat(history.get(i).getQuantity()).isEqualByComparingTo(streamed.get(i + 1).getQuantity());
        }
    }
}
