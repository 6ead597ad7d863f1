package io.exchangebus.sim.account;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Mutable state of one account; guarded by the owning {@link Accounts}' lock. */
final class Account {
    final String id;
    final List<ApiKey> apiKeys = new ArrayList<>();
    /** asset → {free, locked}. */
    final Map<String, BigDecimal[]> balances = new TreeMap<>();
    final Map<String, Position> positions = new TreeMap<>();

    Account(String id) {
        this.id = id;
    }

    BigDecimal[] balance(String asset) {
        return balances.computeIfAbsent(asset, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    }

    void addFree(String asset, BigDecimal amount) {
        BigDecimal[] b = balance(asset);
        b[0] = b[0].add(amount);
    }

    void lock(String asset, BigDecimal amount) {
        BigDecimal[] b = balance(asset);
        b[0] = b[0].subtract(amount);
        b[1] = b[1].add(amount);
    }

    void addLocked(String asset, BigDecimal amount) {
        BigDecimal[] b = balance(asset);
        b[1] = b[1].add(amount);
    }

    Balance view(String asset) {
        BigDecimal[] b = balances.get(asset);
        return b == null ? new Balance(asset, BigDecimal.ZERO, BigDecimal.ZERO) : new Balance(asset, b[0], b[1]);
    }
}
