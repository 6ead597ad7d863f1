package io.exchangebus.sim.account;

import java.util.List;
import java.util.Map;

/** An immutable view of one account: its keys, balances by asset, positions by symbol. */
public record AccountSnapshot(String id, List<ApiKey> apiKeys, Map<String, Balance> balances,
                              Map<String, Position> positions) {

    public AccountSnapshot {
        apiKeys = List.copyOf(apiKeys);
        balances = Map.copyOf(balances);
        positions = Map.copyOf(positions);
    }
}
