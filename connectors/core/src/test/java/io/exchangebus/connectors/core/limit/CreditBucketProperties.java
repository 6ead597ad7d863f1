package io.exchangebus.connectors.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class CreditBucketProperties {

    /** One request: after {@code advanceMillis}, ask for {@code cost} credits, waiting at most {@code maxWaitMillis}. */
    record Step(int advanceMillis, int costPercent, int maxWaitMillis, boolean drain) {
    }

    record Sent(long atNanos, long cost) {
    }

    /**
     * However requests arrive, the credits let through by any time T from creation (each counted when it may be
     * sent, after its wait) are at most capacity + refill × T; and between any two sends at most capacity + refill
     * × (the time between them + 1 ns). The nanosecond: times are whole nanoseconds, so a send may be up to 1 ns
     * later than the exact instant its credits were there (1 credit at 22 a second: 45,454,545.45 ns, sent at
     * 45,454,546), which shortens the measured interval after it by less than 1 ns.
     */
    @Property(tries = 300)
    void shouldNeverLetThroughMoreThanCapacityPlusRefillOverElapsedTime(
            @ForAll @IntRange(min = 1, max = 50_000) int capacity,
            @ForAll @IntRange(min = 1, max = 20_000) int refillPerSecond,
            @ForAll("steps") List<Step> steps) {
        ManualClock clock = new ManualClock();
        CreditBucket bucket = new CreditBucket("x", "pool", capacity, refillPerSecond, clock);
        long elapsed = 0;
        List<Sent> sent = new ArrayList<>();
        for (Step step : steps) {
            clock.advanceMillis(step.advanceMillis());
            elapsed += step.advanceMillis() * 1_000_000L;
            if (step.drain()) {
                bucket.drain();
            }
            long cost = Math.max(1, (long) capacity * step.costPercent() / 100);
            Admission admission = bucket.admit(cost, Duration.ofMillis(step.maxWaitMillis()));
            if (admission.granted()) {
                sent.add(new Sent(elapsed + admission.waitNanos(), cost));
            }
        }
        sent.sort((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
        for (int from = 0; from < sent.size(); from++) {
            long total = 0;
            for (int to = from; to < sent.size(); to++) {
                total += sent.get(to).cost();
                long sinceStart = sent.get(to).atNanos();
                long between = sent.get(to).atNanos() - sent.get(from).atNanos();
                // total <= capacity + refill * seconds, in integers
                if (from == 0) {
                    assertThat(total * 1_000_000_000L).as("credits sent in the first %d ns", sinceStart)
                            .isLessThanOrEqualTo(capacity * 1_000_000_000L + refillPerSecond * sinceStart);
                }
                assertThat(total * 1_000_000_000L).as("credits sent within %d ns", between)
                        .isLessThanOrEqualTo(capacity * 1_000_000_000L + refillPerSecond * (between + 1));
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 300).edgeCases(e -> e.add(0)),
                Arbitraries.integers().between(1, 100),
                Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 2_000)),
                Arbitraries.integers().between(0, 19).map(n -> n == 0))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(80);
    }
}
