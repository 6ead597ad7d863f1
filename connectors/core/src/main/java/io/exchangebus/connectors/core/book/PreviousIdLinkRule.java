package io.exchangebus.connectors.core.book;

/**
 * Each diff names the final id of the diff before it. This is Binance USD-M futures' {@code <symbol>@depth}
 * stream, whose event has {@code "U"} (first update id), {@code "u"} (final update id) and
 * {@code "pu": 149 // Final update Id in last stream(ie `u` in last stream)} (USD-M docs, "Diff. Book Depth
 * Streams"; sample in {@code fixtures/binance/usdm_ws_market_streams.docs.jsonl}), against a REST snapshot
 * {@code GET /fapi/v1/depth} carrying {@code lastUpdateId} ({@code fixtures/binance/usdm_rest_public.docs.jsonl},
 * "Order Book"). Deribit's {@code book.*} notifications have the same shape, with {@code change_id} as both
 * {@code U} and {@code u} and {@code prev_change_id} as {@code pu}.
 *
 * <p>The rules, from Binance's USD-M "How to manage a local order book correctly":
 * <ol>
 * <li>drop any event where {@code u < lastUpdateId} of the snapshot (note: strictly less, unlike spot);</li>
 * <li>the first processed event has {@code U <= lastUpdateId AND u >= lastUpdateId};</li>
 * <li>thereafter each new event's {@code pu} equals the previous event's {@code u}, otherwise start again from
 * the snapshot.</li>
 * </ol>
 * A first diff whose {@code pu} equals {@code lastUpdateId} also bridges: it continues the snapshot exactly. Binance
 * never needs this (the diff ending at {@code lastUpdateId} comes first and satisfies rule 2), but Deribit does: its
 * first change after a snapshot with {@code change_id} S has {@code change_id > S} and {@code prev_change_id == S}.
 * Diffs must carry their previous id after the first; one without is a bug in the mapping and is refused.
 *
 * <p>{@link #RESTARTING} is the same link for streams that carry their own snapshot and whose numbering restarts on
 * resubscribe or on a gateway restart (GRVT {@code v1.book.d}: the snapshot has {@code sequence_number} 0, each
 * delta's {@code prev_sequence_number} is the previous {@code sequence_number}; "a decrease or a jump ⇒ reconnect;
 * duplicates can occur and are ignored"). There a diff at or below the book's id is not late, it is from another
 * numbering: only an exact repeat of the last id is dropped, anything lower is a gap. The snapshot that restarts the
 * numbering comes through {@link BookSynchronizer#onStreamSnapshot}, which takes it whatever its id.
 */
public final class PreviousIdLinkRule implements SequenceRule {
    /** Binance USD-M, Deribit: ids only grow, so a diff at or below the book's id is late and dropped. */
    public static final PreviousIdLinkRule INSTANCE = new PreviousIdLinkRule(false);
    /** GRVT: ids restart; only a repeat of the last id is dropped, a lower one is a gap. */
    public static final PreviousIdLinkRule RESTARTING = new PreviousIdLinkRule(true);

    private final boolean restarting;

    private PreviousIdLinkRule(boolean restarting) {
        this.restarting = restarting;
    }

    @Override
    public Verdict first(long snapshotId, BookDiff diff) {
        // u == lastUpdateId: every update of the diff is in the snapshot already. Binance allows applying it (its
        // levels are absolute), but publishing it would give consumers a delta at the snapshot's own sequence whose
        // pu precedes the snapshot; dropped instead, the next diff bridges by pu == lastUpdateId.
        if (diff.lastUpdateId() <= snapshotId) {
            return older(snapshotId, diff);
        }
        boolean bridges = diff.firstUpdateId() <= snapshotId || diff.previousUpdateId() == snapshotId;
        return bridges ? Verdict.APPLY : Verdict.GAP;
    }

    @Override
    public Verdict next(long previousLastUpdateId, BookDiff diff) {
        if (!diff.hasPreviousUpdateId()) {
            throw new IllegalArgumentException("PreviousIdLinkRule needs diffs with a previous update id: " + diff);
        }
        if (diff.lastUpdateId() <= previousLastUpdateId) {
            return older(previousLastUpdateId, diff);
        }
        return diff.previousUpdateId() == previousLastUpdateId ? Verdict.APPLY : Verdict.GAP;
    }

    /** A diff at or below the book's id: late where ids only grow; where they restart, a repeat or a new numbering. */
    private Verdict older(long bookId, BookDiff diff) {
        if (!restarting || diff.lastUpdateId() == bookId) {
            return Verdict.STALE;
        }
        return Verdict.GAP;
    }

    @Override
    public String toString() {
        return restarting ? "PreviousIdLinkRule.RESTARTING" : "PreviousIdLinkRule";
    }
}
