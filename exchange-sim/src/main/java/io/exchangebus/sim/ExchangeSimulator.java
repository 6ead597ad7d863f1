package io.exchangebus.sim;

import io.exchangebus.sim.fault.FaultInjector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator of one exchange id, as {@code exbus sim} runs it: on loopback, with market data running and a
 * funded demo account. Found through {@link SimulatorProvider}. Thread-safe and stateless: each launch is a new
 * simulator.
 */
public interface ExchangeSimulator {

    /** The exchange id it simulates, the connector's: {@code binance-spot}, {@code binance-usdm}, … */
    String exchange();

    /**
     * Starts a simulator serving on loopback.
     *
     * @param port its first port (e.g. REST), the next ones for its other servers; 0 for free ports
     * @param seed seeds market data and the demo account's key: the same seed gives the same run
     */
    Running launch(int port, long seed);

    /**
     * The name a demo deployment gives the funded demo account in the services' configuration (e.g. {@code spot},
     * {@code perp}); by default the exchange id.
     */
    default String demoAccount() {
        return exchange();
    }

    /** A simulator that serves until closed. */
    interface Running extends AutoCloseable {

        /** Its addresses and the demo account's credentials, for a person at a console (secrets included). */
        String describe();

        /**
         * Where it serves and the funded demo account's credentials, for a launcher in another process (see
         * {@link ExchangeSimulatorMain}).
         *
         * @throws UnsupportedOperationException if this simulator does not tell
         */
        default Connection connection() {
            throw new UnsupportedOperationException(getClass().getName() + " does not give its connection");
        }

        /**
         * Its faults on demand (dropped connections, sequence gaps, malformed frames, 429 and 418, slow answers,
         * rejected logins), for a test in the same JVM.
         *
         * @throws UnsupportedOperationException if this simulator has none
         */
        default FaultInjector faults() {
            throw new UnsupportedOperationException(getClass().getName() + " injects no faults");
        }

        /** Stops serving; idempotent. */
        @Override
        void close();
    }

    /**
     * Where a running simulator serves and its demo account's credentials (secret included: not printed).
     *
     * @param endpoints the connector's endpoint names to their URLs (e.g. Deribit's {@code ws-url}, {@code rest-url}),
     *                  when they are not {@code rest-url}, {@code stream-url} and {@code ws-api-url}; empty: those three
     * @param symbols   the exchange's symbols a demo shows (e.g. a perpetual and an option); empty: the launcher's own
     * @param accountSettings the connector's account settings the demo account needs besides its key and secret
     *                  (e.g. GRVT's {@code sub-account-id}); empty: none
     */
    record Connection(String restUrl, String streamUrl, String wsApiUrl, String account, String apiKey,
                      String secret, Map<String, String> endpoints, List<String> symbols,
                      Map<String, String> accountSettings) {

        public Connection {
            endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
            symbols = List.copyOf(symbols);
            accountSettings = Collections.unmodifiableMap(new LinkedHashMap<>(accountSettings));
        }

        /** With no account settings. */
        public Connection(String restUrl, String streamUrl, String wsApiUrl, String account, String apiKey,
                          String secret, Map<String, String> endpoints, List<String> symbols) {
            this(restUrl, streamUrl, wsApiUrl, account, apiKey, secret, endpoints, symbols, Map.of());
        }

        /** With the three usual endpoints and no symbols of its own. */
        public Connection(String restUrl, String streamUrl, String wsApiUrl, String account, String apiKey,
                          String secret) {
            this(restUrl, streamUrl, wsApiUrl, account, apiKey, secret, Map.of(), List.of());
        }

        /**
         * Writes {@code rest-url}, {@code stream-url}, {@code ws-api-url}, {@code account}, {@code api-key} and
         * {@code secret}, then {@code endpoint.<name>} for each endpoint, {@code symbols} (comma-separated) when
         * there are any and {@code account-setting.<name>} for each account setting, to {@code file} (a properties file), owner-only, atomically: a reader sees all or no file.
         */
        public void writeTo(Path file) throws IOException {
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, "rest-url=" + restUrl + "\n"
                    + "stream-url=" + streamUrl + "\n"
                    + "ws-api-url=" + wsApiUrl + "\n"
                    + "account=" + account + "\n"
                    + "api-key=" + apiKey + "\n"
                    + "secret=" + secret + "\n" + extras(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        private String extras() {
            StringBuilder out = new StringBuilder();
            endpoints.forEach((name, url) -> out.append("endpoint.").append(name).append('=').append(url)
                    .append('\n'));
            if (!symbols.isEmpty()) {
                out.append("symbols=").append(String.join(",", symbols)).append('\n');
            }
            accountSettings.forEach((name, value) -> out.append("account-setting.").append(name).append('=')
                    .append(value).append('\n'));
            return out.toString();
        }

        @Override
        public String toString() {
            return "Connection[" + restUrl + ", account " + account + ", key and secret hidden]";
        }
    }
}
