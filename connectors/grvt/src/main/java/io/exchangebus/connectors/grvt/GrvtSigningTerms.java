package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.grvt.auth.SigningTerms;
import io.exchangebus.connectors.grvt.mapping.GrvtInstrument;
import io.exchangebus.connectors.grvt.mapping.InstrumentMapping;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What signing an order needs of each instrument ({@code instrument_hash}, {@code base_decimals}), by GRVT symbol,
 * beside the shared registry the preflight checks against (filled from the same listing when it is empty, as the
 * SPI asks of every role but the Subscriber). Thread-safe.
 */
final class GrvtSigningTerms {

    private final InstrumentRegistry registry;
    private final Map<String, SigningTerms> bySymbol = new ConcurrentHashMap<>();

    GrvtSigningTerms(InstrumentRegistry registry) {
        this.registry = registry;
    }

    void load(InstrumentMapping.Instruments listed) {
        for (GrvtInstrument i : listed.instruments()) {
            bySymbol.put(i.definition().symbol(), i.signing());
        }
        if (registry.size() == 0) {
            registry.replaceAll(listed.definitions());
        }
    }

    Optional<SigningTerms> of(String symbol) {
        return Optional.ofNullable(bySymbol.get(symbol));
    }
}
