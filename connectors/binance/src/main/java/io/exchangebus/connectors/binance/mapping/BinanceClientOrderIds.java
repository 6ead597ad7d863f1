package io.exchangebus.connectors.binance.mapping;

import io.exchangebus.connectors.core.role.ClientOrderIdScheme;
import io.exchangebus.connectors.core.role.ClientOrderIdScheme.Uniqueness;
import java.util.regex.Pattern;

/**
 * Binance's client-order-id contract, spot and USD-M alike. {@code newClientOrderId} allows 1–36 of
 * {@code [.A-Z:/a-z0-9_-]} and must be unique among open orders (a second one is refused while the first is open).
 * Ours is sent as it is when it is 1–32 of {@code [A-Za-z0-9_-]}, else as {@code eb} + the first 30 hex digits of
 * its SHA-256 (32 characters, within the rule): the ids oms-service sent before this contract moved here, so nothing
 * changes on the wire.
 */
public final class BinanceClientOrderIds {
    /** Binance's documented rule for {@code newClientOrderId}. */
    public static final String RULE = "^[.A-Z:/a-z0-9_-]{1,36}$, unique among open orders";

    public static final ClientOrderIdScheme SCHEME = ClientOrderIdScheme.passThroughOrHash("binance",
            "newClientOrderId", RULE, Uniqueness.REFUSED_WHILE_OPEN, Pattern.compile("[A-Za-z0-9_-]{1,32}"), "eb",
            30);

    private BinanceClientOrderIds() {
    }
}
