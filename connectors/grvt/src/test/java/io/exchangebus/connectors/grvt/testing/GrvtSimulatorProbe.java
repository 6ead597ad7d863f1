package io.exchangebus.connectors.grvt.testing;

import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.ws.BackoffPolicy;
import io.exchangebus.connectors.grvt.config.GrvtAccount;
import io.exchangebus.connectors.grvt.config.GrvtConfig;
import io.exchangebus.connectors.grvt.config.GrvtEndpoints;
import io.exchangebus.connectors.grvt.config.GrvtEnvironment;
import io.exchangebus.connectors.grvt.mapping.InstrumentMapping;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.PriceLevel;
import io.exchangebus.sim.grvt.GrvtSimulator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * The core contracts' {@link SimulatorProbe} over a running GRVT simulator ({@code exchange-sim}'s
 * {@link GrvtSimulator}) with the market of {@value #INSTRUMENT} moving (and only it), a main account {@value #ACCOUNT_ID} logging in with
 * {@value #API_KEY}, its sub-account {@link #SUB_ACCOUNT} funded with USDT, and what a test needs to build roles:
 * configs on the simulator's loopback hosts and the registry read from its own {@code all_instruments}. The
 * contracts' instrument is {@code BTC_USDT_Perp}.
 */
public final class GrvtSimulatorProbe implements SimulatorProbe, AutoCloseable {

    public static final String ACCOUNT_ID = "0xc73c0c2538fd9b833d20933ccc88fdaa74fcb0d0";
    public static final String API_KEY = "grvt-it-api-key";
    public static final BigInteger SUB_ACCOUNT = new BigInteger("8289849667772468");
    public static final String INSTRUMENT = "BTC_USDT_Perp";
    /** A test signing key (not a real one): its address is the sub-account's signer. */
    public static final String SIGNING_KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    private final GrvtSimulator sim;
    private final InstrumentRegistry registry = new InstrumentRegistry("grvt");

    private GrvtSimulatorProbe(GrvtSimulator sim) {
        this.sim = sim;
        String signer = "0x" + Keys.getAddress(ECKeyPair.create(new BigInteger(SIGNING_KEY, 16)));
        sim.createAccount(ACCOUNT_ID, API_KEY, SUB_ACCOUNT, signer);
        sim.deposit(SUB_ACCOUNT, "USDT", "100000");
        registry.replaceAll(fetchInstruments());
        // Only the contracts' instrument moves: a sequence fault then hits its stream, not another's.
        sim.generator(INSTRUMENT).start();
    }

    /** A running simulator with {@value #INSTRUMENT}'s market moving, every other setting its default. */
    public static GrvtSimulatorProbe start() {
        return start(b -> { });
    }

    /** The same, after {@code customise} has set the rest. */
    public static GrvtSimulatorProbe start(Consumer<GrvtSimulator.Builder> customise) {
        GrvtSimulator.Builder builder = GrvtSimulator.builder().seed(42).marketData(false)
                .publishInterval(Duration.ofMillis(200));
        customise.accept(builder);
        return new GrvtSimulatorProbe(builder.build());
    }

    public GrvtSimulator simulator() {
        return sim;
    }

    /** Testnet's chain id on the simulator's loopback hosts. */
    public GrvtEndpoints endpoints() {
        URI rest = sim.restBaseUri();
        return GrvtEnvironment.TESTNET.endpoints().withHosts(rest, rest, rest);
    }

    /** Public only, with a quick reconnect backoff and short rate-limit pauses; accounts polled every 200 ms. */
    public GrvtConfig publicConfig() {
        return GrvtConfig.publicOnly(endpoints()).withWebSockets(sim.tradesWsUri(), sim.marketDataWsUri())
                .withAccountPollInterval(Duration.ofMillis(200))
                .withTuning(b -> b.backoff(new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2)),
                        s -> s);
    }

    /** Logged in with the probe's API key, acting for {@link #SUB_ACCOUNT}. */
    public GrvtConfig accountConfig() {
        return publicConfig().withAccount(account());
    }

    public GrvtAccount account() {
        return new GrvtAccount("it", Secret.of(API_KEY), SUB_ACCOUNT.toString(), Secret.of(SIGNING_KEY),
                false);
    }

    public InstrumentRegistry instruments() {
        return registry;
    }

    @Override
    public InstrumentDefinition instrument() {
        return registry.bySymbol(INSTRUMENT).orElseThrow();
    }

    /** Half the mark price, on the tick: far below anything the market reaches in a test. */
    @Override
    public BigDecimal passiveBuyPrice() {
        BigDecimal tick = instrument().rules().tickSize();
        BookSnapshot top = sim.simulator().book(INSTRUMENT).top(1);
        BigDecimal half = top.bids().get(0).price().divide(BigDecimal.valueOf(2), 9, RoundingMode.DOWN);
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
                .filter(o -> SUB_ACCOUNT.toString().equals(o.account()))
                .map(o -> o.request().clientOrderId())
                .toList();
    }

    @Override
    public Map<String, BigDecimal> freeBalances() {
        Map<String, BigDecimal> free = new TreeMap<>();
        sim.simulator().accounts().snapshot(SUB_ACCOUNT.toString()).balances().values()
                .forEach(b -> free.put(b.asset(), b.free()));
        return free;
    }

    @Override
    public void deposit(String asset, BigDecimal amount) {
        sim.deposit(SUB_ACCOUNT, asset, amount.toPlainString());
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
                            URI.create(sim.restBaseUri() + "/full/v1/all_instruments"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());
            return InstrumentMapping.instruments(answer.body()).value().definitions();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the simulator's instruments", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
