package io.exchangebus.ingest;

import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigErrors;
import io.exchangebus.service.config.ConfigKey;
import io.exchangebus.service.config.ConfigSchema;
import io.exchangebus.service.config.ConfigTypes;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.service.config.Validators;
import java.time.Duration;
import java.util.List;

/**
 * The configuration keys of ingest, declared once: whether raw frames are published, and the subscriptions, each a
 * named entry of {@code ingest.subscriptions} naming one instrument of one configured exchange.
 */
public final class IngestKeys {
    /** The collection of named subscriptions. */
    public static final String SUBSCRIPTIONS = "ingest.subscriptions";

    public static final ConfigKey<Boolean> RAW_FRAMES = ConfigKey.withDefault("ingest.raw-frames",
            ConfigTypes.BOOLEAN, false, "Publish every frame received, as received, to market.raw.v1.");
    public static final ConfigKey<String> EXCHANGE = ConfigKey.required("ingest.subscriptions.*.exchange",
                    ConfigTypes.STRING, "Id of the exchange the instrument is on; must be an entry of exchanges.")
            .validatedBy(Validators.notBlank());
    public static final ConfigKey<String> SYMBOL = ConfigKey.required("ingest.subscriptions.*.symbol",
                    ConfigTypes.STRING, "The exchange's own symbol (BTCUSDT); one the exchange does not list stops "
                            + "the start with an error naming this key.")
            .validatedBy(Validators.notBlank());
    public static final ConfigKey<Boolean> BOOK = ConfigKey.withDefault("ingest.subscriptions.*.book",
            ConfigTypes.BOOLEAN, true, "Subscribe the order book, published to market.book.v1.");
    public static final ConfigKey<Integer> BOOK_DEPTH = ConfigKey.withDefault("ingest.subscriptions.*.book-depth",
                    ConfigTypes.INT, 20, "Top-N levels a side, published as snapshots every book-interval; 0 is "
                            + "full depth: a snapshot, then every delta in sequence, resynced on a gap.")
            .validatedBy(Validators.between(0, 5000));
    public static final ConfigKey<Duration> BOOK_INTERVAL = ConfigKey.withDefault(
                    "ingest.subscriptions.*.book-interval", ConfigTypes.DURATION, Duration.ofMillis(100),
                    "How often a top-N book is published at most (the exchange's own rates where it has them).")
            .validatedBy(Validators.positiveDuration());
    public static final ConfigKey<Boolean> TRADES = ConfigKey.withDefault("ingest.subscriptions.*.trades",
            ConfigTypes.BOOLEAN, true, "Subscribe the public trades, published to market.trades.v1.");
    public static final ConfigKey<Boolean> TICKERS = ConfigKey.withDefault("ingest.subscriptions.*.tickers",
            ConfigTypes.BOOLEAN, false, "Subscribe the exchange's ticker (mark and index prices, funding, an "
                    + "option's implied volatility and greeks), published to market.tickers.v1; an exchange whose "
                    + "connector has no ticker stream refuses the subscription.");

    /** Every key of ingest, in the order the reference lists them. */
    public static final List<ConfigKey<?>> ALL = List.of(RAW_FRAMES, EXCHANGE, SYMBOL, BOOK, BOOK_DEPTH,
            BOOK_INTERVAL, TRADES, TICKERS);

    /** The common keys and ingest's, with the rule that a subscription names a configured exchange. */
    public static final ConfigSchema SCHEMA = CommonKeys.SCHEMA.with(ALL)
            .withRule(IngestKeys::subscriptionsNameConfiguredExchanges);

    private IngestKeys() {
    }

    private static void subscriptionsNameConfiguredExchanges(ServiceConfig config, ConfigErrors errors) {
        for (String name : config.names(SUBSCRIPTIONS)) {
            config.find(EXCHANGE, name)
                    .filter(exchange -> !config.names("exchanges").contains(exchange))
                    .ifPresent(exchange -> errors.add(EXCHANGE.pathFor(name), "names exchange '" + exchange
                            + "', which is not configured under exchanges (configured: "
                            + config.names("exchanges") + ")"));
        }
    }
}
