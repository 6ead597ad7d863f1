package io.exchangebus.streams.books;

/**
 * Whether a delta continues a book, from the sequence fields every {@code BookUpdate} carries: {@code sequence}
 * (the last update id the delta covers), {@code firstSequence} (the first, Binance {@code U}) and
 * {@code previousSequence} (the last id of the update before it, Binance USD-M {@code pu}, Deribit
 * {@code prev_change_id}). The connectors apply the exchanges' own rules ({@code ContiguousRangeRule},
 * {@code PreviousIdLinkRule} in connectors-core); this is the same check made from the events alone, so it needs
 * no knowledge of the exchange.
 *
 * <ol>
 * <li>A delta with {@code sequence <= last} is an old duplicate (a redelivery, or a diff the snapshot already
 * holds).</li>
 * <li>The first delta after a snapshot at S bridges when {@code firstSequence <= S + 1} (Binance spot: U <= S+1 <= u;
 * USD-M: U <= S < u) or {@code previousSequence == S} (Deribit, and USD-M's diff right after the snapshot).</li>
 * <li>A later delta follows when {@code previousSequence == last}, or, without previousSequence, when
 * {@code firstSequence == last + 1}.</li>
 * <li>Anything else is a gap.</li>
 * </ol>
 *
 * <p>Limitation: a delta with neither {@code previousSequence} nor {@code firstSequence} cannot be checked for
 * continuity; it is applied whenever {@code sequence} moves forward, so a lost delta of such a stream goes unseen.
 * The connectors' shared mapper ({@code BookUpdateMapper.delta}) always sets {@code firstSequence}, so this only
 * concerns events from elsewhere; for their books, "not stale" promises less.
 *
 * <p>Pure and stateless.
 */
final class DeltaSequenceRule {

    /** What to do with a delta. */
    enum Verdict {
        /** It continues the book: apply it. */
        APPLY,
        /** It is wholly at or before the book's sequence: drop it, the book is unchanged. */
        DUPLICATE,
        /** Updates are missing between the book and it: the book is wrong until the next snapshot. */
        GAP
    }

    private DeltaSequenceRule() {
    }

    /**
     * @param last               sequence of the last snapshot or delta applied to the book
     * @param firstAfterSnapshot whether {@code last} is a snapshot's sequence and no delta was applied since
     * @param sequence           the delta's {@code sequence}
     * @param previousSequence   the delta's {@code previousSequence}, or null
     * @param firstSequence      the delta's {@code firstSequence}, or null
     */
    static Verdict verdict(long last, boolean firstAfterSnapshot, long sequence, Long previousSequence,
                           Long firstSequence) {
        if (sequence <= last) {
            return Verdict.DUPLICATE;
        }
        if (firstAfterSnapshot) {
            boolean bridges = (firstSequence != null && firstSequence <= last + 1)
                    || (previousSequence != null && previousSequence == last)
                    || (firstSequence == null && previousSequence == null);
            return bridges ? Verdict.APPLY : Verdict.GAP;
        }
        if (previousSequence != null) {
            return previousSequence == last ? Verdict.APPLY : Verdict.GAP;
        }
        if (firstSequence != null) {
            return firstSequence == last + 1 ? Verdict.APPLY : Verdict.GAP;
        }
        return Verdict.APPLY;
    }
}
