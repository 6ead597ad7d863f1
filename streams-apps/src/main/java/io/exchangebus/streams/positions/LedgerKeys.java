package io.exchangebus.streams.positions;

import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.events.PositionSide;
import io.exchangebus.streams.InvalidEventException;
import java.util.Locale;

/**
 * The keys of the positions stores. Every key starts with the input topics' key {@code exchange:account}, so one
 * account's entries are all in the task that reads its partition, and {@link #accountPrefix} range-scans them (no
 * key part contains ':', {@link TopicKey}, so a prefix never matches another account).
 *
 * <p>Positions, hedge legs and balances of an exchange's sub-account (the events' {@code subAccount}) are kept
 * under {@code exchange:account/subAccount:...}, those of the account itself (null sub-account) under
 * {@code exchange:account:...} exactly as before sub-accounts existed. The two cannot collide: account names are
 * configuration entry names ({@code [a-z0-9][a-z0-9-]*}), so a '/' in the second part always starts a sub-account,
 * and since '/' is not ':' the account's prefix {@code exchange:account:} never matches a sub-account's key (nor
 * {@code exchange:account/} another account's). An order's fill baseline stays per account (order ids are the
 * exchange's), while its fills go to the position of the order's sub-account.
 */
final class LedgerKeys {
    /** Digits of a zero-padded epoch item index: the longest long, so that keys sort as the indexes do. */
    private static final int INDEX_DIGITS = 19;
    /** Between account and sub-account in one key part: never in an account name, and not ':' (see above). */
    private static final char SUB_ACCOUNT_SEPARATOR = '/';

    private LedgerKeys() {
    }

    /** {@code exchange:account}: the input topics' key. */
    static String account(String exchange, String account) {
        return of(exchange, account);
    }

    /** {@code exchange:account:}: the prefix of every store key of the account itself (no sub-account). */
    static String accountPrefix(String exchange, String account) {
        return account(exchange, account) + ':';
    }

    /** {@code exchange:account/}: the prefix of every store key of the account's sub-accounts. */
    static String subAccountsPrefix(String exchange, String account) {
        return account(exchange, account) + SUB_ACCOUNT_SEPARATOR;
    }

    /** {@code exchange:account:instrumentId}, or {@code exchange:account/subAccount:instrumentId}: a position. */
    static String position(String exchange, String account, String subAccount, String instrumentId) {
        return of(exchange, scoped(account, subAccount), instrumentId);
    }

    /** {@code exchange:account:asset}, or {@code exchange:account/subAccount:asset}: a balance. */
    static String balance(String exchange, String account, String subAccount, String asset) {
        return of(exchange, scoped(account, subAccount), asset);
    }

    /** {@code exchange:account:exchangeOrderId}: an order's fill baseline. */
    static String order(String exchange, String account, String exchangeOrderId) {
        return of(exchange, account, exchangeOrderId);
    }

    /** {@code exchange:account:itemIndex} (zero-padded): an item of the account's pending epoch, in epoch order. */
    static String epochItem(String exchange, String account, long itemIndex) {
        return accountPrefix(exchange, account) + String.format(Locale.ROOT, "%0" + INDEX_DIGITS + "d", itemIndex);
    }

    /** {@code exchange:account[/subAccount]:instrumentId:LONG|SHORT}: one hedge-mode leg as reported. */
    static String hedgeLeg(String exchange, String account, String subAccount, String instrumentId,
                           PositionSide side) {
        return of(exchange, scoped(account, subAccount), instrumentId, side.name());
    }

    /** The account key part: {@code account}, or {@code account/subAccount}. */
    private static String scoped(String account, String subAccount) {
        if (subAccount == null) {
            return account;
        }
        if (subAccount.isEmpty()) {
            throw new InvalidEventException("cannot form a store key: the sub-account of account '" + account
                    + "' is empty (null means the account itself)");
        }
        return account + SUB_ACCOUNT_SEPARATOR + subAccount;
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
