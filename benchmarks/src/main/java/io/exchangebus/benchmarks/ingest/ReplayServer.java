package io.exchangebus.benchmarks.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.WebSocket;

/**
 * A minimal Binance spot market-data server replaying a {@link Recording}, in a process of its own: the combined
 * stream endpoint ({@code /stream}, answering SUBSCRIBE) sends the recorded frames, byte for byte, as fast as ingest
 * takes them ({@link ReplayFlow}), and the REST endpoint answers {@code /api/v3/depth} with a recorded snapshot
 * consistent with what was sent ({@link SnapshotShelf}) and {@code exchangeInfo} and the time as recorded.
 * {@code GET /replay/stats} tells the harness how far it got.
 *
 * <p>Start: frames go out until every book has had one, then wait (up to a minute) until every book's snapshot was
 * asked for, so that the first snapshots bridge the first frames. Gaps: with {@code gapEvery} above 0, after every
 * {@code gapEvery} frames sent the next frame that ends where a recorded snapshot starts is left out.
 *
 * <p>{@code ReplayServer RECORDING WS_PORT REST_PORT GAP_EVERY BOOTSTRAP TOPIC PARTITIONS WINDOW}; runs until killed.
 */
public final class ReplayServer {
    private static final long HOLD_NANOS = 60_000_000_000L;
    private static final Pattern SUBSCRIBE_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern SYMBOL = Pattern.compile("(?:^|&)symbol=([A-Za-z0-9]+)");

    private final Recording recording;
    private final ReplayFlow flow;
    private final SnapshotShelf shelf;
    private final boolean[] edges;
    private final long gapEvery;
    private final long[] lastSent;
    private volatile int position;
    private volatile long skipped;
    private volatile boolean done;

    ReplayServer(Recording recording, long gapEvery, long window) {
        this.recording = recording;
        this.flow = new ReplayFlow(recording, window);
        this.shelf = new SnapshotShelf(recording);
        this.edges = SnapshotShelf.edges(recording);
        this.gapEvery = gapEvery;
        this.lastSent = new long[recording.symbols().size()];
        java.util.Arrays.fill(lastSent, -1);
    }

    public static void main(String[] args) throws IOException {
        Recording recording = Recording.read(Path.of(args[0]));
        ReplayServer server = new ReplayServer(recording, Long.parseLong(args[3]), Long.parseLong(args[7]));
        server.flow.followAcks(new TopicCount(args[4], args[5], Integer.parseInt(args[6])));
        server.flow.serveRest(Integer.parseInt(args[2]), server::stats,
                (path, query) -> path.endsWith("/depth") ? server.depth(query) : null);
        server.flow.serveStream(Integer.parseInt(args[1]), server::onMessage);
        System.out.printf(Locale.ROOT, "replay: %,d frames (%,d bytes) of %s, %d snapshots; ready%n",
                recording.frames(), recording.frameBytes(), recording.symbols(), recording.snapshots().size());
    }

    private void onMessage(WebSocket conn, String message) {
        Matcher id = SUBSCRIBE_ID.matcher(message);
        conn.send("{\"result\":null,\"id\":" + (id.find() ? id.group(1) : "null") + "}");
        if (message.contains("\"SUBSCRIBE\"")) {
            Thread feed = new Thread(() -> replay(conn), "replay-feed");
            feed.setDaemon(true);
            feed.start();
        }
    }

    /** Sends the frames from where the last connection stopped (a new connection resumes; its books resync). */
    private synchronized void replay(WebSocket conn) {
        boolean holding = position == 0;
        boolean[] started = new boolean[lastSent.length];
        int unstarted = lastSent.length;
        long nextGap = gapEvery;
        for (int i = position; i < recording.frames() && conn.isOpen(); i++) {
            int book = recording.symbolOf(i);
            if (holding && unstarted == 0) {
                flow.flush(conn);
                awaitSnapshotsAsked();
                holding = false;
            }
            if (gapEvery > 0 && flow.sent() >= nextGap && edges[i] && !holding) {
                skipped++;
                nextGap += gapEvery;
                position = i + 1;
                continue;
            }
            flow.send(conn, i);
            synchronized (lastSent) {
                lastSent[book] = recording.lastId(i);
            }
            if (!started[book]) {
                started[book] = true;
                unstarted--;
            }
            position = i + 1;
        }
        flow.flush(conn);
        done = position >= recording.frames();
        System.out.printf(Locale.ROOT, "replay: %,d frames sent, %,d left out, %d snapshots answered%s%n",
                flow.sent(), skipped, shelf.answered(), done ? "; done" : "; the connection closed");
    }

    private void awaitSnapshotsAsked() {
        long deadline = System.nanoTime() + HOLD_NANOS;
        while (!shelf.allAsked() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private byte[] depth(String query) {
        Matcher symbol = SYMBOL.matcher(query);
        int book = symbol.find() ? recording.symbols().indexOf(symbol.group(1).toUpperCase(Locale.ROOT)) : -1;
        if (book < 0) {
            return null;
        }
        long last;
        synchronized (lastSent) {
            last = lastSent[book];
        }
        return shelf.answer(book, last);
    }

    private String stats() {
        return String.format(Locale.ROOT,
                "{\"frames\":%d,\"sent\":%d,\"skipped\":%d,\"snapshots\":%d,\"connections\":%d,\"done\":%b}",
                recording.frames(), flow.sent(), skipped, shelf.answered(), flow.connections(), done);
    }
}
