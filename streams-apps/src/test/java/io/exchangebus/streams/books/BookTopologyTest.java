package io.exchangebus.streams.books;

import static io.exchangebus.streams.books.BookEvents.levels;
import static io.exchangebus.streams.books.BookEvents.none;
import static io.exchangebus.streams.books.BooksDriver.shown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.ConsolidatedQuote;
import io.exchangebus.events.VenueQuote;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.streams.EventSerdes;
import io.exchangebus.streams.InvalidEventException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The book topology in the real Streams runtime (TopologyTestDriver), with the real schema registry's serdes. */
@ExtendWith(LocalStackExtension.class)
class BookTopologyTest {
    private static final BookViewSettings EVERY_CHANGE = new BookViewSettings(3, Duration.ZERO);

    private static EventSerdes serdes;

    @TempDir
    Path stateDir;

    private final BookEvents spot = BookEvents.binanceSpotBtc();
    private final BookEvents usdm = BookEvents.binanceUsdmBtc();
    private final BookEvents grvt = BookEvents.grvtSpotBtc();

    @BeforeAll
    static void registry(LocalStack stack) {
        serdes = EventSerdes.forRegistry(stack.registryUrl());
    }

    @Test
    void shouldPublishTopLevelsOfSpotBookBuiltFromSnapshotAndContiguousDeltas() {
        try (BooksDriver books = new BooksDriver(serdes, EVERY_CHANGE, stateDir)) {
            books.send(spot, spot.snapshot(1027024,
                    levels("65000.10@1.5", "65000.00@2", "64999.90@3", "64999.80@4"),
                    levels("65000.20@0.5", "65000.30@1", "65000.40@2", "65000.50@3")));
            // Straddles the snapshot (U <= lastUpdateId + 1 <= u): removes the best bid, changes an ask.
            BookUpdate first = spot.spotDelta(1027020, 1027030, levels("65000.10@0"), levels("65000.30@1.25"));
            // Follows (U == u + 1): a new best bid, a new level inside the top 3 asks.
            BookUpdate second = spot.spotDelta(1027031, 1027035, levels("65000.15@0.75"), levels("65000.25@9"));
            books.send(spot, first, second);

            List<BookUpdate> views = books.views();
            assertThat(views).hasSize(3);
            BookUpdate last = views.get(2);
            assertThat(shown(last.getBids())).containsExactly("65000.15@0.75", "65000@2", "64999.9@3");
            assertThat(shown(last.getAsks())).containsExactly("65000.2@0.5", "65000.25@9", "65000.3@1.25");
            assertThat(last.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
            assertThat(last.getDepth()).isEqualTo(3);
            assertThat(last.getSequence()).isEqualTo(1027035);
            assertThat(last.getPreviousSequence()).isNull();
            assertThat(last.getFirstSequence()).isNull();
            assertThat(last.getResync()).isFalse();
            assertThat(last.getReceiveTime()).isEqualTo(second.getReceiveTime());
            assertThat(last.getExchangeTime()).isEqualTo(second.getExchangeTime());
            assertThat(last.getInstrumentId()).isEqualTo("BTC-USDT");
            assertThat(shown(views.get(0).getBids())).containsExactly("65000.1@1.5", "65000@2", "64999.9@3");
            // The full depth is kept, beyond the view.
            assertThat(shown(books.books().get(spot.key()).bids()))
                    .containsExactly("65000.15@0.75", "65000@2", "64999.9@3", "64999.8@4");
        }
    }

    @Test
    void shouldPublishTopLevelsOfUsdmBookLinkedByPreviousSequence() {
        try (BooksDriver books = new BooksDriver(serdes, EVERY_CHANGE, stateDir)) {
            books.send(usdm, usdm.snapshot(500, levels("65010.0@10", "65009.9@20"), levels("65010.1@5", "65010.2@6")));
            books.send(usdm,
                    // USD-M's first diff: U <= lastUpdateId < u; its pu is older than the snapshot.
                    usdm.usdmDelta(495, 504, 494, levels("65009.9@0", "65009.5@1"), none()),
                    // Later diffs tile by pu alone: U is not u + 1 on USD-M.
                    usdm.usdmDelta(507, 510, 504, none(), levels("65010.1@0", "65010.3@7")),
                    usdm.usdmDelta(511, 515, 510, levels("65010.05@2"), none()));

            List<BookUpdate> views = books.views();
            BookUpdate last = views.get(views.size() - 1);
            assertThat(shown(last.getBids())).containsExactly("65010.05@2", "65010@10", "65009.5@1");
            assertThat(shown(last.getAsks())).containsExactly("65010.2@6", "65010.3@7");
            assertThat(last.getSequence()).isEqualTo(515);
            assertThat(last.getInstrumentId()).isEqualTo("BTC-USDT-PERP");
            assertThat(books.counter("sequence-gap-total")).isZero();
        }
    }

    @Test
    void shouldMarkBookStaleOnSequenceGapAndPublishNothingUntilNextSnapshot() {
        try (BooksDriver books = new BooksDriver(serdes, EVERY_CHANGE, stateDir)) {
            books.send(grvt, grvt.snapshot(10, levels("64990@1"), levels("65020@1")));
            books.send(spot, spot.snapshot(100, levels("65000@1", "64999@2"), levels("65001@1", "65002@2")));
            books.send(spot, spot.spotDelta(101, 102, levels("65000@3"), none()));
            books.views();
            assertThat(venues(last(books.quotes()))).containsExactly("binance-spot", "grvt");

            // 103 is lost: 104 does not follow 102. What follows 104 must not revive the book either.
            books.send(spot,
                    spot.spotDelta(104, 105, levels("65000.5@1"), none()),
                    spot.spotDelta(106, 107, levels("64999@0"), none()));

            assertThat(books.views()).isEmpty();
            ConsolidatedQuote withoutSpot = last(books.quotes());
            assertThat(venues(withoutSpot)).containsExactly("grvt");
            assertThat(withoutSpot.getBestBidExchange()).isEqualTo("grvt");
            assertThat(withoutSpot.getBestBidPrice()).isEqualByComparingTo("64990");
            FullDepthBook stale = books.books().get(spot.key());
            assertThat(stale.stale()).isTrue();
            assertThat(stale.bids()).isEmpty();
            assertThat(books.counter("sequence-gap-total")).isEqualTo(1);
            assertThat(books.counter("delta-without-book-total")).isEqualTo(1);

            books.send(spot, spot.snapshot(110, levels("65000.7@1", "65000@4"), levels("65001@2")));

            List<BookUpdate> views = books.views();
            assertThat(views).hasSize(1);
            assertThat(shown(views.get(0).getBids())).containsExactly("65000.7@1", "65000@4");
            assertThat(shown(views.get(0).getAsks())).containsExactly("65001@2");
            assertThat(views.get(0).getSequence()).isEqualTo(110);
            ConsolidatedQuote back = last(books.quotes());
            assertThat(venues(back)).containsExactly("binance-spot", "grvt");
            assertThat(back.getBestBidExchange()).isEqualTo("binance-spot");
            assertThat(back.getBestBidPrice()).isEqualByComparingTo("65000.7");
        }
    }

    @Test
    void shouldIgnoreOldDuplicateDeltas() {
        try (BooksDriver books = new BooksDriver(serdes, EVERY_CHANGE, stateDir)) {
            BookUpdate before = spot.spotDelta(90, 100, levels("64000@9"), none());
            BookUpdate first = spot.spotDelta(101, 102, levels("65000@3"), none());
            books.send(spot, spot.snapshot(100, levels("65000@1"), levels("65001@1")), first);
            books.views();
            books.quotes();

            // A diff the snapshot already holds, and a redelivery of the applied diff.
            books.send(spot, before, spot.spotDelta(101, 102, levels("65000@7"), none()));

            assertThat(books.views()).isEmpty();
            assertThat(books.quotes()).isEmpty();
            FullDepthBook book = books.books().get(spot.key());
            assertThat(book.sequence()).isEqualTo(102);
            assertThat(shown(book.bids())).containsExactly("65000@3");
            assertThat(books.counter("duplicate-delta-total")).isEqualTo(2);
            assertThat(books.counter("sequence-gap-total")).isZero();
        }
    }

    @Test
    void shouldIgnoreDeltasBeforeAnySnapshot() {
        try (BooksDriver books = new BooksDriver(serdes, EVERY_CHANGE, stateDir)) {
            books.send(spot, spot.spotDelta(101, 102, levels("65000@3"), none()));

            assertThat(books.views()).isEmpty();
            assertThat(books.quotes()).isEmpty();
            assertThat(books.books().get(spot.key())).isNull();
            assertThat(books.counter("delta-without-book-total")).isEqualTo(1);
        }
    }

    @Test
    void shouldThrottleViewsToIntervalAndPublishLatestTopLevelsOnTrailingEdge() {
        BookViewSettings oneSecond = new BookViewSettings(2, Duration.ofSeconds(1));
        try (BooksDriver books = new BooksDriver(serdes, oneSecond, stateDir)) {
            books.send(spot, spot.snapshot(100, levels("65000@1", "64999@1"), levels("65001@1", "65002@1")));
            assertThat(books.views()).hasSize(1);

            books.send(spot,
                    spot.spotDelta(101, 101, levels("65000@2"), none()),
                    spot.spotDelta(102, 102, levels("65000@3"), none()),
                    spot.spotDelta(103, 103, none(), levels("65001@4")));
            books.advanceWallClock(Duration.ofMillis(600));
            assertThat(books.views()).isEmpty();

            books.advanceWallClock(Duration.ofMillis(400));
            List<BookUpdate> trailing = books.views();
            assertThat(trailing).hasSize(1);
            assertThat(shown(trailing.get(0).getBids())).containsExactly("65000@3", "64999@1");
            assertThat(shown(trailing.get(0).getAsks())).containsExactly("65001@4", "65002@1");
            assertThat(trailing.get(0).getSequence()).isEqualTo(103);

            books.advanceWallClock(Duration.ofSeconds(3));
            assertThat(books.views()).isEmpty();

            // The interval has passed: the next change goes out at once, and starts a new interval.
            books.send(spot, spot.spotDelta(104, 104, levels("65000@5"), none()));
            assertThat(books.views()).hasSize(1);
        }
    }

    @Test
    void shouldNotPublishViewWhenTopLevelsDidNotChange() {
        BookViewSettings oneSecond = new BookViewSettings(2, Duration.ofSeconds(1));
        try (BooksDriver books = new BooksDriver(serdes, oneSecond, stateDir)) {
            books.send(spot, spot.snapshot(100, levels("65000@1", "64999@1", "64998@1"), levels("65001@1")));
            books.views();

            books.send(spot,
                    // Below the top 2.
                    spot.spotDelta(101, 101, levels("64998@5"), none()),
                    // The same quantity at another scale.
                    spot.spotDelta(102, 102, levels("65000@1.000"), none()),
                    // Changed within the interval, then changed back before it passed.
                    spot.spotDelta(103, 103, levels("64999@2"), none()),
                    spot.spotDelta(104, 104, levels("64999@1"), none()));
            books.advanceWallClock(Duration.ofSeconds(5));

            assertThat(books.views()).isEmpty();
            assertThat(books.books().get(spot.key()).sequence()).isEqualTo(104);
        }
    }

    @Test
    void shouldConsolidateGrvtsPerpetualWithBinanceUsdmsAsOneInstrument() {
        BookEvents grvtPerp = BookEvents.grvtPerpBtc();
        try (BooksDriver books = new BooksDriver(serdes, EVERY_CHANGE, stateDir)) {
            books.send(usdm, usdm.snapshot(300, levels("65100@9"), levels("65100.1@9")));
            // GRVT's v1.book.s: top-N snapshots only.
            books.send(grvtPerp, grvtPerp.snapshot(0, levels("65100.05@2"), levels("65100.2@1")));

            ConsolidatedQuote perp = lastOf(books.quotes(), "BTC-USDT-PERP");
            assertThat(venues(perp)).containsExactly("binance-usdm", "grvt");
            assertThat(perp.getBestBidExchange()).isEqualTo("grvt");
            assertThat(perp.getBestBidPrice()).isEqualByComparingTo("65100.05");
            assertThat(perp.getBestAskExchange()).isEqualTo("binance-usdm");
            assertThat(perp.getBestAskPrice()).isEqualByComparingTo("65100.1");
        }
    }

    @Test
    void shouldConsolidateBestBidAndAskAcrossExchangesQuotingOneInstrument() {
        try (BooksDriver books = new BooksDriver(serdes, EVERY_CHANGE, stateDir)) {
            books.send(spot, spot.snapshot(100, levels("65000.10@1"), levels("65000.40@1")));
            books.send(grvt, grvt.snapshot(7, levels("65000.00@5"), levels("65000.30@2")));
            books.send(usdm, usdm.snapshot(300, levels("65100@9"), levels("65100.1@9")));

            List<ConsolidatedQuote> quotes = books.quotes();
            ConsolidatedQuote btc = lastOf(quotes, "BTC-USDT");
            assertThat(venues(btc)).containsExactly("binance-spot", "grvt");
            assertThat(btc.getBestBidExchange()).isEqualTo("binance-spot");
            assertThat(btc.getBestBidPrice()).isEqualByComparingTo("65000.10");
            assertThat(btc.getBestBidQuantity()).isEqualByComparingTo("1");
            assertThat(btc.getBestAskExchange()).isEqualTo("grvt");
            assertThat(btc.getBestAskPrice()).isEqualByComparingTo("65000.30");
            assertThat(btc.getBestAskQuantity()).isEqualByComparingTo("2");
            assertThat(btc.getUpdateTime()).isEqualTo(grvt.snapshot(8, none(), none()).getReceiveTime().minusMillis(1));
            // The perpetual is another instrument: not consolidated with spot.
            assertThat(venues(lastOf(quotes, "BTC-USDT-PERP"))).containsExactly("binance-usdm");

            // Price tie on the bid: the larger quantity wins.
            books.send(grvt, grvt.spotDelta(8, 8, levels("65000.1@3"), none()));
            assertThat(last(books.quotes()).getBestBidExchange()).isEqualTo("grvt");
            // Price and quantity tie: the smaller exchange id wins.
            books.send(grvt, grvt.spotDelta(9, 9, levels("65000.1@1"), none()));
            ConsolidatedQuote tie = last(books.quotes());
            assertThat(tie.getBestBidExchange()).isEqualTo("binance-spot");
            VenueQuote grvtQuote = tie.getVenues().get(1);
            assertThat(grvtQuote.getBidPrice()).isEqualByComparingTo("65000.1");
            assertThat(grvtQuote.getSequence()).isEqualTo(9);

            // The spot book goes stale: grvt alone is the best on both sides.
            books.send(spot, spot.spotDelta(105, 106, levels("65000.2@1"), none()));
            ConsolidatedQuote afterGap = last(books.quotes());
            assertThat(venues(afterGap)).containsExactly("grvt");
            assertThat(afterGap.getBestBidExchange()).isEqualTo("grvt");
            assertThat(afterGap.getBestAskExchange()).isEqualTo("grvt");
            assertThat(afterGap.getBestAskPrice()).isEqualByComparingTo("65000.30");
        }
    }

    @Test
    void shouldLeaveBookUnchangedByBrokenEventAndGoOn() {
        Properties continueOnError = new Properties();
        continueOnError.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class.getName());
        try (BooksDriver books = new BooksDriver(serdes, EVERY_CHANGE, stateDir, continueOnError)) {
            books.send(spot, spot.snapshot(100, levels("65000@1"), levels("65001@1")));
            books.views();
            books.quotes();

            // The negative quantity comes last: nothing before it may have been applied either.
            books.send(spot, spot.spotDelta(101, 101, levels("65000@2"), levels("65001@-1")));

            assertThat(books.views()).isEmpty();
            assertThat(books.quotes()).isEmpty();
            FullDepthBook book = books.books().get(spot.key());
            assertThat(book.sequence()).isEqualTo(100);
            assertThat(shown(book.bids())).containsExactly("65000@1");
            assertThat(shown(book.asks())).containsExactly("65001@1");

            // The broken delta did not move the sequence: the next good one still follows the snapshot.
            books.send(spot, spot.spotDelta(101, 101, levels("65000@4"), none()));
            assertThat(shown(last(books.views()).getBids())).containsExactly("65000@4");
        }
    }

    @Test
    void shouldRefuseBrokenEventsWithInvalidEventException() {
        try (BooksDriver books = new BooksDriver(serdes, EVERY_CHANGE, stateDir)) {
            books.send(spot, spot.snapshot(100, levels("65000@1"), levels("65001@1")));

            assertThatThrownBy(() -> books.send(spot, spot.spotDelta(101, 101, levels("65000@-0.5"), none())))
                    .hasRootCauseInstanceOf(InvalidEventException.class)
                    .hasStackTraceContaining("negative bids level at index 0: price 65000, quantity -0.5");
            assertThatThrownBy(() -> books.sendWithKey("grvt:BTC_USDT", spot.spotDelta(101, 101, none(), none())))
                    .hasRootCauseInstanceOf(InvalidEventException.class)
                    .hasStackTraceContaining(
                            "key 'grvt:BTC_USDT' is not the value's exchange:symbol 'binance-spot:BTCUSDT'");
            assertThatThrownBy(() -> books.send(spot, spot.snapshot(102, none(), levels("-1@1"))))
                    .hasRootCauseInstanceOf(InvalidEventException.class)
                    .hasStackTraceContaining("negative asks level");
        }
    }

    private static List<String> venues(ConsolidatedQuote quote) {
        return quote.getVenues().stream().map(VenueQuote::getExchange).collect(Collectors.toList());
    }

    private static <T> T last(List<T> records) {
        assertThat(records).isNotEmpty();
        return records.get(records.size() - 1);
    }

    private static ConsolidatedQuote lastOf(List<ConsolidatedQuote> quotes, String instrumentId) {
        return last(quotes.stream().filter(q -> q.getInstrumentId().equals(instrumentId)).collect(Collectors.toList()));
    }
}
