package io.exchangebus.connectors.core.book;

/**
 * The per-exchange part of book synchronisation: how a diff's update ids relate to the snapshot and to the diff
 * applied before it. Implementations are stateless and pure, so one instance may serve every book.
 *
 * <p>Two shapes cover the exchanges we connect: {@link ContiguousRangeRule} (Binance spot: ranges {@code U..u}
 * that tile the id space) and {@link PreviousIdLinkRule} (Binance USD-M futures {@code pu}, Deribit
 * {@code prev_change_id}: each diff names the id of the one before it; {@link PreviousIdLinkRule#RESTARTING} for
 * GRVT {@code prev_sequence_number}, whose numbers restart with each in-stream snapshot).
 */
public interface SequenceRule {

    /** What to do with a diff. */
    enum Verdict {
        /** Already reflected in the book (older than the snapshot, or a duplicate): drop it. */
        STALE,
        /** The diff continues the book: apply it. */
        APPLY,
        /** Updates are missing between the book and this diff: the book can no longer be trusted. */
        GAP
    }

    /**
     * Judges the first diff after a snapshot.
     *
     * @param snapshotId the snapshot's last update id
     * @return STALE if the snapshot already covers the diff, APPLY if the diff bridges the snapshot, GAP if the diff
     *         starts after the snapshot's next id (the snapshot is too old for the stream)
     */
    Verdict first(long snapshotId, BookDiff diff);

    /**
     * Judges a diff after an applied diff.
     *
     * @param previousLastUpdateId the last update id of the diff applied before
     * @return STALE for a duplicate or an older diff, APPLY for the next one, GAP for anything else
     */
    Verdict next(long previousLastUpdateId, BookDiff diff);
}
