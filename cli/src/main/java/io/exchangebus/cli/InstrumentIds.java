package io.exchangebus.cli;

import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.spi.ExchangeConnector;
import java.util.Optional;

/**
 * Our instrument id for an order's symbol, which {@code PlaceOrder}, {@code CancelOrder} and {@code ReplaceOrder}
 * must carry. The OMS does not look it up: its preflight parses the id, finds the instrument by it in the
 * exchange's own instrument list, and refuses the order (UNKNOWN_INSTRUMENT, SYMBOL_MISMATCH) unless that
 * instrument's symbol is the order's symbol.
 *
 * <p>{@code --instrument} gives it; otherwise it is derived from the symbol where the exchange's symbols can be
 * read offline: Binance's ({@code BTCUSDT} is {@code BTC-USDT} on binance-spot, {@code BTC-USDT-PERP} on
 * binance-usdm, {@code BTCUSDT_261225} is {@code BTC-USDT-20261225}), by the connector's
 * {@link ExchangeConnector#instrumentIdOf}. A wrong guess cannot place a wrong order, since the OMS checks the pair
 * against the exchange's list.
 */
final class InstrumentIds {
    private InstrumentIds() {
    }

    /**
     * @param given {@code --instrument}, or null
     * @return the id to send, or a message saying why there is none (bad {@code --instrument}, or a symbol that
     *         cannot be read)
     */
    static Resolved resolve(String exchange, String symbol, String given) {
        if (given != null) {
            try {
                InstrumentId.parse(given);
                return new Resolved(given, null);
            } catch (IllegalArgumentException e) {
                return new Resolved(null, "--instrument '" + given + "' is not an instrument id: " + e.getMessage());
            }
        }
        Optional<String> derived = Exchanges.connector(exchange)
                .flatMap(connector -> connector.instrumentIdOf(symbol)).map(InstrumentId::toString);
        return derived.map(id -> new Resolved(id, null)).orElseGet(() -> new Resolved(null,
                "cannot derive the instrument id of symbol '" + symbol + "' on " + exchange
                        + ": pass --instrument (e.g. BTC-USDT, BTC-USDT-PERP)"));
    }

    /** An id, or why there is none. */
    record Resolved(String id, String problem) {
    }
}
