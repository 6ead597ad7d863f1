package io.exchangebus.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.sim.Simulator;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.market.GeneratorConfig;
import io.exchangebus.sim.market.MarketDataGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replay the checkpoints judge ingest by, fed with the diffs of a real matching engine (as BookUpdates shaped
 * like ingest's): it must give the engine's book exactly, and must not when an update is missing.
 */
class MarketBooksTest {
    private static final String SYMBOL = "BTCUSDT";
    private static final String KEY = "binance-spot:" + SYMBOL;

    private Simulator sim;
    private MarketDataGenerator generator;
    private final List<EngineEvent.BookDiff> diffs = new ArrayList<>();
    private final MarketBooks books = new MarketBooks();
    private long offset;

    @BeforeEach
    void market() {
        sim = Simulator.builder().instrument(Instrument.spot(SYMBOL, "BTC", "USDT", "0.01", "0.00001")).build();
        generator = sim.marketData(SYMBOL, GeneratorConfig.defaults(3, "60000.00"));
        sim.addListener(event -> {
            if (event instanceof EngineEvent.BookDiff) {
                diffs.add((EngineEvent.BookDiff) event);
            }
        });
        for (int i = 0; i < 5; i++) {
            generator.step();
        }
    }

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void shouldReplayTheTrueBookFromASnapshotAndEveryDeltaAfterIt() {
        feed(snapshot(sim.book(SYMBOL), false));
        diffs.clear();
        steps(20);
        diffs.forEach(d -> feed(delta(d)));

        BookSnapshot truth = sim.book(SYMBOL);
        assertThat(books.lastSequence(KEY)).isEqualTo(truth.lastUpdateId());
        assertThat(books.book(KEY, Integer.MAX_VALUE).sameLevelsAs(TopBook.ofTruth(truth, Integer.MAX_VALUE)))
                .isTrue();
        assertThat(books.book(KEY, 3).bids()).hasSize(3);
        assertThat(books.sequenceBreaks()).isZero();
        assertThat(books.records()).isEqualTo(1 + diffs.size());
    }

    @Test
    void shouldCountABreakAndShowAnotherBookWhenDeltasAreMissing() {
        feed(snapshot(sim.book(SYMBOL), false));
        diffs.clear();
        steps(20);
        for (int i = 0; i < diffs.size() - 1; i++) {
            if (i != 10) {
                feed(delta(diffs.get(i))); // the 11th and the last are lost
            }
        }

        BookSnapshot truth = sim.book(SYMBOL);
        assertThat(books.sequenceBreaks()).isEqualTo(1);
        assertThat(books.book(KEY, Integer.MAX_VALUE).sameLevelsAs(TopBook.ofTruth(truth, Integer.MAX_VALUE)))
                .isFalse();
    }

    @Test
    void shouldStartAgainFromAResyncSnapshotAndRecordIt() {
        feed(snapshot(sim.book(SYMBOL), false));
        steps(5);
        BookSnapshot resync = sim.book(SYMBOL);
        feed(snapshot(resync, true));

        assertThat(books.resyncs(KEY)).containsExactly(resync.lastUpdateId());
        assertThat(books.resyncCount()).isEqualTo(1);
        assertThat(books.book(KEY, Integer.MAX_VALUE).sameLevelsAs(TopBook.ofTruth(resync, Integer.MAX_VALUE)))
                .isTrue();
    }

    private void steps(int n) {
        for (int i = 0; i < n; i++) {
            generator.step();
        }
    }

    private void feed(BookUpdate update) {
        books.accept(new ConsumerRecord<>("market.book.v1", 0, offset++, KEY, update));
    }

    private static BookUpdate snapshot(BookSnapshot book, boolean resync) {
        return update(BookUpdateKind.SNAPSHOT, resync, book.lastUpdateId(), null, book.bids(), book.asks());
    }

    private static BookUpdate delta(EngineEvent.BookDiff diff) {
        return update(BookUpdateKind.DELTA, false, diff.lastUpdateId(), diff.firstUpdateId(), diff.bids(),
                diff.asks());
    }

    private static BookUpdate update(BookUpdateKind kind, boolean resync, long sequence, Long first,
                                     List<io.exchangebus.sim.engine.PriceLevel> bids,
                                     List<io.exchangebus.sim.engine.PriceLevel> asks) {
        return BookUpdate.newBuilder().setExchange("binance-spot").setSymbol(SYMBOL).setInstrumentId("BTC-USDT")
                .setKind(kind).setResync(resync).setDepth(0).setSequence(sequence).setFirstSequence(first)
                .setBids(levels(bids)).setAsks(levels(asks)).setReceiveTime(Instant.now()).build();
    }

    private static List<PriceLevel> levels(List<io.exchangebus.sim.engine.PriceLevel> levels) {
        return levels.stream().map(l -> new PriceLevel(l.price(), l.quantity())).toList();
    }
}
