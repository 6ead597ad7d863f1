package io.exchangebus.benchmarks.ingest;

import io.exchangebus.sim.deribit.DeribitSimulator;
import io.exchangebus.sim.grvt.GrvtSimulator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * The Deribit or GRVT simulator of a recording, its market-data generators stepped by hand (no timers, no publish
 * thread), so that the market moves exactly as fast as the recorder asks. A step of an instrument cancels and
 * requotes its maker's levels and prints trades: each engine diff is a GRVT {@code v1.book.d} delta at once; Deribit's
 * {@code book.<instrument>.100ms} sends what changed since the last one at each {@link #publish()} (its 100 ms
 * interval, run now).
 *
 * <p>Threading: the recorder's thread only.
 */
interface RpcMarket extends AutoCloseable {

    /** The first {@code books} instruments: the order the recording indexes them. */
    List<String> instruments();

    /** The market-data WebSocket. */
    URI wsUri();

    /** One step of {@code instrument}'s market. */
    void step(String instrument);

    /** One publish interval (Deribit's aggregated books); nothing for GRVT, whose deltas go out at once. */
    void publish();

    /** The REST requests ingest makes at start, by the path the replay answers them under. */
    Map<String, HttpRequest> restRequests();

    @Override
    void close();

    static RpcMarket start(Venue venue, int books, long seed) {
        return switch (venue) {
            case DERIBIT -> deribit(books, seed);
            case GRVT -> grvt(books, seed);
            case BINANCE -> throw new IllegalArgumentException("Binance is recorded by FrameRecorder");
        };
    }

    private static RpcMarket deribit(int books, long seed) {
        // Credits for the recorder's barrier requests (public/test), which would exhaust Deribit's own.
        DeribitSimulator sim = DeribitSimulator.builder().seed(seed).publishInterval(null)
                .nonMatchingEngineCredits(1, 1_000_000_000L, 1_000_000_000L).build();
        List<String> instruments = first(sim.instruments(), books);
        URI instrumentsUri = URI.create(sim.restBaseUri() + "/public/get_instruments?currency=any");
        return new RpcMarket() {
            public List<String> instruments() {
                return instruments;
            }

            public URI wsUri() {
                return sim.wsUri();
            }

            public void step(String instrument) {
                sim.generator(instrument).step();
            }

            public void publish() {
                sim.publishNow();
            }

            public Map<String, HttpRequest> restRequests() {
                return Map.of(instrumentsUri.getPath(), HttpRequest.newBuilder(instrumentsUri).GET().build());
            }

            public void close() {
                sim.close();
            }
        };
    }

    private static RpcMarket grvt(int books, long seed) {
        GrvtSimulator sim = GrvtSimulator.builder().seed(seed).publishInterval(null).build();
        List<String> instruments = first(sim.instruments(), books);
        URI instrumentsUri = URI.create(sim.restBaseUri() + "/full/v1/all_instruments");
        return new RpcMarket() {
            public List<String> instruments() {
                return instruments;
            }

            public URI wsUri() {
                return sim.marketDataWsUri();
            }

            public void step(String instrument) {
                sim.generator(instrument).step();
            }

            public void publish() {
            }

            public Map<String, HttpRequest> restRequests() {
                return Map.of(instrumentsUri.getPath(), HttpRequest.newBuilder(instrumentsUri)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build());
            }

            public void close() {
                sim.close();
            }
        };
    }

    private static List<String> first(List<String> listed, int books) {
        if (books > listed.size()) {
            throw new IllegalArgumentException("the simulator lists " + listed.size() + " instruments: " + listed);
        }
        return List.copyOf(listed.subList(0, books));
    }
}
