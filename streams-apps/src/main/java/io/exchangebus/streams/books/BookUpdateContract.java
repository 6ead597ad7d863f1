package io.exchangebus.streams.books;

import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.avro.InexactValueException;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.streams.InvalidEventException;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a record of {@code market.book.v1} must be before it may touch a book: a value, a key equal to the value's
 * {@code exchange:symbol}, and levels whose price and quantity are not negative and fit the event model's
 * {@code decimal(38, 18)} (always true of a value read from the wire). Checked in full before anything changes, so a
 * broken event leaves the book as it was. Stateless.
 */
final class BookUpdateContract {

    private BookUpdateContract() {
    }

    /** @throws InvalidEventException naming what is broken */
    static void check(String key, BookUpdate update) {
        if (update == null) {
            throw new InvalidEventException("market.book record with key '" + key + "' has no value");
        }
        if (!isExchangeSymbol(key, update.getExchange(), update.getSymbol())) {
            throw new InvalidEventException("market.book record key '" + key + "' is not the value's exchange:symbol '"
                    + update.getExchange() + ':' + update.getSymbol() + "'");
        }
        checkLevels(key, "bids", "bids.price", "bids.quantity", update.getBids());
        checkLevels(key, "asks", "asks.price", "asks.quantity", update.getAsks());
    }

    /** {@code key.equals(exchange + ":" + symbol)} without building the string: this runs for every update. */
    private static boolean isExchangeSymbol(String key, String exchange, String symbol) {
        int colon = exchange.length();
        return key != null && key.length() == colon + 1 + symbol.length() && key.startsWith(exchange)
                && key.charAt(colon) == ':' && key.endsWith(symbol);
    }

    private static void checkLevels(String key, String side, String priceField, String quantityField,
                                    List<PriceLevel> levels) {
        for (int i = 0, n = levels.size(); i < n; i++) {
            PriceLevel level = levels.get(i);
            if (level.getPrice().signum() < 0 || level.getQuantity().signum() < 0) {
                throw negative(key, side, i, level);
            }
            try {
                ExactDecimals.checked(priceField, level.getPrice());
                ExactDecimals.checked(quantityField, level.getQuantity());
            } catch (InexactValueException e) {
                throw new InvalidEventException("market.book record '" + key + "': " + e.getMessage());
            }
        }
    }

    /** Cold path. */
    private static InvalidEventException negative(String key, String side, int index, PriceLevel level) {
        return new InvalidEventException("market.book record '" + key + "' has a negative " + side + " level at index "
                + index + ": price " + plain(level.getPrice()) + ", quantity " + plain(level.getQuantity()));
    }

    /** As people write it: "65000.1", not the "65000.100000000000000000" of a value read from the wire. */
    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
