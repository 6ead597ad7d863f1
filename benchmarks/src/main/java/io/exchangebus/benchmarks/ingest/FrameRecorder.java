package io.exchangebus.benchmarks.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.benchmarks.pipeline.SimulatedMarket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records the Binance spot simulator's full-depth streams ({@code <symbol>@depth@100ms}) as a subscriber receives
 * them: a WebSocket client on the simulator's combined-stream endpoint, the simulator's generators stepped by hand,
 * round robin, until {@code frames} frames have arrived. Every book's depth snapshot ({@code GET /api/v3/depth},
 * limit 1000) is taken before its first frame and again every {@code snapshotEvery} of its frames, when the market
 * stands still and every frame up to it has arrived, so that each snapshot's {@code lastUpdateId} is the last update
 * id of a recorded frame (or precedes the first). {@code exchangeInfo} and the time are recorded as answered.
 */
final class FrameRecorder {
    private static final ObjectMapper JSON = RecordingClient.JSON;
    private static final Duration TIMEOUT = RecordingClient.TIMEOUT;
    /** Steps taken before the recorder waits for their frames (the simulator queues them meanwhile). */
    private static final int STEPS_UNAWAITED = 32;
    static final List<String> REST_PATHS = List.of("/api/v3/exchangeInfo", "/api/v3/time", "/api/v3/ping");

    private final SimulatedMarket market;
    private final HttpClient http = HttpClient.newHttpClient();

    FrameRecorder(SimulatedMarket market) {
        this.market = market;
    }

    Recording record(int frames, int snapshotEvery) throws IOException, InterruptedException {
        List<String> symbols = market.symbols();
        Recording.Builder builder = new Recording.Builder();
        Map<String, Integer> index = new HashMap<>();
        symbols.forEach(s -> index.put(s, builder.symbol(s)));
        for (String path : REST_PATHS) {
            builder.restAnswer(path, get(path));
        }
        RecordingClient client = new RecordingClient(URI.create(market.streamBaseUri() + "/stream"), builder, index,
                FrameRecorder::ids);
        client.open();
        try {
            client.request(1, "{\"method\":\"SUBSCRIBE\",\"params\":["
                    + String.join(",", symbols.stream().map(s -> "\"" + stream(s) + "\"").toList())
                    + "],\"id\":1}");
            int[] atSnapshot = new int[symbols.size()];
            for (String symbol : symbols) {
                snapshot(builder, index.get(symbol), symbol);
            }
            long steps = 0;
            while (client.received() < frames) {
                String symbol = symbols.get((int) (steps++ % symbols.size()));
                int i = index.get(symbol);
                market.step(symbol);
                if (client.received(i) - atSnapshot[i] >= snapshotEvery) {
                    awaitFrames(client, i, symbol);
                    snapshot(builder, i, symbol);
                    atSnapshot[i] = client.received(i);
                } else if (steps % STEPS_UNAWAITED == 0) {
                    for (String s : symbols) {
                        awaitFrames(client, index.get(s), s);
                    }
                }
            }
            for (String s : symbols) {
                awaitFrames(client, index.get(s), s);
            }
        } finally {
            client.closeBlocking();
        }
        if (client.failure() != null) {
            throw new IOException("a recorded frame could not be read", client.failure());
        }
        return builder.build();
    }

    /** A combined-stream frame's symbol and update ids; null for the SUBSCRIBE's answer. */
    private static RecordingClient.FrameIds ids(JsonNode frame) {
        if (!frame.has("stream")) {
            return null;
        }
        JsonNode data = frame.path("data");
        return new RecordingClient.FrameIds(data.path("s").asText(), data.path("U").asLong(), data.path("u").asLong());
    }

    static String stream(String symbol) {
        return symbol.toLowerCase(Locale.ROOT) + "@depth@100ms";
    }

    /** Waits until the client has every frame of {@code symbol} up to the simulator's last update id. */
    private void awaitFrames(RecordingClient client, int i, String symbol) throws IOException, InterruptedException {
        long target = market.lastUpdateId(symbol);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (client.lastId(i) < target) {
            if (System.nanoTime() > deadline || client.failure() != null) {
                throw new IOException(symbol + ": frames up to update id " + target + " not received, last "
                        + client.lastId(i), client.failure());
            }
            Thread.sleep(0, 200_000);
        }
    }

    private void snapshot(Recording.Builder builder, int i, String symbol) throws IOException, InterruptedException {
        byte[] body = get("/api/v3/depth?symbol=" + symbol + "&limit=1000");
        long lastUpdateId = JSON.readTree(body).path("lastUpdateId").asLong(-1);
        if (lastUpdateId != market.lastUpdateId(symbol)) {
            throw new IOException(symbol + ": snapshot at " + lastUpdateId + ", the book at "
                    + market.lastUpdateId(symbol));
        }
        builder.snapshot(i, lastUpdateId, body);
    }

    private byte[] get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                URI.create(market.restBaseUri() + pathAndQuery)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + pathAndQuery + ": " + response.statusCode());
        }
        return response.body();
    }
}
