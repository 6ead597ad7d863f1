package io.exchangebus.service.demo;

import io.exchangebus.service.demo.DemoConfigModel.Account;
import io.exchangebus.service.demo.DemoConfigModel.Books;
import io.exchangebus.service.demo.DemoConfigModel.Exchange;
import io.exchangebus.service.demo.DemoConfigModel.Ingest;
import io.exchangebus.service.demo.DemoConfigModel.IngestFile;
import io.exchangebus.service.demo.DemoConfigModel.Kafka;
import io.exchangebus.service.demo.DemoConfigModel.Oms;
import io.exchangebus.service.demo.DemoConfigModel.OmsFile;
import io.exchangebus.service.demo.DemoConfigModel.Pms;
import io.exchangebus.service.demo.DemoConfigModel.PmsFile;
import io.exchangebus.service.demo.DemoConfigModel.Positions;
import io.exchangebus.service.demo.DemoConfigModel.Recovery;
import io.exchangebus.service.demo.DemoConfigModel.RecoveryJobFile;
import io.exchangebus.service.demo.DemoConfigModel.Risk;
import io.exchangebus.service.demo.DemoConfigModel.Service;
import io.exchangebus.service.demo.DemoConfigModel.Streams;
import io.exchangebus.service.demo.DemoConfigModel.StreamsAppsFile;
import io.exchangebus.service.demo.DemoConfigModel.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The demo's sample configuration: one YAML file per service, written where the demo runs, covering the symbols
 * each simulator names (Deribit: BTC-PERPETUAL and an option; GRVT: BTC_USDT_Perp), or BTCUSDT, on each chosen
 * exchange and one account per exchange at its simulator (named by the simulator: {@code spot}, {@code perp},
 * {@code deribit}, {@code grvt}) with the settings the simulator names (GRVT's sub-account). The files are built
 * as {@link DemoConfigModel} records and rendered by its YAML library. Keys and secrets go to owner-only files that
 * the YAML names with {@code file:}, as a real deployment's secrets would; they never appear in the YAML.
 *
 * <p>Written by {@code exbus demo} (module cli) and by the test kit (module testkit), which run the same services
 * against the same simulators.
 */
public final class DemoConfigs {
    public static final String SYMBOL = "BTCUSDT";

    private final Path dir;
    private final String bootstrap;
    private final String registry;
    private final List<DemoExchange> exchanges;
    private final boolean liveMarketData;

    /**
     * @param exchanges the chosen exchanges, in order (the first is the one the summary's examples use)
     */
    public DemoConfigs(Path dir, String bootstrap, String registry, List<DemoExchange> exchanges,
                       boolean liveMarketData) {
        this.dir = dir;
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.exchanges = List.copyOf(exchanges);
        this.liveMarketData = liveMarketData;
    }

    /** One exchange of the demo: its id, the name of its demo account, and its simulator's connection. */
    public record DemoExchange(String exchange, String account, SimulatorConnection simulator) {
    }

    /**
     * Where a simulator is and the demo account it funded, as the simulator wrote it (its connection file).
     *
     * @param endpoints its endpoints by the connector's names, when it names them (else the three shorthands)
     * @param symbols   the symbols it names for a demo; empty: {@link #SYMBOL}
     * @param accountSettings the connector's settings of the demo account besides key and secret (GRVT's
     *                  {@code sub-account-id}); empty: none
     */
    public record SimulatorConnection(String restUrl, String streamUrl, String wsApiUrl, String apiKey, String secret,
                               Map<String, String> endpoints, List<String> symbols,
                               Map<String, String> accountSettings) {
        public SimulatorConnection(String restUrl, String streamUrl, String wsApiUrl, String apiKey, String secret) {
            this(restUrl, streamUrl, wsApiUrl, apiKey, secret, Map.of(), List.of());
        }

        public SimulatorConnection(String restUrl, String streamUrl, String wsApiUrl, String apiKey, String secret,
                                   Map<String, String> endpoints, List<String> symbols) {
            this(restUrl, streamUrl, wsApiUrl, apiKey, secret, endpoints, symbols, Map.of());
        }

        public static SimulatorConnection of(Properties props) {
            String symbols = props.getProperty("symbols", "");
            return new SimulatorConnection(props.getProperty("rest-url"), props.getProperty("stream-url"),
                    props.getProperty("ws-api-url"), props.getProperty("api-key"), props.getProperty("secret"),
                    prefixed(props, "endpoint."), symbols.isBlank() ? List.of() : List.of(symbols.split(",")),
                    prefixed(props, "account-setting."));
        }

        private static Map<String, String> prefixed(Properties props, String prefix) {
            Map<String, String> found = new TreeMap<>();
            props.stringPropertyNames().stream().filter(n -> n.startsWith(prefix))
                    .forEach(n -> found.put(n.substring(prefix.length()), props.getProperty(n)));
            return found;
        }

        /** The symbols of the demo on this exchange, the first shown first. */
        public List<String> demoSymbols() {
            return symbols.isEmpty() ? List.of(SYMBOL) : symbols;
        }

        @Override
        public String toString() {
            return "SimulatorConnection[" + restUrl + ", key and secret hidden]";
        }
    }

    /** Writes the key files and every service's YAML; returns each service's file by service name. */
    public Map<String, Path> write(int ingestPort, int pmsPort, int omsPort, int streamsPort) throws IOException {
        Map<String, Account> accounts = accounts();
        List<String> accountNames = List.copyOf(accounts.keySet());
        Map<String, Exchange> simulators = simulators();
        Kafka kafka = new Kafka(bootstrap, registry);
        Map<String, Path> files = new LinkedHashMap<>();
        List<String> historySymbols = exchanges.stream().flatMap(e -> e.simulator().demoSymbols().stream())
                .distinct().toList();
        files.put("recovery-job", yaml("recovery-job", new RecoveryJobFile(service("recovery-1", 0), kafka,
                simulators, accounts, new Recovery(accountNames, "1h", historySymbols, "15s"))));
        Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        for (DemoExchange e : exchanges) {
            List<String> symbols = e.simulator().demoSymbols();
            // Live market data comes from the real exchange, which lists the first symbol (a perpetual) but not
            // necessarily the simulator's option of the day.
            int shown = liveMarketData ? 1 : symbols.size();
            for (int i = 0; i < shown; i++) {
                subscriptions.put("btc-" + e.account() + (i == 0 ? "" : "-" + (i + 1)),
                        new Subscription(e.exchange(), symbols.get(i), 20, "100ms", true));
            }
        }
        files.put("ingest", yaml("ingest", new IngestFile(service("ingest-1", ingestPort), kafka,
                liveMarketData ? production() : simulators, new Ingest(subscriptions))));
        files.put("pms-service", yaml("pms-service", new PmsFile(service("pms-1", pmsPort), kafka, simulators,
                accounts, new Pms(accountNames))));
        // With live market data the book the OMS checks prices against is the real one, while orders go to the
        // simulators, whose prices differ: the band is off then.
        // Quantities count what each instrument counts: BTC on Binance and GRVT, USD on Deribit's inverse perpetual
        // (lots of 10), so the quantity cap is loose and the notional cap (price currency, face value if inverse)
        // binds.
        Risk risk = new Risk(new BigDecimal("100000"), new BigDecimal("500000"), 200,
                liveMarketData ? BigDecimal.ZERO : new BigDecimal("0.05"));
        files.put("oms-service", yaml("oms-service", new OmsFile(service("oms-1", omsPort), kafka, simulators,
                accounts, new Oms(accountNames, "oms-service", "15s", risk))));
        files.put("streams-apps", yaml("streams-apps", new StreamsAppsFile(service("streams-1", streamsPort), kafka,
                new Streams("exbus-demo-streams-apps", dir.resolve("streams-state").toString(), 1, 0, "127.0.0.1"),
                new Books(20, "100ms"), new Positions("10s"))));
        return files;
    }

    private static Service service(String instanceId, int httpPort) {
        return new Service(instanceId, httpPort > 0 ? httpPort : null, "10s");
    }

    private Map<String, Exchange> simulators() {
        Map<String, Exchange> all = new LinkedHashMap<>();
        for (DemoExchange e : exchanges) {
            SimulatorConnection sim = e.simulator();
            all.put(e.exchange(), sim.endpoints().isEmpty()
                    ? Exchange.custom(sim.restUrl(), sim.streamUrl(), sim.wsApiUrl())
                    : Exchange.custom(sim.endpoints()));
        }
        return all;
    }

    private Map<String, Exchange> production() {
        Map<String, Exchange> all = new LinkedHashMap<>();
        exchanges.forEach(e -> all.put(e.exchange(), Exchange.production()));
        return all;
    }

    private Map<String, Account> accounts() throws IOException {
        Map<String, Account> all = new LinkedHashMap<>();
        for (DemoExchange e : exchanges) {
            Map<String, String> settings = e.simulator().accountSettings();
            all.put(e.account(), new Account(e.exchange(),
                    "file:" + secretFile(e.account() + ".key", e.simulator().apiKey()),
                    "file:" + secretFile(e.account() + ".secret", e.simulator().secret()),
                    settings.isEmpty() ? null : new TreeMap<>(settings)));
        }
        return all;
    }

    private Path secretFile(String name, String value) throws IOException {
        Path file = dir.resolve("secrets").resolve(name);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private Path yaml(String service, Object model) throws IOException {
        String text = DemoConfigModel.render(model);
        Path file = dir.resolve("config").resolve(service + ".yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# exbus demo: " + service + " (written by ./exbus demo; secrets are in files)\n"
                + text, StandardCharsets.UTF_8);
        return file;
    }
}
