package io.exchangebus.connectors.core.book;

import static io.exchangebus.connectors.core.book.SequenceRule.Verdict.APPLY;
import static io.exchangebus.connectors.core.book.SequenceRule.Verdict.GAP;
import static io.exchangebus.connectors.core.book.SequenceRule.Verdict.STALE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Binance USD-M futures' rule, on the ids of the documented samples (fixtures/binance/usdm_ws_market_streams). */
class PreviousIdLinkRuleTest {
    private static final SequenceRule RULE = PreviousIdLinkRule.INSTANCE;
    // "Diff. Book Depth Streams": "U": 157, "u": 160, "pu": 149
    private static final BookDiff DOC_SAMPLE = new BookDiff(157, 160, 149,
            List.of(Level.of("0.0024", "10")), List.of(Level.of("0.0026", "100")), null);

    @ParameterizedTest(name = "snapshot lastUpdateId {0}")
    @CsvSource({"161", "1000"})
    void shouldDropDiffsOlderThanTheSnapshot(long lastUpdateId) {
        // "Drop any event where u is < lastUpdateId in the snapshot"
        assertThat(RULE.first(lastUpdateId, DOC_SAMPLE)).isEqualTo(STALE);
    }

    @ParameterizedTest(name = "snapshot lastUpdateId {0}")
    @CsvSource({"157", "158", "159"})
    void shouldApplyTheFirstDiffThatBridgesTheSnapshot(long lastUpdateId) {
        // "U <= lastUpdateId AND u >= lastUpdateId"
        assertThat(RULE.first(lastUpdateId, DOC_SAMPLE)).isEqualTo(APPLY);
    }

    @Test
    void shouldDropAFirstDiffThatEndsAtTheSnapshotAsAlreadyInIt() {
        // Binance allows applying u == lastUpdateId; every update of it is in the snapshot, and publishing it would
        // give a delta at the snapshot's own sequence. The next diff bridges by pu == lastUpdateId.
        assertThat(RULE.first(160, DOC_SAMPLE)).isEqualTo(STALE);
        assertThat(RULE.first(160, new BookDiff(161, 165, 160, List.of(), List.of(), null))).isEqualTo(APPLY);
    }

    @Test
    void shouldApplyAFirstDiffWhosePreviousIdIsTheSnapshot() {
        // Deribit shape: change_id 161 with prev_change_id 149 after a snapshot at change_id 149
        BookDiff deribitLike = new BookDiff(161, 161, 149, List.of(), List.of(), null);
        assertThat(RULE.first(149, deribitLike)).isEqualTo(APPLY);
    }

    @ParameterizedTest(name = "snapshot lastUpdateId {0}")
    @CsvSource({"156", "150"})
    void shouldReportGapWhenTheSnapshotIsOlderThanTheFirstDiff(long lastUpdateId) {
        assertThat(RULE.first(lastUpdateId, DOC_SAMPLE)).isEqualTo(GAP);
    }

    @ParameterizedTest(name = "previous u {0} -> {1}")
    @CsvSource({
        "149, APPLY", // pu equals the previous event's u
        "148, GAP",
        "150, GAP",   // ids between 150 and 156 belong to no event we saw
        "160, STALE", // the same event again
        "161, STALE"
    })
    void shouldRequireEachDiffToLinkToThePreviousOne(long previousU, SequenceRule.Verdict expected) {
        assertThat(RULE.next(previousU, DOC_SAMPLE)).isEqualTo(expected);
    }

    @Test
    void shouldNotRequireContiguousRangesOnFutures() {
        // "Partial Book Depth Streams" sample: "U": 390497796, "u": 390497878, "pu": 390497794; U is not pu + 1
        BookDiff sample = new BookDiff(390497796L, 390497878L, 390497794L, List.of(), List.of(), null);

        assertThat(RULE.next(390497794L, sample)).isEqualTo(APPLY);
        assertThat(ContiguousRangeRule.INSTANCE.next(390497794L, sample)).isEqualTo(GAP);
    }

    @Test
    void shouldRefuseDiffsWithoutPreviousId() {
        BookDiff spotLike = BookDiff.of(157, 160, List.of(), List.of(), null);
        assertThatThrownBy(() -> RULE.next(156, spotLike)).isInstanceOf(IllegalArgumentException.class);
    }
}
