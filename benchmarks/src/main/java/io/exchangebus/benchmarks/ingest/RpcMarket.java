package io.exchangebus.benchmarks.ingest;

import io.exchangebus.sim.deribit.DeribitSimulator;
import io.exchangebus.sim.grvt.GrvtSimulator;
import io.exchangebus.sim.market.MarketDataGenerator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Deribit or GRVT simulator of a recording, its market-data generators stepped by hand (no timers, no publish
 * thread), so that the market moves exactly as fast as the recorder asks. A step of an instrument cancels and
 * requotes its maker's levels and prints trades: each engine diff is a GRVT {@code v1.book.d} delta at once; Deribit's
 * {@code book.<instrument>.100ms} sends what changed since the last one at each {@link #publish()} (its 100 ms
 * interval, run now).
 *
 * <p>Threading: the recorder's thread only.
 *
 * @param instruments  the first {@code books} instruments the simulator lists: the order the recording indexes them
 * @param wsUri        the market-data WebSocket
 * @param generators   each instrument's generator
 * @param publisher    one publish interval (Deribit's aggregated books); nothing for GRVT, whose deltas go at once
 * @param restRequests the REST requests ingest makes at start, by the path the replay answers them under
 * @param closer       stops the simulator
 */
record RpcMarket(List<String> instruments, URI wsUri, Function<String, MarketDataGenerator> generators,
                 Runnable publisher, Map<String, HttpRequest> restRequests, Runnable closer)
        implements AutoCloseable {

    /** One step of {@code instrument}'s market. */
    void step(String instrument) {
        generators.apply(instrument).step();
    }

    void publish() {
        publisher.run();
    }

    @Override
    public void close() {
        closer.run();
    }

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
        URI instruments = URI.create(sim.restBaseUri() + "/public/get_instruments?currency=any");
        return new RpcMarket(first(sim.instruments(), books), sim.wsUri(), sim::generator, sim::publishNow,
                Map.of(instruments.getPath(), HttpRequest.newBuilder(instruments).GET().build()), sim::close);
    }

    private static RpcMarket grvt(int books, long seed) {
        GrvtSimulator sim = GrvtSimulator.builder().seed(seed).publishInterval(null).build();
        URI instruments = URI.create(sim.restBaseUri() + "/full/v1/all_instruments");
        return new RpcMarket(first(sim.instruments(), books), sim.marketDataWsUri(), sim::generator, () -> {
        }, Map.of(instruments.getPath(), HttpRequest.newBuilder(instruments).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build()), sim::close);
    }

    private static List<String> first(List<String> listed, int books) {
        if (books > listed.size()) {
            throw new IllegalArgumentException("the simulator lists " + listed.size() + " instruments: " + listed);
        }
        return List.copyOf(listed.subList(0, books));
    }
}
