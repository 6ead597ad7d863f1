package io.exchangebus.connectors.core.book;

import static io.exchangebus.connectors.core.book.SequenceRule.Verdict.APPLY;
import static io.exchangebus.connectors.core.book.SequenceRule.Verdict.GAP;
import static io.exchangebus.connectors.core.book.SequenceRule.Verdict.STALE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Binance spot's rule, on the ids of the documented diff sample: {@code "U": 157, "u": 160}. */
class ContiguousRangeRuleTest {
    private static final SequenceRule RULE = ContiguousRangeRule.INSTANCE;
    // binance-spot-api-docs web-socket-streams.md, "Diff. Depth Stream" (fixtures/binance/spot_ws_market_streams)
    private static final BookDiff DOC_SAMPLE =
            BookDiff.of(157, 160, List.of(Level.of("0.0024", "10")), List.of(Level.of("0.0026", "100")), null);

    @ParameterizedTest(name = "snapshot lastUpdateId {0}")
    @CsvSource({"160", "161", "1000"})
    void shouldDropDiffsOlderThanTheSnapshot(long lastUpdateId) {
        // "Drop any event where u is <= lastUpdateId in the snapshot" (u == lastUpdateId is dropped too).
        assertThat(RULE.first(lastUpdateId, DOC_SAMPLE)).isEqualTo(STALE);
    }

    @ParameterizedTest(name = "snapshot lastUpdateId {0}")
    @CsvSource({"156", "157", "159"})
    void shouldApplyTheFirstDiffThatBridgesTheSnapshot(long lastUpdateId) {
        // "U <= lastUpdateId+1 AND u >= lastUpdateId+1"
        assertThat(RULE.first(lastUpdateId, DOC_SAMPLE)).isEqualTo(APPLY);
    }

    @ParameterizedTest(name = "snapshot lastUpdateId {0}")
    @CsvSource({"155", "100"})
    void shouldReportGapWhenTheSnapshotIsOlderThanTheFirstDiff(long lastUpdateId) {
        assertThat(RULE.first(lastUpdateId, DOC_SAMPLE)).isEqualTo(GAP);
    }

    @ParameterizedTest(name = "previous u {0} -> {1}")
    @CsvSource({
        "156, APPLY", // each new event's U equals the previous event's u + 1
        "155, GAP",   // id 156 missing
        "150, GAP",
        "158, GAP",   // overlapping range: not the next one, not a duplicate
        "160, STALE", // the same event again
        "170, STALE"  // a late event
    })
    void shouldRequireEachDiffToStartRightAfterThePreviousOne(long previousU, SequenceRule.Verdict expected) {
        assertThat(RULE.next(previousU, DOC_SAMPLE)).isEqualTo(expected);
    }
}
