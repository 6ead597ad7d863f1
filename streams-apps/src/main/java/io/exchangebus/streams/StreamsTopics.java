package io.exchangebus.streams;

import io.exchangebus.avro.topics.Topics;

/**
 * The topics the topologies read and write, by name. Production uses the catalogue's names ({@link #catalogue()});
 * tests give their own, so that runs do not share data.
 *
 * @param marketBook        {@code market.book.v1}: BookUpdate, keyed exchange:symbol (read)
 * @param stateBooks        {@code state.books.v1}: top-N views as BookUpdate snapshots (written, compacted)
 * @param stateBbo          {@code state.bbo.v1}: ConsolidatedQuote per instrumentId (written, compacted)
 * @param ordersUpdates     {@code orders.updates.v1}: OrderUpdate, keyed exchange:account (read, fills)
 * @param accountPositions  {@code account.positions.v1}: PositionUpdate, keyed exchange:account (read)
 * @param accountBalances   {@code account.balances.v1}: BalanceUpdate, keyed exchange:account (read)
 * @param recoverySnapshots {@code recovery.snapshots.v1}: RecoverySnapshot, keyed exchange:account (read)
 * @param statePositions    {@code state.positions.v1}: PositionState per exchange:account:instrumentId (written)
 * @param stateBalances     {@code state.balances.v1}: BalanceUpdate per exchange:account:asset (written)
 * @param alertsPositions   {@code alerts.positions.v1}: ReconciliationAlert (written)
 * @param referenceInstruments {@code reference.instruments.v1}: Instrument, keyed exchange:symbol (read whole into
 *                          a global store: the contract terms positions are computed with); null: no instrument
 *                          source, every instrument's fills are taken as linear in base units
 */
public record StreamsTopics(String marketBook, String stateBooks, String stateBbo, String ordersUpdates,
                            String accountPositions, String accountBalances, String recoverySnapshots,
                            String statePositions, String stateBalances, String alertsPositions,
                            String referenceInstruments) {

    /** Without an instrument source ({@code referenceInstruments} null). */
    public StreamsTopics(String marketBook, String stateBooks, String stateBbo, String ordersUpdates,
                         String accountPositions, String accountBalances, String recoverySnapshots,
                         String statePositions, String stateBalances, String alertsPositions) {
        this(marketBook, stateBooks, stateBbo, ordersUpdates, accountPositions, accountBalances, recoverySnapshots,
                statePositions, stateBalances, alertsPositions, null);
    }

    /** The catalogue's names ({@link Topics}). */
    public static StreamsTopics catalogue() {
        return new StreamsTopics(Topics.MARKET_BOOK.name(), Topics.STATE_BOOKS.name(), Topics.STATE_BBO.name(),
                Topics.ORDER_UPDATES.name(), Topics.ACCOUNT_POSITIONS.name(), Topics.ACCOUNT_BALANCES.name(),
                Topics.RECOVERY_SNAPSHOTS.name(), Topics.STATE_POSITIONS.name(), Topics.STATE_BALANCES.name(),
                Topics.ALERTS_POSITIONS.name(), Topics.REFERENCE_INSTRUMENTS.name());
    }

    /** Every name with {@code prefix} in front, for tests that need topics of their own. */
    public static StreamsTopics prefixed(String prefix) {
        StreamsTopics c = catalogue();
        return new StreamsTopics(prefix + c.marketBook, prefix + c.stateBooks, prefix + c.stateBbo,
                prefix + c.ordersUpdates, prefix + c.accountPositions, prefix + c.accountBalances,
                prefix + c.recoverySnapshots, prefix + c.statePositions, prefix + c.stateBalances,
                prefix + c.alertsPositions, prefix + c.referenceInstruments);
    }
}
