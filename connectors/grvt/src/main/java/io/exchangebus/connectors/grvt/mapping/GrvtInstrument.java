package io.exchangebus.connectors.grvt.mapping;

import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.grvt.auth.SigningTerms;
import java.util.Objects;

/**
 * One GRVT instrument: the exchange-neutral definition, and what order signing needs of it ({@code instrument_hash},
 * {@code base_decimals}), kept side by side so that an OMS finds both by symbol.
 *
 * @param definition the core's definition
 * @param signing the hash and base decimals for the signed order's legs
 * @param quoteDecimals {@code quote_decimals}, or null when the answer leaves it out (signing does not need it)
 */
public record GrvtInstrument(InstrumentDefinition definition, SigningTerms signing, Integer quoteDecimals) {
    public GrvtInstrument {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(signing, "signing");
    }
}
