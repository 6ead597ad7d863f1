package io.exchangebus.benchmarks.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.java_websocket.WebSocket;

/**
 * A minimal Deribit or GRVT market-data server replaying a {@link Recording}, in a process of its own: the JSON-RPC
 * WebSocket answers what ingest's subscriber asks ({@link RpcProtocol}: subscribe, heartbeat set-up, tests) and,
 * once every recorded book is subscribed, sends the recorded frames in order, byte for byte, as fast as ingest takes
 * them ({@link ReplayFlow}): each book's snapshot frame first, as the exchange sends it after the subscription's
 * answer. The REST endpoint answers the instruments as recorded; {@code GET /replay/stats} tells the harness how far
 * it got.
 *
 * <p>A book subscribed again after the frames started (a resync) cannot be served a new snapshot: counted as
 * {@code resubscribes} and logged; ingest's book then stays behind and the harness's check fails. The window keeps
 * ingest's queue from overflowing, so that should not happen.
 *
 * <p>{@code RpcReplayServer EXCHANGE RECORDING WS_PORT REST_PORT BOOTSTRAP TOPIC PARTITIONS WINDOW}; runs until
 * killed.
 */
public final class RpcReplayServer {
    private final Recording recording;
    private final RpcProtocol protocol;
    private final ReplayFlow flow;
    private final Set<String> subscribed = new HashSet<>();
    private boolean feeding;
    private volatile long resubscribes;
    private volatile boolean done;

    RpcReplayServer(Recording recording, RpcProtocol protocol, long window) {
        this.recording = recording;
        this.protocol = protocol;
        this.flow = new ReplayFlow(recording, window);
    }

    public static void main(String[] args) throws IOException {
        Recording recording = Recording.read(Path.of(args[1]));
        RpcReplayServer server = new RpcReplayServer(recording, RpcProtocol.of(Venue.of(args[0])),
                Long.parseLong(args[7]));
        server.flow.followAcks(new TopicCount(args[4], args[5], Integer.parseInt(args[6])));
        server.flow.serveRest(Integer.parseInt(args[3]), server::stats, (path, query) -> null);
        server.flow.serveStream(Integer.parseInt(args[2]), server::onMessage);
        System.out.printf(Locale.ROOT, "replay: %,d %s frames (%,d bytes) of %s; ready%n", recording.frames(),
                args[0], recording.frameBytes(), recording.symbols());
    }

    /** A request: answered; once every book is subscribed, the feed starts (the server's thread). */
    private void onMessage(WebSocket conn, String message) {
        JsonNode request;
        try {
            request = RecordingClient.JSON.readTree(message);
        } catch (IOException e) {
            System.out.println("replay: not JSON: " + message);
            return;
        }
        RpcProtocol.Answer answer = protocol.answer(request);
        conn.send(answer.text());
        synchronized (this) {
            for (String book : answer.subscribedBooks()) {
                if (!subscribed.add(book) || feeding) {
                    resubscribes++;
                    System.out.println("replay: " + book + " subscribed again; no new snapshot to send");
                }
            }
            if (!feeding && subscribed.containsAll(recording.symbols())) {
                feeding = true;
                Thread feed = new Thread(() -> replay(conn), "replay-feed");
                feed.setDaemon(true);
                feed.start();
            }
        }
    }

    private void replay(WebSocket conn) {
        int i = 0;
        for (; i < recording.frames() && conn.isOpen(); i++) {
            flow.send(conn, i);
        }
        flow.flush(conn);
        done = i >= recording.frames();
        System.out.printf(Locale.ROOT, "replay: %,d frames sent%s%n", flow.sent(),
                done ? "; done" : "; the connection closed");
    }

    private String stats() {
        return String.format(Locale.ROOT,
                "{\"frames\":%d,\"sent\":%d,\"skipped\":0,\"snapshots\":%d,\"resubscribes\":%d,\"connections\":%d,"
                        + "\"done\":%b}",
                recording.frames(), flow.sent(), recording.symbols().size(), resubscribes, flow.connections(), done);
    }
}
