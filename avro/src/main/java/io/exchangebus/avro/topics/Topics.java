package io.exchangebus.avro.topics;

import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.ConsolidatedQuote;
import io.exchangebus.events.DeadLetter;
import io.exchangebus.events.Instrument;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.RawFrame;
import io.exchangebus.events.ReconciliationAlert;
import io.exchangebus.events.RecoverySnapshot;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import java.util.List;
import java.util.Optional;

/**
 * The topic catalogue: one topic per event type across exchanges, keyed so that order holds where it matters.
 * {@code docs/topics.md} is the same catalogue in prose; a test keeps the two in step.
 */
public final class Topics {
    public static final Topic MARKET_BOOK = new Topic("market.book.v1", TopicKey.EXCHANGE_SYMBOL,
            BookUpdate.getClassSchema(), CleanupPolicy.DELETE, 12,
            "Every update of one book lands in one partition, so a consumer sees snapshot then deltas in sequence order.");
    public static final Topic MARKET_TRADES = new Topic("market.trades.v1", TopicKey.EXCHANGE_SYMBOL,
            Trade.getClassSchema(), CleanupPolicy.DELETE, 12,
            "Trades of one instrument stay in exchange order; instruments spread over partitions.");
    public static final Topic MARKET_TICKERS = new Topic("market.tickers.v1", TopicKey.EXCHANGE_SYMBOL,
            Ticker.getClassSchema(), CleanupPolicy.DELETE, 6,
            "Tickers of one instrument stay in order; lower volume than books, fewer partitions.");
    public static final Topic MARKET_RAW = new Topic("market.raw.v1", TopicKey.EXCHANGE_SYMBOL,
            RawFrame.getClassSchema(), CleanupPolicy.DELETE, 12,
            "Raw frames beside the events they became, same key, for audit and replay through the mapping.");
    public static final Topic ORDER_COMMANDS = new Topic("orders.commands.v1", TopicKey.EXCHANGE_ACCOUNT,
            OrderCommand.getClassSchema(), CleanupPolicy.DELETE, 6,
            "Commands of one account are handled in the order sent; one OMS instance owns an account's partition.");
    public static final Topic ORDER_ACKS = new Topic("orders.acks.v1", TopicKey.EXCHANGE_ACCOUNT,
            OrderAck.getClassSchema(), CleanupPolicy.DELETE, 6,
            "Same key and partition count as commands, so an account's acks follow its commands in order.");
    public static final Topic ORDER_UPDATES = new Topic("orders.updates.v1", TopicKey.EXCHANGE_ACCOUNT,
            OrderUpdate.getClassSchema(), CleanupPolicy.DELETE, 6,
            "An account's order updates and fills stay in exchange order, which positions are derived from.");
    public static final Topic ACCOUNT_POSITIONS = new Topic("account.positions.v1", TopicKey.EXCHANGE_ACCOUNT,
            PositionUpdate.getClassSchema(), CleanupPolicy.DELETE, 6,
            "An account's position updates stay in order, co-partitioned with its order updates.");
    public static final Topic ACCOUNT_BALANCES = new Topic("account.balances.v1", TopicKey.EXCHANGE_ACCOUNT,
            BalanceUpdate.getClassSchema(), CleanupPolicy.DELETE, 6,
            "An account's balance updates stay in order, co-partitioned with its positions.");
    public static final Topic ACCOUNT_UPDATES = new Topic("account.updates.v1", TopicKey.EXCHANGE_ACCOUNT,
            AccountUpdate.getClassSchema(), CleanupPolicy.DELETE, 6,
            "Account-wide margin figures, co-partitioned with the account's positions and balances.");
    public static final Topic RECOVERY_SNAPSHOTS = new Topic("recovery.snapshots.v1", TopicKey.EXCHANGE_ACCOUNT,
            RecoverySnapshot.getClassSchema(), CleanupPolicy.DELETE, 6,
            "One recovery run (epoch) of an account is contiguous in one partition, closed by its end marker.");
    public static final Topic REFERENCE_INSTRUMENTS = new Topic("reference.instruments.v1", TopicKey.EXCHANGE_SYMBOL,
            Instrument.getClassSchema(), CleanupPolicy.COMPACT, 1,
            "Instrument definitions (kind, inverse, unit, contract size) for readers that see only events, such as "
                    + "streams-apps' positions: compaction keeps the latest per exchange:symbol; one partition, read whole.");
    public static final Topic STATE_BOOKS = new Topic("state.books.v1", TopicKey.EXCHANGE_SYMBOL,
            BookUpdate.getClassSchema(), CleanupPolicy.COMPACT, 12,
            "The current top-N view per book, as a snapshot: compaction keeps the latest per exchange:symbol.");
    public static final Topic STATE_BBO = new Topic("state.bbo.v1", TopicKey.INSTRUMENT,
            ConsolidatedQuote.getClassSchema(), CleanupPolicy.COMPACT, 6,
            "The best bid and offer per venue and across venues of one instrument: compaction keeps the latest.");
    public static final Topic STATE_POSITIONS = new Topic("state.positions.v1", TopicKey.EXCHANGE_ACCOUNT_INSTRUMENT,
            PositionState.getClassSchema(), CleanupPolicy.COMPACT, 6,
            "The current position per account and instrument, derived from fills beside the exchange's view.");
    public static final Topic STATE_BALANCES = new Topic("state.balances.v1", TopicKey.EXCHANGE_ACCOUNT_ASSET,
            BalanceUpdate.getClassSchema(), CleanupPolicy.COMPACT, 6,
            "The current balance per account and asset, as the exchange last reported it: compaction keeps the latest.");
    public static final Topic ALERTS_POSITIONS = new Topic("alerts.positions.v1", TopicKey.EXCHANGE_ACCOUNT_INSTRUMENT,
            ReconciliationAlert.getClassSchema(), CleanupPolicy.DELETE, 1,
            "Rare; one partition keeps every reconciliation alert and its resolution in the order they happened.");

    /** Every topic of the catalogue except the dead-letter topics, which are per service. */
    public static final List<Topic> ALL = List.of(MARKET_BOOK, MARKET_TRADES, MARKET_TICKERS, MARKET_RAW,
            ORDER_COMMANDS, ORDER_ACKS, ORDER_UPDATES, ACCOUNT_POSITIONS, ACCOUNT_BALANCES, ACCOUNT_UPDATES,
            RECOVERY_SNAPSHOTS, REFERENCE_INSTRUMENTS, STATE_BOOKS, STATE_BBO, STATE_POSITIONS, STATE_BALANCES, ALERTS_POSITIONS);

    /**
     * The services that write a dead-letter topic ({@link #deadLetter(String)}): every long-running service. The
     * recovery job fails its run instead, recording the failure in its epoch.
     */
    public static final List<String> DEAD_LETTER_WRITERS = List.of("ingest", "pms-service", "oms-service",
            "streams-apps");

    private Topics() {
    }

    /** The dead-letter topic of each service that writes one, in {@link #DEAD_LETTER_WRITERS} order. */
    public static List<Topic> deadLetters() {
        return DEAD_LETTER_WRITERS.stream().map(Topics::deadLetter).toList();
    }

    /**
     * The dead-letter topic of a service, {@code <service>.dlq.v1}: what it could not process, with the raw bytes
     * and the reason, keyed as the failed record was.
     */
    public static Topic deadLetter(String service) {
        if (!service.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("A service name is lower-case letters, digits and '-': '" + service + "'");
        }
        return new Topic(service + ".dlq.v1", TopicKey.SOURCE_KEY, DeadLetter.getClassSchema(), CleanupPolicy.DELETE, 1,
                "Low volume, kept for inspection and replay; one partition keeps failures in the order they happened.");
    }

    /** The catalogue entry of a topic name, dead-letter topics included. */
    public static Optional<Topic> byName(String name) {
        if (name.endsWith(".dlq.v1")) {
            return Optional.of(deadLetter(name.substring(0, name.length() - ".dlq.v1".length())));
        }
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
