package io.exchangebus.recovery;

import io.exchangebus.events.RecoveryItemKind;
import java.util.List;
import java.util.Optional;

/**
 * What was fetched of one account, in epoch order (balances, positions, open orders, order history), and the
 * failure that stopped it, if one did: then the items are the part fetched before it.
 */
record RecoveredAccount(String exchange, String account, List<RecoveredItem> items, Optional<RecoveryFailure> failure) {
    RecoveredAccount {
        items = List.copyOf(items);
    }

    long count(RecoveryItemKind kind) {
        return items.stream().filter(i -> i.kind() == kind).count();
    }

    /** {@code exchange/account}, as progress lines name it. */
    String name() {
        return exchange + "/" + account;
    }
}
