package io.exchangebus.cli;

import picocli.CommandLine.Option;

/**
 * Which instrument an {@code exbus order place|cancel|replace} names: the exchange's symbol, and our instrument id,
 * derived from the symbol when left out (see {@link InstrumentIds}).
 */
final class OrderInstrumentOptions {
    @Option(names = "--symbol", required = true, paramLabel = "SYMBOL",
            description = "The exchange's own symbol: BTCUSDT, ...")
    String symbol;

    @Option(names = "--instrument", paramLabel = "ID", description = "Our instrument id (BTC-USDT, BTC-USDT-PERP, "
            + "...); derived from the symbol when left out, which works for Binance's symbols.")
    String instrument;

    /** Our instrument id on {@code exchange}: {@code --instrument}, or the one the symbol gives. */
    InstrumentIds.Resolved resolve(String exchange) {
        return InstrumentIds.resolve(exchange, symbol, instrument);
    }
}
