package io.exchangebus.connectors.binance.mapping;

import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.events.EventSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who mapped events belong to, how a Binance symbol becomes our instrument id (from the venue's instrument registry,
 * or any lookup: {@code exbus normalize} works without exchangeInfo), and whether they come from the stream or from
 * recovery. One context serves the order, user-data and account mappings alike.
 */
public record MappingContext(String exchange, String account, Function<String, Optional<String>> instrumentIds,
                             EventSource source) {
    public MappingContext {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(instrumentIds, "instrumentIds");
        Objects.requireNonNull(source, "source");
    }

    /** Ids from the instruments of {@code registry}. */
    public MappingContext(String exchange, String account, InstrumentRegistry registry, EventSource source) {
        this(exchange, account, symbol -> registry.bySymbol(symbol).map(i -> i.id().toString()), source);
    }

    /** The same, for events of another source. */
    public MappingContext withSource(EventSource other) {
        return new MappingContext(exchange, account, instrumentIds, other);
    }

    /** Our instrument id of a Binance symbol; an unknown symbol cannot be mapped. */
    public String instrumentId(String symbol) {
        return instrumentIds.apply(symbol).orElseThrow(() -> new UnmappableMessageException(
                "symbol '" + symbol + "' is not an instrument of " + exchange));
    }
}
