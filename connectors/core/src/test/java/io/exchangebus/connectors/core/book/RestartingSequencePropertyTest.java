package io.exchangebus.connectors.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * A GRVT-like exchange ({@code v1.book.d}): a "truth" book changed by random level updates, sent as deltas linked by
 * previous sequence, with in-stream snapshots that restart the numbering (at 0, or at some other number as the docs'
 * template shows), and faults: lost deltas, duplicates, older deltas sent again, gateway restarts that reset the
 * numbers without a snapshot (only where a client can tell, see {@code Run.restartGateway}). A snapshot is resent
 * some messages after the manager asks (resubscribe), and now and then unasked. After every message delivered to
 * the {@link FullBookManager}:
 * <ul>
 * <li>it is in sync exactly when a naive reference built from the same messages is (snapshot: replace; delta:
 *     apply if its previous sequence is the last one, ignore a repeat of the last, anything else is a gap), and then
 *     its book, the book a consumer rebuilds from the published updates, and the latest top-N view equal the
 *     reference, which equals the truth;</li>
 * <li>every gap leads to exactly one snapshot request (a resubscribe) and to nothing published until the next
 *     snapshot, which is published with {@code resync=true}.</li>
 * </ul>
 */
class RestartingSequencePropertyTest {
    private static final int TOP_N = 3;
    private static final String[] QUANTITIES = {"0", "0.5", "1", "2.25", "10"};
    private static final long DOCS_TEMPLATE_SEQUENCE = 872634876L;
    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");

    /** What the exchange does next; {@code arg} picks which older delta is resent. */
    enum Kind { DELTA, LOST, DUPLICATE, OLDER, GATEWAY_RESTART, SNAPSHOT }

    record Op(Kind kind, boolean bid, int tick, int quantity, int arg) {
        Level level() {
            BigDecimal offset = new BigDecimal("0.01").multiply(BigDecimal.valueOf(tick + 1));
            BigDecimal hundred = BigDecimal.valueOf(100);
            BigDecimal price = bid ? hundred.subtract(offset) : hundred.add(offset);
            return new Level(price, new BigDecimal(QUANTITIES[quantity]));
        }
    }

    record Scenario(List<Op> ops, List<Integer> resubscribeDelays, List<Long> snapshotSequences,
                    List<Integer> sequenceSteps) {
    }

    @Property(tries = 500)
    void shouldMatchTheNaiveReferenceAndResyncOnEveryGap(@ForAll("scenarios") Scenario scenario) {
        new Run(scenario).execute();
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Kind> kind = Arbitraries.frequencyOf(
                Tuple.of(70, Arbitraries.just(Kind.DELTA)),
                Tuple.of(6, Arbitraries.just(Kind.LOST)),
                Tuple.of(8, Arbitraries.just(Kind.DUPLICATE)),
                Tuple.of(5, Arbitraries.just(Kind.OLDER)),
                Tuple.of(4, Arbitraries.just(Kind.GATEWAY_RESTART)),
                Tuple.of(4, Arbitraries.just(Kind.SNAPSHOT)));
        Arbitrary<Op> op = Combinators.combine(kind, Arbitraries.of(true, false), Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, QUANTITIES.length - 1), Arbitraries.integers().between(0, 50))
                .as(Op::new);
        return Combinators.combine(
                op.list().ofMinSize(1).ofMaxSize(250).withSizeDistribution(RandomDistribution.uniform()),
                Arbitraries.integers().between(0, 4).list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.of(0L, 0L, 0L, DOCS_TEMPLATE_SEQUENCE).list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.of(1, 1, 1, 2, 100_000).list().ofMinSize(1).ofMaxSize(5))
                .as(Scenario::new);
    }

    /** One run: the exchange, the manager under test, the reference and a consumer of what is published. */
    private static final class Run {
        private final Scenario s;
        private final List<BookUpdate> published = new ArrayList<>();
        private final FullBookManager manager;
        private final OrderBook truth = new OrderBook();
        // The exchange's current numbering and the deltas it delivered in it (for duplicates and older resends).
        private long sequence;
        private final List<BookDiff> delivered = new ArrayList<>();
        // The truth right after each delta sent, and the truth the reference's last message stands for.
        private final Map<BookDiff, List<List<Level>>> truthAfter = new IdentityHashMap<>();
        private List<List<Level>> truthAtReference = List.of(List.of(), List.of());
        private long lastDelivered;
        private boolean lostSince;
        private boolean restarted;
        private int requests;
        private int snapshotsServed;
        private int requestsAnswered;
        private int resubscribeAt = -1;
        // The naive reference.
        private final OrderBook reference = new OrderBook();
        private boolean referenceValid;
        private boolean everSynced;
        private long referenceLast;
        private int expectedRequests;
        private int gaps;
        private int restarts;
        // A consumer's book, rebuilt from the published full-depth updates; and the latest top-N view.
        private final OrderBook consumer = new OrderBook();
        private BookUpdate lastView;

        Run(Scenario s) {
            this.s = s;
            manager = new FullBookManager(PreviousIdLinkRule.RESTARTING, 64,
                    new BookUpdateMapper("test-venue", "BTC_USDT_Perp", "BTC-USDT-PERP"), () -> requests++,
                    (period, task) -> () -> { }, published::add, () -> 0L, () -> RECEIVED);
            manager.attachFullDepth();
            manager.attachTopN(TOP_N, Duration.ZERO);
        }

        void execute() {
            manager.start();
            expectedRequests = 1;
            assertThat(requests).isEqualTo(1);
            for (int step = 0; step < s.ops().size(); step++) {
                if (resubscribeAt == step) {
                    sendSnapshot();
                }
                Op op = s.ops().get(step);
                switch (op.kind()) {
                    case DELTA -> sendDelta(op, true);
                    case LOST -> sendDelta(op, false);
                    case DUPLICATE -> resend(delivered.size() - 1);
                    case OLDER -> resend(delivered.size() - 2 - op.arg() % Math.max(1, delivered.size() - 1));
                    case GATEWAY_RESTART -> restartGateway();
                    case SNAPSHOT -> sendSnapshot();
                }
                if (requests > requestsAnswered && resubscribeAt < 0) {
                    // The resubscribe's snapshot comes a few messages later; those before it are the old stream's.
                    resubscribeAt = step + 1 + cycle(s.resubscribeDelays(), requests);
                }
            }
            sendSnapshot();                      // whatever happened, a fresh snapshot brings the book back
            assertThat(manager.state()).isEqualTo(SyncState.SYNCED);
            Statistics.label("gaps").collect(gaps == 0 ? "0" : gaps < 4 ? "1-3" : "4+");
            Statistics.label("gateway restarts").collect(restarts > 0);
            Statistics.label("duplicates ignored").collect(manager.stats().duplicates() > 0);
            Statistics.label("snapshots").collect(snapshotsServed < 3 ? "1-2" : "3+");
        }

        private void sendDelta(Op op, boolean deliver) {
            Level level = op.level();
            truth.apply(op.bid() ? BookSide.BID : BookSide.ASK, level);
            long previous = sequence;
            sequence += cycle(s.sequenceSteps(), (int) (previous % 7));
            BookDiff diff = new BookDiff(sequence, sequence, previous, op.bid() ? List.of(level) : List.of(),
                    op.bid() ? List.of() : List.of(level), null);
            truthAfter.put(diff, truthNow());
            if (deliver || restarted) {
                restarted = false;
                delivered.add(diff);
                lastDelivered = sequence;
                lostSince = false;
                deliver(diff);
            } else {
                lostSince = true;
            }
        }

        /**
         * The numbers start again at 0 with no snapshot, and the next delta (which links to 0) reaches the client.
         * Only where a client can tell: when its last number is that next delta's (it would pass for a duplicate and
         * the one after would link to it), or is 0 with a delta lost since (the next delta would link to it), no rule
         * on these numbers can see the restart; a resubscribe on the dropped connection does.
         */
        private void restartGateway() {
            long next = cycle(s.sequenceSteps(), 0);
            if (lastDelivered != next && (lastDelivered != 0 || !lostSince)) {
                sequence = 0;
                delivered.clear();
                restarted = true;
                restarts++;
            }
        }

        private void resend(int index) {
            if (index >= 0 && index < delivered.size()) {
                deliver(delivered.get(index));
            }
        }

        private void sendSnapshot() {
            requestsAnswered = requests;
            resubscribeAt = -1;
            sequence = cycle(s.snapshotSequences(), snapshotsServed++);
            delivered.clear();
            lastDelivered = sequence;
            lostSince = false;
            BookSnapshot snapshot = new BookSnapshot(sequence, truth.top(BookSide.BID, 0),
                    truth.top(BookSide.ASK, 0), null);
            int before = published.size();
            manager.onStreamSnapshot(snapshot, RECEIVED);
            // The reference: a snapshot replaces the book, whatever the numbers before.
            reference.clear();
            reference.applyAll(BookSide.BID, snapshot.bids());
            reference.applyAll(BookSide.ASK, snapshot.asks());
            referenceLast = sequence;
            referenceValid = true;
            truthAtReference = truthNow();
            BookUpdate full = published.get(before);
            assertThat(full.getKind()).isEqualTo(BookUpdateKind.SNAPSHOT);
            assertThat(full.getDepth()).isZero();
            assertThat(full.getResync()).isEqualTo(everSynced);
            everSynced = true;
            consume(before);
            check();
        }

        private void deliver(BookDiff diff) {
            int before = published.size();
            manager.onDiff(diff, RECEIVED);
            boolean applied = false;
            if (referenceValid && diff.lastUpdateId() != referenceLast) {
                if (diff.previousUpdateId() == referenceLast) {
                    reference.applyAll(BookSide.BID, diff.bids());
                    reference.applyAll(BookSide.ASK, diff.asks());
                    referenceLast = diff.lastUpdateId();
                    truthAtReference = truthAfter.get(diff);
                    applied = true;
                } else {
                    referenceValid = false;          // a gap: the manager must ask for a fresh snapshot
                    expectedRequests++;
                    gaps++;
                }
            }
            if (applied) {
                assertThat(published.get(before).getKind()).isEqualTo(BookUpdateKind.DELTA);
                assertThat(published.get(before).getSequence()).isEqualTo(diff.lastUpdateId());
            } else {
                assertThat(published).as("published on an ignored delta or while invalid").hasSize(before);
            }
            consume(before);
            check();
        }

        private void consume(int from) {
            for (BookUpdate update : published.subList(from, published.size())) {
                if (update.getDepth() > 0) {
                    lastView = update;
                    continue;
                }
                if (update.getKind() == BookUpdateKind.SNAPSHOT) {
                    consumer.clear();
                }
                update.getBids().forEach(l -> consumer.apply(BookSide.BID, level(l)));
                update.getAsks().forEach(l -> consumer.apply(BookSide.ASK, level(l)));
            }
        }

        private void check() {
            assertThat(requests).as("snapshot requests").isEqualTo(expectedRequests);
            assertThat(manager.state() == SyncState.SYNCED).as("in sync").isEqualTo(referenceValid);
            if (!referenceValid) {
                assertThat(manager.levels(BookSide.BID, 0)).isEmpty();
                return;
            }
            assertThat(manager.lastUpdateId()).isEqualTo(referenceLast);
            for (BookSide side : BookSide.values()) {
                List<Level> expected = reference.top(side, 0);
                assertThat(expected).as("reference vs truth at its sequence, %s", side)
                        .isEqualTo(truthAtReference.get(side.ordinal()));
                assertThat(manager.levels(side, 0)).as("manager, %s", side).isEqualTo(expected);
                assertThat(consumer.top(side, 0)).as("consumer, %s", side).isEqualTo(expected);
                List<PriceLevel> view = side == BookSide.BID ? lastView.getBids() : lastView.getAsks();
                assertThat(view.stream().map(Run::level).toList()).as("top %d, %s", TOP_N, side)
                        .isEqualTo(reference.top(side, TOP_N));
            }
        }

        private List<List<Level>> truthNow() {
            return List.of(truth.top(BookSide.BID, 0), truth.top(BookSide.ASK, 0));
        }

        private static Level level(PriceLevel level) {
            return new Level(level.getPrice(), level.getQuantity());
        }

        private static <T> T cycle(List<T> values, int i) {
            return values.get(i % values.size());
        }
    }
}
