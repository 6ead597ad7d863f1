package io.exchangebus.connectors.binance.mapping;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Our instrument id of a Binance symbol when no exchangeInfo is at hand (the {@code exbus normalize} tool reading a
 * capture offline): the quote asset is found by the longest known suffix, USD-M symbols are perpetuals unless they
 * carry a delivery date ({@code BTCUSDT_261225}). A guess, so never used by the roles, which map symbols through the
 * venue's own exchangeInfo; a symbol it cannot split is unknown rather than guessed wrong.
 */
public final class SymbolGuess {

    /** Quote assets Binance lists, longest first so that FDUSD wins over USD-like suffixes. */
    private static final List<String> QUOTES = List.of("FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USDP", "DAI",
            "BTC", "ETH", "BNB", "EUR", "TRY", "BRL", "JPY", "GBP", "AUD", "XRP", "DOGE", "TRX");
    private static final DateTimeFormatter DELIVERY = DateTimeFormatter.ofPattern("yyMMdd");

    private SymbolGuess() {
    }

    /** Our id of {@code symbol} on {@code venue}, if its quote asset is one we know. */
    public static Optional<String> instrumentId(BinanceVenue venue, String symbol) {
        String pair = symbol;
        LocalDate delivery = null;
        int underscore = symbol.indexOf('_');
        if (underscore > 0) {
            pair = symbol.substring(0, underscore);
            try {
                delivery = LocalDate.parse(symbol.substring(underscore + 1), DELIVERY);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        for (String quote : QUOTES.stream().sorted((a, b) -> b.length() - a.length()).toList()) {
            if (pair.length() > quote.length() && pair.endsWith(quote)) {
                String base = pair.substring(0, pair.length() - quote.length());
                if (!base.matches("[A-Z0-9]+")) {
                    return Optional.empty();
                }
                InstrumentId id = BinanceFormat.of(venue).guess(base, quote, delivery);
                return Optional.of(id.toString());
            }
        }
        return Optional.empty();
    }
}
