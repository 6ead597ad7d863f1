package io.exchangebus.connectors.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;

/**
 * Random "truth" streams of level changes; diffs derived from them with dropped, repeated and swapped diffs;
 * snapshots served on request, late and at the truth of some id near the stream's position (possibly behind
 * diffs already buffered, possibly ahead). What must hold, for both sequence rules:
 * <ul>
 * <li>every emitted snapshot (first sync or resync) and every emitted delta leaves the local book equal to the
 *     truth at the emitted sequence;</li>
 * <li>nothing is emitted while the book is invalid;</li>
 * <li>every top-N view equals the truth's top N at its sequence, views are at least an interval apart, and the
 *     latest state is published once the stream goes quiet;</li>
 * <li>after the stream, a snapshot of the truth's last id brings the book in sync at that id.</li>
 * </ul>
 */
class BookSyncPropertyTest {
    private static final long MS = 1_000_000L;
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final String[] QUANTITIES = {"0", "0.5", "1", "1.25000000", "2.00000001", "0.00000001", "10"};

    /** One level change of the truth: side, price tick away from 100, how the price is written, quantity. */
    record Change(boolean bid, int tick, int extraScale, int quantity) {
        Level level() {
            BigDecimal offset = new BigDecimal("0.01").multiply(BigDecimal.valueOf(tick + 1));
            BigDecimal price = (bid ? BigDecimal.valueOf(100).subtract(offset) : BigDecimal.valueOf(100).add(offset))
                    .setScale(2 + extraScale);
            return new Level(price, new BigDecimal(QUANTITIES[quantity]));
        }
    }

    record Scenario(List<Change> changes, List<Integer> diffSizes, List<Integer> faults,
                    List<Integer> snapshotDelays, List<Integer> snapshotOffsets, List<Integer> clockStepsMs,
                    int topN, int maxBuffered) {
    }

    @Property(tries = 1000)
    void binanceSpotRangesStayInSyncUnderGapsDuplicatesAndReordering(@ForAll("scenarios") Scenario scenario) {
        new Run(ContiguousRangeRule.INSTANCE, scenario).execute();
    }

    @Property(tries = 1000)
    void previousIdLinkStaysInSyncUnderGapsDuplicatesAndReordering(@ForAll("scenarios") Scenario scenario) {
        new Run(PreviousIdLinkRule.INSTANCE, scenario).execute();
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Change> change = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, QUANTITIES.length - 1))
                .as(Change::new);
        return Combinators.combine(
                change.list().ofMinSize(1).ofMaxSize(300).withSizeDistribution(RandomDistribution.uniform()),
                Arbitraries.integers().between(1, 4).list().ofMinSize(1).ofMaxSize(10),
                Arbitraries.integers().between(0, 49).list().ofMinSize(1).ofMaxSize(60)
                        .withSizeDistribution(RandomDistribution.uniform()),
                Arbitraries.integers().between(0, 5).list().ofMinSize(1).ofMaxSize(10),
                Arbitraries.integers().between(-12, 6).list().ofMinSize(1).ofMaxSize(10),
                Arbitraries.integers().between(0, 60).list().ofMinSize(1).ofMaxSize(10),
                Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(2, 40))
                .as(Scenario::new);
    }

    /** One run of a scenario against one rule. */
    private static final class Run implements BookSyncListener {
        private final Scenario s;
        private final List<List<Level>> truthBids = new ArrayList<>();
        private final List<List<Level>> truthAsks = new ArrayList<>();
        private final List<BookDiff> diffs = new ArrayList<>();
        private final AtomicLong nanos = new AtomicLong(1_000 * MS);
        private final Deque<long[]> snapshotRequests = new ArrayDeque<>(); // {due step}
        private final List<TopNBook> views = new ArrayList<>();
        private final List<Long> viewTimes = new ArrayList<>();
        private final TopNPublisher publisher;
        private final BookSynchronizer sync;
        private boolean valid;
        private int step;
        private long exchangePosition;
        private int deltas;
        private int snapshots;
        private int resyncs;

        Run(SequenceRule rule, Scenario s) {
            this.s = s;
            buildTruthAndDiffs();
            publisher = new TopNPublisher(s.topN(), INTERVAL, nanos::get, this::onView);
            sync = new BookSynchronizer(rule, s.maxBuffered(), this,
                    () -> snapshotRequests.add(new long[] {step + cycle(s.snapshotDelays(), snapshotRequests.size())}),
                    nanos::get);
        }

        void execute() {
            sync.start();
            List<Integer> deliveryOrder = deliveryOrder();
            for (step = 0; step < deliveryOrder.size(); step++) {
                serveDueSnapshots();
                int index = deliveryOrder.get(step);
                exchangePosition = Math.max(exchangePosition, diffs.get(index).lastUpdateId());
                sync.onDiff(diffs.get(index));
                nanos.addAndGet(cycle(s.clockStepsMs(), step) * MS);
                publisher.tick();
            }
            // The stream is over: the truth's last state, served as a snapshot, must bring the book in sync.
            int last = truthBids.size() - 1;
            sync.onSnapshot(snapshotAt(last));
            assertThat(sync.state()).isEqualTo(SyncState.SYNCED);
            assertThat(sync.lastUpdateId()).isEqualTo(last);
            assertTruth(sync.book(), last);
            nanos.addAndGet(INTERVAL.toNanos());
            publisher.tick();
            TopNBook latest = views.get(views.size() - 1);
            assertThat(latest.bids()).isEqualTo(top(truthBids.get(last)));
            assertThat(latest.asks()).isEqualTo(top(truthAsks.get(last)));
            BookSyncStats stats = sync.stats();
            assertThat(stats.updatesApplied()).isEqualTo(snapshots + deltas);
            assertThat(stats.resyncs()).isEqualTo(resyncs);
            Statistics.label("gaps").collect(stats.gaps() == 0 ? "0" : stats.gaps() < 3 ? "1-2" : "3+");
            Statistics.label("resyncs").collect(stats.resyncs() == 0 ? "0" : stats.resyncs() < 3 ? "1-2" : "3+");
            Statistics.label("duplicates").collect(stats.duplicates() > 0);
            Statistics.label("stale snapshots").collect(stats.staleSnapshots() > 0);
            Statistics.label("buffer overflows").collect(stats.bufferOverflows() > 0);
            Statistics.label("deltas emitted").collect(deltas == 0 ? "0" : deltas < 20 ? "1-19" : "20+");
        }

        @Override
        public void onSnapshot(OrderBook book, long sequence, boolean resync, Instant exchangeTime) {
            assertThat(sync.state()).isEqualTo(SyncState.SYNCED);
            assertTruth(book, sequence);
            valid = true;
            snapshots++;
            resyncs += resync ? 1 : 0;
            publisher.onSnapshot(book, sequence, resync, exchangeTime);
        }

        @Override
        public void onDelta(BookDiff diff, OrderBook book) {
            assertThat(valid).as("delta emitted while the book is invalid").isTrue();
            assertThat(sync.state()).isEqualTo(SyncState.SYNCED);
            assertTruth(book, diff.lastUpdateId());
            deltas++;
            publisher.onDelta(diff, book);
        }

        @Override
        public void onInvalidated() {
            valid = false;
            publisher.onInvalidated();
        }

        private void onView(TopNBook view) {
            assertThat(valid).as("top-N emitted while the book is invalid").isTrue();
            assertThat(view.bids()).isEqualTo(top(truthBids.get((int) view.sequence())));
            assertThat(view.asks()).isEqualTo(top(truthAsks.get((int) view.sequence())));
            if (!viewTimes.isEmpty()) {
                assertThat(nanos.get() - viewTimes.get(viewTimes.size() - 1)).isGreaterThanOrEqualTo(
                        INTERVAL.toNanos());
            }
            views.add(view);
            viewTimes.add(nanos.get());
        }

        private void serveDueSnapshots() {
            for (int i = snapshotRequests.size(); i > 0; i--) {
                long[] request = snapshotRequests.poll();
                if (request[0] <= step) {
                    // The exchange's snapshot: near where its stream is, sometimes behind diffs already sent.
                    long id = exchangePosition + cycle(s.snapshotOffsets(), step);
                    sync.onSnapshot(snapshotAt((int) Math.max(0, Math.min(id, truthBids.size() - 1))));
                } else {
                    snapshotRequests.add(request);
                }
            }
        }

        private BookSnapshot snapshotAt(int id) {
            return new BookSnapshot(id, truthBids.get(id), truthAsks.get(id), null);
        }

        /** Ids 1..M, one change each; diffs cover consecutive ranges; each diff holds the last level per price. */
        private void buildTruthAndDiffs() {
            OrderBook truth = new OrderBook();
            truthBids.add(List.of());
            truthAsks.add(List.of());
            int id = 1;
            int d = 0;
            long previous = 0;
            while (id <= s.changes().size()) {
                int size = Math.min(cycle(s.diffSizes(), d++), s.changes().size() - id + 1);
                TreeMap<BigDecimal, Level> bids = new TreeMap<>();
                TreeMap<BigDecimal, Level> asks = new TreeMap<>();
                int first = id;
                for (int k = 0; k < size; k++, id++) {
                    Change change = s.changes().get(id - 1);
                    Level level = change.level();
                    (change.bid() ? bids : asks).put(level.price(), level);
                    truth.apply(change.bid() ? BookSide.BID : BookSide.ASK, level);
                    truthBids.add(truth.top(BookSide.BID, 0));
                    truthAsks.add(truth.top(BookSide.ASK, 0));
                }
                diffs.add(new BookDiff(first, id - 1, previous, new ArrayList<>(bids.values()),
                        new ArrayList<>(asks.values()), null));
                previous = id - 1;
            }
        }

        /** Indices into {@code diffs} in delivery order: some dropped, some repeated later, some swapped. */
        private List<Integer> deliveryOrder() {
            List<Integer> order = new ArrayList<>();
            for (int j = 0; j < diffs.size(); j++) {
                int fault = cycle(s.faults(), j);
                if (fault < 4) {
                    continue;                       // dropped: a gap
                }
                if (fault < 6) {
                    order.add(j);                   // repeated at once
                    order.add(j);
                } else if (fault < 8 && j + 1 < diffs.size()) {
                    order.add(j);                   // repeated after the next one
                    order.add(j + 1);
                    order.add(j);
                    j++;
                } else if (fault < 12 && j + 1 < diffs.size()) {
                    order.add(j + 1);               // swapped with the next one
                    order.add(j);
                    j++;
                } else {
                    order.add(j);
                }
            }
            return order;
        }

        private void assertTruth(OrderBook book, long sequence) {
            assertThat(book.top(BookSide.BID, 0)).as("bids at %d", sequence).isEqualTo(truthBids.get((int) sequence));
            assertThat(book.top(BookSide.ASK, 0)).as("asks at %d", sequence).isEqualTo(truthAsks.get((int) sequence));
        }

        private List<Level> top(List<Level> side) {
            return side.subList(0, Math.min(s.topN(), side.size()));
        }

        private static int cycle(List<Integer> values, int i) {
            return values.get(i % values.size());
        }
    }
}
