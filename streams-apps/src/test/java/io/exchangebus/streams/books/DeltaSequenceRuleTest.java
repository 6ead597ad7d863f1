package io.exchangebus.streams.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.streams.books.DeltaSequenceRule.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeltaSequenceRuleTest {

    /** The book's last sequence is 100 throughout; empty cells are absent fields. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // case,                                     first after snapshot, sequence, previous, first, verdict
            "spot diff straddling the snapshot,                   true,  105,   ,    95,  APPLY",
            "spot diff starting right after the snapshot,         true,  103,   ,   101,  APPLY",
            "spot diff starting past the snapshot,                true,  105,   ,   102,  GAP",
            "spot diff ending at the snapshot,                    true,  100,   ,    95,  DUPLICATE",
            "spot diff ending before the snapshot,                true,   99,   ,    90,  DUPLICATE",
            "USD-M diff straddling the snapshot,                  true,  104,  97,   98,  APPLY",
            "USD-M diff linked to the snapshot by pu,             true,  104, 100,  102,  APPLY",
            "USD-M diff after a missed diff,                      true,  108, 104,  105,  GAP",
            "Deribit change linked to the snapshot,               true,  105, 100,  105,  APPLY",
            "Deribit change after a missed change,                true,  105,  99,  105,  GAP",
            "unlinked delta moving past the snapshot,             true,  101,   ,      ,  APPLY",
            "unlinked delta at the snapshot,                      true,  100,   ,      ,  DUPLICATE",
            "spot diff following the last,                        false, 104,   ,   101,  APPLY",
            "spot diff skipping an update,                        false, 104,   ,   102,  GAP",
            "spot diff overlapping the last,                      false, 104,   ,   100,  GAP",
            "spot diff wholly before the last,                    false,  99,   ,    97,  DUPLICATE",
            "USD-M diff linked to the last,                       false, 109, 100,  103,  APPLY",
            "USD-M diff linked to an older diff,                  false, 109,  99,  101,  GAP",
            "pu decides over a contiguous U,                      false, 109, 101,  101,  GAP",
            "USD-M redelivery of the last,                        false, 100,  96,   97,  DUPLICATE",
            "unlinked delta moving forward,                       false, 150,   ,      ,  APPLY",
            "unlinked delta going back,                           false,  90,   ,      ,  DUPLICATE",
    })
    void shouldJudgeDeltaAgainstBookAtSequence100(String name, boolean firstAfterSnapshot, long sequence,
                                                   Long previous, Long first, Verdict expected) {
        assertThat(DeltaSequenceRule.verdict(100, firstAfterSnapshot, sequence, previous, first)).isEqualTo(expected);
    }
}
