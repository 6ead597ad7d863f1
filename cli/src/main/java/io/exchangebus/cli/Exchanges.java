package io.exchangebus.cli;

import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.connectors.core.spi.ExchangeConnectors;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import io.exchangebus.sim.ExchangeSimulators;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The exchanges the CLI can work with, as found on the class path: connectors through the connector SPI
 * ({@link ExchangeConnectors}), simulators through exchange-sim's registry ({@link ExchangeSimulators}). Adding an
 * exchange's modules to the class path adds it to the commands, their help and their error messages; no command
 * names an exchange's classes. Loaded once per process.
 */
final class Exchanges {
    private Exchanges() {
    }

    private static final class Loaded {
        static final ExchangeConnectors CONNECTORS = ExchangeConnectors.load(Exchanges.class.getClassLoader());
        static final ExchangeSimulators SIMULATORS = ExchangeSimulators.load(Exchanges.class.getClassLoader());
    }

    static ExchangeConnectors connectors() {
        return Loaded.CONNECTORS;
    }

    static ExchangeSimulators simulators() {
        return Loaded.SIMULATORS;
    }

    /** The offline normalizer of {@code exchange}, if a connector on the class path has one. */
    static Optional<OfflineNormalizer> normalizer(String exchange, OfflineNormalizer.Options options) {
        return connectors().find(exchange).flatMap(c -> c.offlineNormalizer(options));
    }

    /** The exchanges with an offline normalizer, sorted. */
    static List<String> withNormalizer() {
        return connectors().ids().stream()
                .filter(id -> normalizer(id, new OfflineNormalizer.Options("unknown", null)).isPresent()).toList();
    }

    /** The connector of {@code exchange}, if one is on the class path. */
    static Optional<ExchangeConnector> connector(String exchange) {
        return connectors().find(exchange);
    }

    /** {@code a, b, c}, or {@code none} when empty: for help and error messages. */
    static String list(Collection<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    /** For picocli's {@code ${COMPLETION-CANDIDATES}} in {@code exbus normalize --help}. */
    static final class WithNormalizer implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return withNormalizer().iterator();
        }
    }

    /** For picocli's {@code ${COMPLETION-CANDIDATES}} in {@code exbus sim --help}. */
    static final class WithSimulator implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return simulators().ids().iterator();
        }
    }
}
