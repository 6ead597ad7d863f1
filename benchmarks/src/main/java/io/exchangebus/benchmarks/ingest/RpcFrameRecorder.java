package io.exchangebus.benchmarks.ingest;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a Deribit or GRVT simulator's full-depth book streams as ingest's subscriber receives them: a WebSocket
 * client on the market-data endpoint subscribing each book as the connector does ({@link RpcProtocol}), once the
 * market has quoted for {@value #ROUNDS_BEFORE} rounds, so that each book's first frame is its snapshot of a full
 * book; then the generators stepped by hand, round robin, a publish interval after
 * each round ({@link RpcMarket}), until {@code frames} frames have arrived. Every {@value #ROUNDS_UNAWAITED} rounds a
 * request the simulator answers at once makes sure every frame pushed before has arrived. The REST answers ingest
 * asks for at start (the instruments) are recorded as answered.
 */
final class RpcFrameRecorder {
    /** Rounds taken before the recorder waits for their frames (the simulator queues them meanwhile). */
    private static final int ROUNDS_UNAWAITED = 32;
    /** Rounds stepped before the subscriptions: the snapshots hold the maker's levels, not an empty book. */
    private static final int ROUNDS_BEFORE = 5;

    private final RpcMarket market;
    private final RpcProtocol protocol;
    private final HttpClient http = HttpClient.newHttpClient();

    RpcFrameRecorder(RpcMarket market, RpcProtocol protocol) {
        this.market = market;
        this.protocol = protocol;
    }

    Recording record(int frames) throws IOException, InterruptedException {
        List<String> instruments = market.instruments();
        Recording.Builder builder = new Recording.Builder();
        Map<String, Integer> index = new HashMap<>();
        instruments.forEach(s -> index.put(s, builder.symbol(s)));
        for (Map.Entry<String, HttpRequest> request : market.restRequests().entrySet()) {
            builder.restAnswer(request.getKey(), send(request.getValue()));
        }
        RecordingClient client = new RecordingClient(market.wsUri(), builder, index, protocol::ids);
        for (int round = 0; round < ROUNDS_BEFORE; round++) {
            instruments.forEach(market::step);
        }
        client.open();
        long id = 0;
        try {
            for (String instrument : instruments) {
                client.request(++id, protocol.subscribe(id, instrument));
            }
            client.request(++id, protocol.barrier(id));
            for (int i = 0; i < instruments.size(); i++) {
                if (client.received(i) != 1) {
                    throw new IOException(instruments.get(i) + ": " + client.received(i) + " frames on subscribing"
                            + ", expected its snapshot");
                }
            }
            long rounds = 0;
            while (client.received() < frames) {
                instruments.forEach(market::step);
                market.publish();
                if (++rounds % ROUNDS_UNAWAITED == 0) {
                    client.request(++id, protocol.barrier(id));
                }
            }
            client.request(++id, protocol.barrier(id));
        } finally {
            client.closeBlocking();
        }
        if (client.failure() != null) {
            throw new IOException("a recorded frame could not be read", client.failure());
        }
        return builder.build();
    }

    private byte[] send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(request.method() + " " + request.uri() + ": " + response.statusCode());
        }
        return response.body();
    }
}
