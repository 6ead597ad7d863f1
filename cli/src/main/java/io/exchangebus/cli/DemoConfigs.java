package io.exchangebus.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The demo's sample configuration: one YAML file per service, written where the demo runs, covering a spot and a
 * perpetual instrument (BTCUSDT on Binance spot and on Binance USD-M), and two accounts, {@value #SPOT_ACCOUNT}
 * and {@value #PERP_ACCOUNT}, at the simulators. Keys and secrets go to owner-only files that the YAML names with
 * {@code file:}, as a real deployment's secrets would; they never appear in the YAML.
 */
final class DemoConfigs {
    static final String SPOT = "binance-spot";
    static final String USDM = "binance-usdm";
    static final String SYMBOL = "BTCUSDT";
    static final String SPOT_ACCOUNT = "spot";
    static final String PERP_ACCOUNT = "perp";

    private final Path dir;
    private final String bootstrap;
    private final String registry;
    private final SimulatorConnection spot;
    private final SimulatorConnection usdm;
    private final boolean liveMarketData;

    DemoConfigs(Path dir, String bootstrap, String registry, SimulatorConnection spot, SimulatorConnection usdm,
                boolean liveMarketData) {
        this.dir = dir;
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.spot = spot;
        this.usdm = usdm;
        this.liveMarketData = liveMarketData;
    }

    /** Where a simulator is and the demo account it funded, as the simulator wrote it (its connection file). */
    record SimulatorConnection(String restUrl, String streamUrl, String wsApiUrl, String apiKey, String secret) {
        static SimulatorConnection of(Properties props) {
            return new SimulatorConnection(props.getProperty("rest-url"), props.getProperty("stream-url"),
                    props.getProperty("ws-api-url"), props.getProperty("api-key"), props.getProperty("secret"));
        }

        @Override
        public String toString() {
            return "SimulatorConnection[" + restUrl + ", key and secret hidden]";
        }
    }

    /** Writes the key files and every service's YAML; returns each service's file by service name. */
    Map<String, Path> write(int ingestPort, int pmsPort, int omsPort, int streamsPort) throws IOException {
        String accounts = "accounts:\n"
                + account(SPOT_ACCOUNT, SPOT, spot)
                + account(PERP_ACCOUNT, USDM, usdm);
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("recovery-job", yaml("recovery-job", service("recovery-1", 0) + kafka() + simulators() + accounts
                + "recovery:\n"
                + "  accounts: [" + SPOT_ACCOUNT + ", " + PERP_ACCOUNT + "]\n"
                + "  history-window: 1h\n"
                + "  history-symbols: [" + SYMBOL + "]\n"
                + "  call-timeout: 15s\n"));
        files.put("ingest", yaml("ingest", service("ingest-1", ingestPort) + kafka()
                + (liveMarketData ? production() : simulators())
                + "ingest:\n"
                + "  subscriptions:\n"
                + "    btc-spot:\n"
                + "      exchange: " + SPOT + "\n"
                + "      symbol: " + SYMBOL + "\n"
                + "      book-depth: 20\n"
                + "      book-interval: 100ms\n"
                + "      trades: true\n"
                + "    btc-perp:\n"
                + "      exchange: " + USDM + "\n"
                + "      symbol: " + SYMBOL + "\n"
                + "      book-depth: 20\n"
                + "      book-interval: 100ms\n"
                + "      trades: true\n"));
        files.put("pms-service", yaml("pms-service", service("pms-1", pmsPort) + kafka() + simulators() + accounts
                + "pms:\n"
                + "  accounts: [" + SPOT_ACCOUNT + ", " + PERP_ACCOUNT + "]\n"));
        files.put("oms-service", yaml("oms-service", service("oms-1", omsPort) + kafka() + simulators() + accounts
                + "oms:\n"
                + "  accounts: [" + SPOT_ACCOUNT + ", " + PERP_ACCOUNT + "]\n"
                + "  group-id: oms-service\n"
                + "  ack-timeout: 15s\n"
                + "  risk:\n"
                + "    max-order-quantity: 5\n"
                + "    max-order-notional: 500000\n"
                + "    max-open-orders: 200\n"
                // With live market data the book the OMS checks prices against is the real one, while orders go
                // to the simulators, whose prices differ: the band is off then.
                + "    price-band: " + (liveMarketData ? "0" : "0.05") + "\n"));
        files.put("streams-apps", yaml("streams-apps", service("streams-1", streamsPort) + kafka()
                + "streams:\n"
                + "  application-id: exbus-demo-streams-apps\n"
                + "  state-dir: " + dir.resolve("streams-state") + "\n"
                + "  threads: 1\n"
                + "  standby-replicas: 0\n"
                + "  advertised-host: 127.0.0.1\n"
                + "books:\n"
                + "  depth: 20\n"
                + "  min-interval: 100ms\n"
                + "positions:\n"
                + "  grace-period: 10s\n"));
        return files;
    }

    private String service(String instanceId, int httpPort) {
        return "service:\n"
                + "  instance-id: " + instanceId + "\n"
                + (httpPort > 0 ? "  http-port: " + httpPort + "\n" : "")
                + "  shutdown-timeout: 10s\n";
    }

    private String kafka() {
        return "kafka:\n"
                + "  bootstrap-servers: " + bootstrap + "\n"
                + "  schema-registry-url: " + registry + "\n";
    }

    private String simulators() {
        return "exchanges:\n" + simulator(SPOT, spot) + simulator(USDM, usdm);
    }

    private static String simulator(String exchange, SimulatorConnection sim) {
        return "  " + exchange + ":\n"
                + "    environment: custom\n"
                + "    rest-url: " + sim.restUrl() + "\n"
                + "    stream-url: " + sim.streamUrl() + "\n"
                + "    ws-api-url: " + sim.wsApiUrl() + "\n";
    }

    private static String production() {
        return "exchanges:\n"
                + "  " + SPOT + ":\n    environment: production\n"
                + "  " + USDM + ":\n    environment: production\n";
    }

    private String account(String name, String exchange, SimulatorConnection sim) throws IOException {
        return "  " + name + ":\n"
                + "    exchange: " + exchange + "\n"
                + "    api-key: file:" + secretFile(name + ".key", sim.apiKey()) + "\n"
                + "    secret: file:" + secretFile(name + ".secret", sim.secret()) + "\n";
    }

    private Path secretFile(String name, String value) throws IOException {
        Path file = dir.resolve("secrets").resolve(name);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private Path yaml(String service, String text) throws IOException {
        Path file = dir.resolve("config").resolve(service + ".yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# exbus demo: " + service + " (written by ./exbus demo; secrets are in files)\n"
                + text, StandardCharsets.UTF_8);
        return file;
    }
}
