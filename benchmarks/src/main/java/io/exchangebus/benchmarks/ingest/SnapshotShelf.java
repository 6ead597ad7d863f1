package io.exchangebus.benchmarks.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Which recorded depth snapshot a replay answers for a book, given the last update id it has sent of that book: the
 * latest snapshot at or before it, unless that one was answered already (the subscriber asks again, so it could not
 * use it: frames it dropped lie between), then the first after it (the subscriber drops what it buffered up to that
 * snapshot and applies the frames still to come from there). Either is consistent with the frames: every snapshot's
 * {@code lastUpdateId} is the last update id of a recorded frame, or precedes the first. Thread-safe.
 */
final class SnapshotShelf {
    private final long[][] ids;
    private final byte[][][] bodies;
    private final int[] lastAnswered;
    private final boolean[] asked;
    private int answered;

    SnapshotShelf(Recording recording) {
        int books = recording.symbols().size();
        ids = new long[books][];
        bodies = new byte[books][][];
        lastAnswered = new int[books];
        asked = new boolean[books];
        for (int b = 0; b < books; b++) {
            List<Recording.Snapshot> own = new ArrayList<>();
            for (Recording.Snapshot s : recording.snapshots()) {
                if (s.symbol() == b) {
                    own.add(s);
                }
            }
            if (own.isEmpty()) {
                throw new IllegalArgumentException("no snapshot of " + recording.symbols().get(b));
            }
            ids[b] = own.stream().mapToLong(Recording.Snapshot::lastUpdateId).toArray();
            bodies[b] = own.stream().map(Recording.Snapshot::body).toArray(byte[][]::new);
            lastAnswered[b] = -1;
        }
    }

    /**
     * The snapshot body to answer for book {@code book}, whose last frame sent ended at update id {@code lastSent}
     * (-1 before its first frame).
     */
    synchronized byte[] answer(int book, long lastSent) {
        long[] own = ids[book];
        int latest = -1;
        for (int i = 0; i < own.length && own[i] <= lastSent; i++) {
            latest = i;
        }
        int chosen = latest >= 0 && latest > lastAnswered[book] ? latest : Math.min(own.length - 1, latest + 1);
        chosen = Math.max(chosen, 0);
        lastAnswered[book] = chosen;
        asked[book] = true;
        answered++;
        return bodies[book][chosen];
    }

    /** Whether every book's snapshot has been asked for at least once. */
    synchronized boolean allAsked() {
        for (boolean a : asked) {
            if (!a) {
                return false;
            }
        }
        return true;
    }

    /** Snapshots answered so far. */
    synchronized int answered() {
        return answered;
    }

    /**
     * Whether frame {@code i} of {@code recording} ends where a later snapshot of its book starts, and is not its
     * book's last frame (a gap must be followed by a frame that shows it): where a gap may be made.
     */
    static boolean[] edges(Recording recording) {
        java.util.Set<Long> keys = new java.util.HashSet<>();
        for (Recording.Snapshot s : recording.snapshots()) {
            keys.add(((long) s.symbol() << 48) ^ s.lastUpdateId());
        }
        boolean[] edges = new boolean[recording.frames()];
        boolean[] later = new boolean[recording.symbols().size()];
        for (int i = edges.length - 1; i >= 0; i--) {
            int book = recording.symbolOf(i);
            edges[i] = later[book] && keys.contains(((long) book << 48) ^ recording.lastId(i));
            later[book] = true;
        }
        return edges;
    }
}
