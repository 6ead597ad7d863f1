package io.exchangebus.connectors.deribit.testing;

import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.ws.BackoffPolicy;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.config.DeribitAccount;
import io.exchangebus.connectors.deribit.config.DeribitConfig;
import io.exchangebus.connectors.deribit.config.DeribitEndpoints;
import io.exchangebus.connectors.deribit.mapping.InstrumentMapping;
import io.exchangebus.sim.ReceivedOrderCommand;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.deribit.DeribitSimulator;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.PriceLevel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The core contracts' {@link SimulatorProbe} over a running Deribit simulator ({@code exchange-sim}'s
 * {@link DeribitSimulator}) with market data on, a funded account ({@value #ACCOUNT}) and its API key, and what a
 * test needs to build roles against it: a public or logged-in config and the instrument registry read from the
 * simulator's own {@code public/get_instruments}. The contracts' instrument is {@code BTC-PERPETUAL}.
 */
public final class DeribitSimulatorProbe implements SimulatorProbe, AutoCloseable {

    public static final String ACCOUNT = "trader";
    public static final String INSTRUMENT = "BTC-PERPETUAL";

    private final DeribitSimulator sim;
    private final ApiKey key;
    private final InstrumentRegistry registry;

    private DeribitSimulatorProbe(DeribitSimulator sim) {
        this.sim = sim;
        this.key = sim.createAccount(ACCOUNT);
        sim.deposit(ACCOUNT, "BTC", "10");
        this.registry = new InstrumentRegistry("deribit");
        registry.replaceAll(fetchInstruments());
    }

    /** A running simulator with market data on, every other setting its default. */
    public static DeribitSimulatorProbe start() {
        return start(b -> { });
    }

    /** A running simulator with market data on, after {@code customise} has set the rest. */
    public static DeribitSimulatorProbe start(Consumer<DeribitSimulator.Builder> customise) {
        DeribitSimulator.Builder builder = DeribitSimulator.builder().seed(42).marketData(true);
        customise.accept(builder);
        return new DeribitSimulatorProbe(builder.build());
    }

    public DeribitSimulator simulator() {
        return sim;
    }

    public DeribitEndpoints endpoints() {
        return new DeribitEndpoints(sim.wsUri(), sim.restBaseUri());
    }

    /** Public only (books and trades from the 100ms channels), with a quick reconnect backoff. */
    public DeribitConfig publicConfig() {
        return DeribitConfig.publicOnly(endpoints()).withWsTuning(b -> b.backoff(
                new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2)));
    }

    /** Logged in as the probe's account (books and trades from the raw channels). */
    public DeribitConfig accountConfig(DeribitGrantType grant) {
        return publicConfig().withAccount(new DeribitAccount(credentials(), grant, "exbus-it",
                Duration.ofSeconds(10), Optional.empty()));
    }

    public ApiCredentials credentials() {
        return new ApiCredentials(ACCOUNT, key.keyId(), Secret.of(key.secret()));
    }

    public InstrumentRegistry instruments() {
        return registry;
    }

    @Override
    public InstrumentDefinition instrument() {
        return registry.bySymbol(INSTRUMENT).orElseThrow();
    }

    /** Half the mark price, on the 0.5 tick: far below anything the market reaches in a test. */
    @Override
    public BigDecimal passiveBuyPrice() {
        BigDecimal half = sim.markPrice(INSTRUMENT).divide(BigDecimal.valueOf(2), 1, RoundingMode.DOWN);
        BigDecimal tick = new BigDecimal("0.5");
        return half.divide(tick, 0, RoundingMode.DOWN).multiply(tick);
    }

    @Override
    public TrueBook trueBook(int depth) {
        BookSnapshot book = sim.simulator().book(INSTRUMENT).top(depth);
        return new TrueBook(entries(book.bids()), entries(book.asks()));
    }

    private static List<Map.Entry<BigDecimal, BigDecimal>> entries(List<PriceLevel> levels) {
        return levels.stream().map(l -> Map.entry(l.price(), l.quantity())).toList();
    }

    @Override
    public List<String> clientOrderIdsReceived() {
        return sim.simulator().receivedOrders().stream()
                .filter(o -> o.kind() == ReceivedOrderCommand.Kind.PLACE && ACCOUNT.equals(o.account()))
                .map(o -> o.request().clientOrderId())
                .toList();
    }

    @Override
    public Map<String, BigDecimal> freeBalances() {
        Map<String, BigDecimal> free = new TreeMap<>();
        sim.simulator().accounts().snapshot(ACCOUNT).balances().values().forEach(b -> free.put(b.asset(), b.free()));
        return free;
    }

    @Override
    public void deposit(String asset, BigDecimal amount) {
        sim.deposit(ACCOUNT, asset, amount.toPlainString());
    }

    @Override
    public void dropConnections() {
        sim.faults().dropConnections();
    }

    @Override
    public void skipSequence() {
        sim.faults().skipSequence(1);
    }

    @Override
    public void sendMalformedFrame() {
        sim.faults().sendMalformedFrame();
    }

    @Override
    public void close() {
        sim.close();
    }

    private List<InstrumentDefinition> fetchInstruments() {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(sim.restBaseUri() + "/public/get_instruments?currency=any")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return InstrumentMapping.fromResponse(answer.body()).instruments();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the simulator's instruments", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
