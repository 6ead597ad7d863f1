package io.exchangebus.connectors.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.book.BookMessage;
import io.exchangebus.connectors.core.book.BookUpdateMapper;
import io.exchangebus.connectors.core.book.FullBookManager;
import io.exchangebus.connectors.core.book.PreviousIdLinkRule;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.deribit.mapping.MarketMapping;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DeribitBookFeed} with core's {@link FullBookManager}: when a snapshot is asked for, and how. */
class DeribitBookFeedTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<BookUpdate> out = new CopyOnWriteArrayList<>();
    private final AtomicInteger resubscribes = new AtomicInteger();
    private final AtomicInteger failFirst = new AtomicInteger();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private DeribitBookFeed feed() {
        DeribitBookFeed feed = new DeribitBookFeed("book.BTC-PERPETUAL.raw", channel -> {
            resubscribes.incrementAndGet();
            return CompletableFuture.completedFuture(failFirst.getAndDecrement() > 0
                    ? Result.err(ExchangeError.network("deribit", "lost"))
                    : Result.ok(List.of(channel)));
        }, timer);
        feed.bind(new FullBookManager(PreviousIdLinkRule.INSTANCE, 100,
                new BookUpdateMapper("deribit", "BTC-PERPETUAL", "BTC-USD-PERP"), feed,
                (period, task) -> () -> { }, out::add));
        return feed;
    }

    private static BookMessage book(String type, Long previous, long id) {
        String json = "{\"type\":\"" + type + "\",\"timestamp\":1,\"instrument_name\":\"BTC-PERPETUAL\","
                + (previous == null ? "" : "\"prev_change_id\":" + previous + ",") + "\"change_id\":" + id
                + ",\"bids\":[[\"" + (type.equals("snapshot") ? "new" : "change") + "\",100," + id + "]],\"asks\":[]}";
        try {
            return MarketMapping.fullBook(ExactNumbers.exactMapper().readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldAskNothingAtStartAndResubscribeOnceOnAGap() {
        DeribitBookFeed feed = feed();
        feed.start(true);
        feed.book().attachFullDepth();

        feed.onMessage(book("snapshot", null, 100), Instant.EPOCH);
        feed.onMessage(book("change", 100L, 101), Instant.EPOCH);
        feed.onMessage(book("change", 150L, 151), Instant.EPOCH);
        feed.onMessage(book("change", 151L, 152), Instant.EPOCH);
        feed.onMessage(book("snapshot", null, 200), Instant.EPOCH);
        feed.onMessage(book("change", 200L, 201), Instant.EPOCH);

        assertThat(resubscribes.get()).isEqualTo(1);
        assertThat(out).extracting(BookUpdate::getSequence).containsExactly(100L, 101L, 200L, 201L);
        assertThat(out.get(2).getResync()).isTrue();
        assertThat(out.get(2).getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
        assertThat(feed.resyncs()).isEqualTo(1);
    }

    @Test
    void shouldWaitForTheNewSocketsSnapshotAfterADisconnect() {
        DeribitBookFeed feed = feed();
        feed.start(true);
        feed.book().attachFullDepth();
        feed.onMessage(book("snapshot", null, 100), Instant.EPOCH);

        feed.onDisconnected();
        feed.onConnected();
        feed.onMessage(book("snapshot", null, 300), Instant.EPOCH);

        assertThat(resubscribes.get()).isZero();
        assertThat(out).extracting(BookUpdate::getSequence).containsExactly(100L, 300L);
        assertThat(out.get(1).getResync()).isTrue();
    }

    @Test
    void shouldRetryAFailedResubscription() {
        failFirst.set(1);
        DeribitBookFeed feed = feed();
        feed.start(true);
        feed.book().attachFullDepth();
        feed.onMessage(book("snapshot", null, 100), Instant.EPOCH);

        feed.onGap();

        DeribitSubscriberTest.await("a second resubscription after the failed one", () -> resubscribes.get() == 2);
    }
}
