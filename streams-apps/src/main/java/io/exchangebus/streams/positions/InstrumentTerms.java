package io.exchangebus.streams.positions;

import io.exchangebus.connectors.core.instrument.ContractMath.Terms;
import io.exchangebus.events.Instrument;
import io.exchangebus.events.QuantityUnit;
import java.math.BigDecimal;
import java.util.function.BiFunction;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The contract terms of an instrument (inverse or linear, and the value of one unit of quantity), read from the
 * instrument definitions that {@code recovery-job} writes to {@code reference.instruments.v1}, keyed
 * {@code exchange:symbol}, and the positions topology holds whole in a global store: so that an inverse perpetual's
 * average entry and PnL follow {@link io.exchangebus.connectors.core.instrument.ContractMath}'s inverse formulas
 * (Deribit BTC-PERPETUAL: quantity in USD, PnL in BTC) while streams-apps reads only events. An instrument not (yet)
 * defined there is taken as linear in base units, as every Binance instrument is.
 */
final class InstrumentTerms implements BiFunction<String, String, Terms> {
    private final TimestampedKeyValueStore<String, Instrument> definitions;

    /** @param definitions the global store of {@code reference.instruments.v1}, or null when there is none */
    InstrumentTerms(TimestampedKeyValueStore<String, Instrument> definitions) {
        this.definitions = definitions;
    }

    /** The terms of {@code exchange}'s {@code symbol}; linear in base units when it has no definition. */
    @Override
    public Terms apply(String exchange, String symbol) {
        if (definitions == null) {
            return Terms.LINEAR;
        }
        ValueAndTimestamp<Instrument> defined = definitions.get(exchange + ":" + symbol);
        return defined == null ? Terms.LINEAR : of(defined.value());
    }

    /**
     * The terms of a definition: inverse as it says; the multiplier is the contract size when quantities count
     * contracts, else 1 (base units, or an inverse contract's quote currency such as Deribit's USD).
     */
    static Terms of(Instrument instrument) {
        BigDecimal multiplier = instrument.getUnit() == QuantityUnit.CONTRACTS ? instrument.getContractSize()
                : BigDecimal.ONE;
        return new Terms(instrument.getInverse(), multiplier);
    }
}
