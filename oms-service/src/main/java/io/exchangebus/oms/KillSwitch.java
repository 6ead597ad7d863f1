package io.exchangebus.oms;

import io.exchangebus.events.CancelAll;
import io.exchangebus.events.OrderCommand;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The kill switches of one poll: a {@link CancelAll} for an account ({@code exchange:account}), or for every
 * account this OMS serves on an exchange (account {@value #ALL_ACCOUNTS}). They go first: {@link #order} puts them
 * ahead of every other command of the poll, and every place or replace of a stopped account in the same poll,
 * before or after the cancel-all, is rejected with {@code KILL_SWITCH} rather than sent. Cancels still go through.
 * Acks are committed in offset order whatever the order of handling ({@link CommandLedger}), so the reordering never
 * commits a later command's offset before an earlier command's ack.
 */
public final class KillSwitch {
    /** The account of a cancel-all that stops every served account of its exchange. */
    public static final String ALL_ACCOUNTS = "*";

    private final Set<String> stopped;

    private KillSwitch(Set<String> stopped) {
        this.stopped = stopped;
    }

    /** No kill switch. */
    public static KillSwitch none() {
        return new KillSwitch(Set.of());
    }

    /** The kill switches among {@code items}, whose commands {@code command} gives (null for undecodable ones). */
    public static <T> KillSwitch of(List<T> items, Function<T, OrderCommand> command) {
        Set<String> stopped = new HashSet<>();
        for (T item : items) {
            OrderCommand c = command.apply(item);
            if (c != null && c.getAction() instanceof CancelAll) {
                stopped.add(c.getExchange() + ":" + c.getAccount());
            }
        }
        return new KillSwitch(stopped);
    }

    /** {@code items} with the cancel-alls first, each group in its original order. */
    public static <T> List<T> order(List<T> items, Function<T, OrderCommand> command) {
        List<T> first = new ArrayList<>();
        List<T> rest = new ArrayList<>();
        for (T item : items) {
            OrderCommand c = command.apply(item);
            (c != null && c.getAction() instanceof CancelAll ? first : rest).add(item);
        }
        first.addAll(rest);
        return first;
    }

    /** Whether new orders of the account must not be sent in this poll. */
    public boolean stops(String exchange, String account) {
        return stopped.contains(exchange + ":" + account) || stopped.contains(exchange + ":" + ALL_ACCOUNTS);
    }
}
