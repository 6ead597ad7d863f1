package io.exchangebus.connectors.deribit.mapping;

import io.exchangebus.connectors.core.role.ClientOrderIdScheme;
import io.exchangebus.connectors.core.role.ClientOrderIdScheme.Uniqueness;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import java.util.regex.Pattern;

/**
 * Deribit's client-order-id contract: our client order id goes in the order's {@code label}, "user defined label
 * for the order (maximum 64 characters)" (private/buy), which Deribit does not keep unique: a second order with the
 * same label is simply a second order, and {@code get_order_state_by_label} may return several
 * (shared/venues/deribit.md §8). Ours is sent as it is when it is 1–64 of {@code [A-Za-z0-9_.:-]}, else as
 * {@code eb} + the first 40 hex digits of its SHA-256 (42 characters).
 */
public final class DeribitLabels {
    /** Deribit's documented rule for {@code label}. */
    public static final String RULE = "at most 64 characters, not unique";

    public static final ClientOrderIdScheme SCHEME = ClientOrderIdScheme.passThroughOrHash(DeribitErrors.EXCHANGE,
            "label", RULE, Uniqueness.NOT_ENFORCED, Pattern.compile("[A-Za-z0-9_.:-]{1,64}"), "eb", 40);

    private DeribitLabels() {
    }
}
