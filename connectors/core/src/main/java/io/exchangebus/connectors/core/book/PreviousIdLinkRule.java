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
 */
public final class PreviousIdLinkRule implements SequenceRule {
    public static final PreviousIdLinkRule INSTANCE = new PreviousIdLinkRule();

    private PreviousIdLinkRule() {
    }

    @Override
    public Verdict first(long snapshotId, BookDiff diff) {
        // u == lastUpdateId: every update of the diff is in the snapshot already. Binance allows applying it (its
        // levels are absolute), but publishing it would give consumers a delta at the snapshot's own sequence whose
        // pu precedes the snapshot; dropped instead, the next diff bridges by pu == lastUpdateId.
        if (diff.lastUpdateId() <= snapshotId) {
            return Verdict.STALE;
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
            return Verdict.STALE;
        }
        return diff.previousUpdateId() == previousLastUpdateId ? Verdict.APPLY : Verdict.GAP;
    }

    @Override
    public String toString() {
        return "PreviousIdLinkRule";
    }
}
