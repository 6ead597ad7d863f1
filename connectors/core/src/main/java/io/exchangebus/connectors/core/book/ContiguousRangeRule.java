package io.exchangebus.connectors.core.book;

/**
 * Diffs carry the range of update ids they contain, and consecutive diffs tile the id space without holes. This is
 * Binance spot's {@code <symbol>@depth} stream, whose event has {@code "U": 157 // First update ID in event} and
 * {@code "u": 160 // Final update ID in event} (binance-spot-api-docs, web-socket-streams.md, "Diff. Depth Stream";
 * sample in {@code fixtures/binance/spot_ws_market_streams.docs.jsonl}), against a REST snapshot
 * {@code GET /api/v3/depth} carrying {@code lastUpdateId} (rest-api.md, "Order book").
 *
 * <p>The rules, from the same page's "How to manage a local order book correctly":
 * <ol>
 * <li>drop any event where {@code u <= lastUpdateId} of the snapshot;</li>
 * <li>the first processed event has {@code U <= lastUpdateId + 1 AND u >= lastUpdateId + 1};</li>
 * <li>thereafter each new event's {@code U} equals the previous event's {@code u + 1}.</li>
 * </ol>
 * A first event with {@code U > lastUpdateId + 1} means the snapshot is older than the stream (the page says to
 * fetch a new snapshot); later, anything but {@code U == u' + 1} is a gap, except an event wholly at or before
 * {@code u'} ({@code u <= u'}), which is a duplicate.
 */
public final class ContiguousRangeRule implements SequenceRule {
    public static final ContiguousRangeRule INSTANCE = new ContiguousRangeRule();

    private ContiguousRangeRule() {
    }

    @Override
    public Verdict first(long snapshotId, BookDiff diff) {
        if (diff.lastUpdateId() <= snapshotId) {
            return Verdict.STALE;
        }
        // Here u >= snapshotId + 1, so the diff bridges exactly when it does not start after snapshotId + 1.
        return diff.firstUpdateId() <= snapshotId + 1 ? Verdict.APPLY : Verdict.GAP;
    }

    @Override
    public Verdict next(long previousLastUpdateId, BookDiff diff) {
        if (diff.lastUpdateId() <= previousLastUpdateId) {
            return Verdict.STALE;
        }
        return diff.firstUpdateId() == previousLastUpdateId + 1 ? Verdict.APPLY : Verdict.GAP;
    }

    @Override
    public String toString() {
        return "ContiguousRangeRule";
    }
}
