package io.exchangebus.ingest;

import io.exchangebus.service.config.ServiceConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one named subscription asks for: one instrument of one exchange, its book (top-N at an interval, or full
 * depth), its trades and its ticker. From the configuration ({@link #fromConfig}) or the admin API.
 *
 * @param name the entry's name, e.g. {@code btc-spot}
 * @param exchange the configured exchange id
 * @param symbol the exchange's own symbol
 * @param book whether to publish the book
 * @param bookDepth top-N levels a side, or 0 for full depth
 * @param bookInterval how often a top-N book is published at most
 * @param trades whether to publish trades
 * @param tickers whether to publish the exchange's ticker (to {@code market.tickers.v1})
 */
public record SubscriptionSpec(String name, String exchange, String symbol, boolean book, int bookDepth,
                               Duration bookInterval, boolean trades, boolean tickers) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public SubscriptionSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a subscription name is lower-case letters, digits and '-', was '"
                    + name + "'");
        }
        if (exchange == null || exchange.isBlank()) {
            throw new IllegalArgumentException("exchange: required");
        }
        if (symbol == null || symbol.isBlank() || symbol.indexOf(':') >= 0) {
            throw new IllegalArgumentException("symbol: required, without ':'");
        }
        if (bookDepth < 0) {
            throw new IllegalArgumentException("book-depth: must be >= 0, was " + bookDepth);
        }
        Objects.requireNonNull(bookInterval, "bookInterval");
        if (bookInterval.isNegative() || bookInterval.isZero()) {
            throw new IllegalArgumentException("book-interval: must be longer than 0");
        }
        if (!book && !trades && !tickers) {
            throw new IllegalArgumentException("asks for neither book nor trades nor tickers");
        }
    }

    /** Without tickers. */
    public SubscriptionSpec(String name, String exchange, String symbol, boolean book, int bookDepth,
                            Duration bookInterval, boolean trades) {
        this(name, exchange, symbol, book, bookDepth, bookInterval, trades, false);
    }

    /** The subscription {@code name} of {@code ingest.subscriptions}. */
    public static SubscriptionSpec fromConfig(ServiceConfig config, String name) {
        return new SubscriptionSpec(name, config.get(IngestKeys.EXCHANGE, name), config.get(IngestKeys.SYMBOL, name),
                config.get(IngestKeys.BOOK, name), config.get(IngestKeys.BOOK_DEPTH, name),
                config.get(IngestKeys.BOOK_INTERVAL, name), config.get(IngestKeys.TRADES, name),
                config.get(IngestKeys.TICKERS, name));
    }

    /** The topics' key of this instrument, {@code exchange:symbol}. */
    public String key() {
        return io.exchangebus.avro.topics.TopicKey.exchangeSymbol(exchange, symbol);
    }
}
