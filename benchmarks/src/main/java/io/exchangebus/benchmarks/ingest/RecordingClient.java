package io.exchangebus.benchmarks.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A subscriber's socket on a simulator that appends each book frame, as received, with its book and update ids, to
 * a {@link Recording.Builder} (on the client's thread), and keeps the ids of the answers to its requests. What is a
 * book frame, and of which book, the exchange's {@code ids} says (null: not one, an answer).
 */
final class RecordingClient extends WebSocketClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A book frame's book (its symbol or instrument) and its first and last update ids. */
    record FrameIds(String book, long firstId, long lastId) {
    }

    private final Recording.Builder builder;
    private final Map<String, Integer> index;
    private final Function<JsonNode, FrameIds> ids;
    private final Set<Long> answered = new HashSet<>();
    private final int[] received;
    private final long[] lastIds;
    private volatile Exception failure;

    RecordingClient(URI uri, Recording.Builder builder, Map<String, Integer> index, Function<JsonNode, FrameIds> ids) {
        super(uri);
        this.builder = builder;
        this.index = index;
        this.ids = ids;
        this.received = new int[index.size()];
        this.lastIds = new long[index.size()];
        Arrays.fill(lastIds, -1);
    }

    void open() throws IOException, InterruptedException {
        if (!connectBlocking(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IOException("could not connect to the simulator at " + getURI());
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        try {
            JsonNode frame = JSON.readTree(message);
            FrameIds frameIds = ids.apply(frame);
            synchronized (this) {
                if (frameIds == null) {
                    answered.add(frame.path("id").asLong(-1));
                    return;
                }
                int i = index.get(frameIds.book());
                builder.frame(i, frameIds.firstId(), frameIds.lastId(), message.getBytes(StandardCharsets.UTF_8));
                received[i]++;
                lastIds[i] = frameIds.lastId();
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    /** Sends a request and waits for its answer: every frame the simulator pushed before it has arrived then. */
    void request(long id, String request) throws IOException, InterruptedException {
        send(request);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!answered(id)) {
            if (System.nanoTime() > deadline || failure != null) {
                throw new IOException("no answer to " + request, failure);
            }
            Thread.sleep(0, 200_000);
        }
    }

    private synchronized boolean answered(long id) {
        return answered.remove(id);
    }

    synchronized int received() {
        return builder.frames();
    }

    synchronized int received(int i) {
        return received[i];
    }

    synchronized long lastId(int i) {
        return lastIds[i];
    }

    /** The first failure to read a frame, or null. */
    Exception failure() {
        return failure;
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
    }

    @Override
    public void onError(Exception e) {
        failure = e;
    }
}
