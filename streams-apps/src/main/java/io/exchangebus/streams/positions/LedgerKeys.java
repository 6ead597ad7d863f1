package io.exchangebus.streams.positions;

import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.events.PositionSide;
import io.exchangebus.streams.InvalidEventException;
import java.util.Locale;

/**
 * The keys of the positions stores. Every key starts with the input topics' key {@code exchange:account}, so one
 * account's entries are all in the task that reads its partition, and {@link #accountPrefix} range-scans them (no
 * key part contains ':', {@link TopicKey}, so a prefix never matches another account).
 */
final class LedgerKeys {
    /** Digits of a zero-padded epoch item index: the longest long, so that keys sort as the indexes do. */
    private static final int INDEX_DIGITS = 19;

    private LedgerKeys() {
    }

    /** {@code exchange:account}: the input topics' key. */
    static String account(String exchange, String account) {
        return of(exchange, account);
    }

    /** {@code exchange:account:}: the prefix of every store key of the account. */
    static String accountPrefix(String exchange, String account) {
        return account(exchange, account) + ':';
    }

    /** {@code exchange:account:instrumentId}: a position. */
    static String position(String exchange, String account, String instrumentId) {
        return of(exchange, account, instrumentId);
    }

    /** {@code exchange:account:asset}: a balance. */
    static String balance(String exchange, String account, String asset) {
        return of(exchange, account, asset);
    }

    /** {@code exchange:account:exchangeOrderId}: an order's fill baseline. */
    static String order(String exchange, String account, String exchangeOrderId) {
        return of(exchange, account, exchangeOrderId);
    }

    /** {@code exchange:account:itemIndex} (zero-padded): an item of the account's pending epoch, in epoch order. */
    static String epochItem(String exchange, String account, long itemIndex) {
        return accountPrefix(exchange, account) + String.format(Locale.ROOT, "%0" + INDEX_DIGITS + "d", itemIndex);
    }

    /** {@code exchange:account:instrumentId:LONG|SHORT}: one hedge-mode leg as the exchange reported it. */
    static String hedgeLeg(String exchange, String account, String instrumentId, PositionSide side) {
        return of(exchange, account, instrumentId, side.name());
    }

    /** {@link TopicKey#of}, with a part that cannot be in a key (empty, or holding ':') an invalid event. */
    private static String of(String... parts) {
        try {
            return TopicKey.of(parts);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("cannot form a store key: " + e.getMessage());
        }
    }

    /**
     * Checks that an event's exchange and account are those of the record key it came with.
     *
     * @throws InvalidEventException if they are not (the record is dead-lettered, nothing changes)
     */
    static void requireAccount(String recordKey, String exchange, String account, String what) {
        String expected = account(exchange, account);
        if (!expected.equals(recordKey)) {
            throw new InvalidEventException(what + " of " + expected + " came with key '" + recordKey
                    + "': the key must be exchange:account of the value");
        }
    }
}
