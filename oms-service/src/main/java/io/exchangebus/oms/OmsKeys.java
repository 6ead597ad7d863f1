package io.exchangebus.oms;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigErrors;
import io.exchangebus.service.config.ConfigKey;
import io.exchangebus.service.config.ConfigSchema;
import io.exchangebus.service.config.ConfigTypes;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.service.config.Validators;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The configuration keys of oms-service, declared once; {@link #SCHEMA} is the common section plus these. */
public final class OmsKeys {
    public static final ConfigKey<List<String>> ACCOUNTS = ConfigKey.optional("oms.accounts",
                    ConfigTypes.STRING_LIST, "Ids of the configured accounts this OMS trades for; commands for any "
                            + "other account are rejected (UNKNOWN_ACCOUNT).")
            .withDefaultShownAs("every configured account");
    public static final ConfigKey<String> GROUP_ID = ConfigKey.withDefault("oms.group-id", ConfigTypes.STRING,
            "oms-service", "Consumer group reading the commands; every instance of one group serves the same "
                    + "accounts (partitions are shared out, not accounts).").validatedBy(Validators.notBlank());
    public static final ConfigKey<String> TRANSACTIONAL_ID_PREFIX = ConfigKey.withDefault(
            "oms.transactional-id-prefix", ConfigTypes.STRING, "oms-service-",
            "transactional.id is this prefix + service.instance-id: stable across restarts of one instance, so "
                    + "a restarted instance fences its predecessor.").validatedBy(Validators.notBlank());
    public static final ConfigKey<Duration> ACK_TIMEOUT = ConfigKey.withDefault("oms.ack-timeout",
            ConfigTypes.DURATION, Duration.ofSeconds(15), "Longest wait for the exchange's answer to one request; "
                    + "then the OMS asks the exchange for the order before it acks.")
            .validatedBy(Validators.positiveDuration());
    public static final ConfigKey<Duration> CONNECT_WAIT = ConfigKey.withDefault("oms.connect-wait",
            ConfigTypes.DURATION, Duration.ofSeconds(10), "Longest wait at start-up for every account's first "
                    + "connection attempt to end before taking commands; an account whose attempt failed is not "
                    + "waited for but retried in the background, and its commands are refused (REJECTED, "
                    + "ACCOUNT_UNAVAILABLE, retryable) until it connects.")
            .validatedBy(Validators.positiveDuration());
    public static final ConfigKey<Duration> CONNECT_BACKOFF = ConfigKey.withDefault("oms.connect-backoff",
            ConfigTypes.DURATION, Duration.ofSeconds(1), "Wait before an account that could not connect is tried "
                    + "again; it doubles (with jitter) after each failure, up to oms.connect-backoff-max.")
            .validatedBy(Validators.positiveDuration());
    public static final ConfigKey<Duration> CONNECT_BACKOFF_MAX = ConfigKey.withDefault("oms.connect-backoff-max",
            ConfigTypes.DURATION, Duration.ofSeconds(60), "Longest wait between two connection attempts of an "
                    + "account.").validatedBy(Validators.positiveDuration());
    public static final ConfigKey<Duration> INSTRUMENT_REFRESH = ConfigKey.withDefault("oms.instrument-refresh",
            ConfigTypes.DURATION, Duration.ofMinutes(15), "How often each exchange's instrument list is fetched "
                    + "again while running: new instruments become tradable, one the exchange lists in a form we "
                    + "cannot read is skipped (logged, counted in exbus.oms.instruments.skipped), and orders on "
                    + "instruments no longer listed (expired, delisted) are refused as such.")
            .validatedBy(Validators.positiveDuration());
    public static final ConfigKey<Duration> UNCERTAIN_HOLD = ConfigKey.withDefault("oms.uncertain-hold",
            ConfigTypes.DURATION, Duration.ofMinutes(2), "How long a command that an earlier process may have sent "
                    + "waits for its account to connect (after a restart, say) so that it is settled at the exchange "
                    + "before anything else; the account's later commands wait behind it. Still not connected: it is "
                    + "acked REJECTED OUTCOME_UNKNOWN.")
            .validatedBy(Validators.positiveDuration());
    public static final ConfigKey<Integer> PARALLELISM = ConfigKey.withDefault("oms.parallelism",
            ConfigTypes.INT, 64, "How many commands of different accounts are in flight to the exchanges at once "
                    + "(threads, each mostly waiting for its exchange's answer); each account's own commands go one "
                    + "after the other, in the order of the topic.")
            .validatedBy(Validators.between(1, 256));
    public static final ConfigKey<BigDecimal> MAX_ORDER_QUANTITY = ConfigKey.optional(
                    "oms.risk.max-order-quantity", ConfigTypes.DECIMAL,
                    "Largest quantity of one order (in the exchange's quantity unit); unset: no limit.")
            .validatedBy(Validators.positiveDecimal());
    public static final ConfigKey<BigDecimal> MAX_ORDER_NOTIONAL = ConfigKey.optional(
                    "oms.risk.max-order-notional", ConfigTypes.DECIMAL, "Largest notional of one order, in its "
                            + "instrument's price currency: price x quantity x multiplier for a linear contract (a "
                            + "market order valued at the best opposite price of the current book), the face value "
                            + "quantity x multiplier for an inverse one (e.g. USD). Unset: no limit.")
            .validatedBy(Validators.positiveDecimal());
    public static final ConfigKey<Integer> MAX_OPEN_ORDERS = ConfigKey.withDefault("oms.risk.max-open-orders",
                    ConfigTypes.INT, 200, "Open orders per account (as this OMS knows them: open at start plus "
                            + "those it has seen since) before new ones are rejected; 0 rejects every new order.")
            .validatedBy(Validators.atLeast(0));
    public static final ConfigKey<BigDecimal> PRICE_BAND = ConfigKey.withDefault("oms.risk.price-band",
            ConfigTypes.DECIMAL, new BigDecimal("0.05"), "Largest distance of a limit or stop price from the mid of "
                    + "the current book, as a fraction (0.05 = 5%); 0 disables the band. While it is on, an order on "
                    + "a book the OMS has not seen is rejected (NO_CURRENT_BOOK).")
            .validatedBy(value -> value.signum() >= 0 && value.compareTo(BigDecimal.ONE) < 0 ? Optional.empty()
                    : Optional.of("must be from 0 (off) to below 1, was " + value.toPlainString()));
    public static final ConfigKey<String> COMMANDS_TOPIC = ConfigKey.withDefault("oms.topics.commands",
            ConfigTypes.STRING, Topics.ORDER_COMMANDS.name(), "Topic of the order commands (OrderCommand).")
            .validatedBy(Validators.notBlank());
    public static final ConfigKey<String> ACKS_TOPIC = ConfigKey.withDefault("oms.topics.acks",
            ConfigTypes.STRING, Topics.ORDER_ACKS.name(), "Topic of the acks (OrderAck).")
            .validatedBy(Validators.notBlank());
    public static final ConfigKey<String> UPDATES_TOPIC = ConfigKey.withDefault("oms.topics.updates",
            ConfigTypes.STRING, Topics.ORDER_UPDATES.name(), "Topic of the order updates (OrderUpdate).")
            .validatedBy(Validators.notBlank());
    public static final ConfigKey<String> BOOKS_TOPIC = ConfigKey.withDefault("oms.topics.books",
            ConfigTypes.STRING, Topics.MARKET_BOOK.name(), "Topic of the book updates the price band and market "
                    + "order valuation read (BookUpdate).").validatedBy(Validators.notBlank());

    public static final ConfigKey<String> INTENTS_TOPIC = ConfigKey.withDefault("oms.topics.intents",
            ConfigTypes.STRING, "oms-service.send-intents.v1", "Compacted topic (created if missing) where each "
                    + "poll's last command offset is recorded before it is sent, so that a successor settles at the "
                    + "exchange only what may have been sent.").validatedBy(Validators.notBlank());

    /** The keys of oms-service, in the order the reference lists them. */
    public static final List<ConfigKey<?>> ALL = List.of(ACCOUNTS, GROUP_ID, TRANSACTIONAL_ID_PREFIX, ACK_TIMEOUT,
            CONNECT_WAIT, CONNECT_BACKOFF, CONNECT_BACKOFF_MAX, INSTRUMENT_REFRESH, UNCERTAIN_HOLD, PARALLELISM,
            MAX_ORDER_QUANTITY, MAX_ORDER_NOTIONAL, MAX_OPEN_ORDERS, PRICE_BAND, COMMANDS_TOPIC, ACKS_TOPIC,
            UPDATES_TOPIC, BOOKS_TOPIC, INTENTS_TOPIC);

    /** The common section and the keys of oms-service, with the rule that served accounts are configured. */
    public static final ConfigSchema SCHEMA = CommonKeys.SCHEMA.with(ALL).withRule(OmsKeys::servedAccountsExist);

    private OmsKeys() {
    }

    private static void servedAccountsExist(ServiceConfig config, ConfigErrors errors) {
        config.find(ACCOUNTS).ifPresent(ids -> ids.stream()
                .filter(id -> !config.names("accounts").contains(id))
                .forEach(id -> errors.add(ACCOUNTS.path(), "names account '" + id + "', which is not configured "
                        + "under accounts (configured: " + config.names("accounts") + ")")));
    }
}
