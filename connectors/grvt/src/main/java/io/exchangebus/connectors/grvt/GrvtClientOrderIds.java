package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.role.ClientOrderIdScheme;
import java.math.BigInteger;
import java.util.Optional;

/**
 * GRVT's {@code client_order_id} (grvt.md §8): a uint64, not signed, unique among the sub-account's active orders
 * (2012 otherwise); API clients use [2^63, 2^64−1] (the UI uses the lower half). The same nonce and payload sent
 * again is ignored. Ours is hashed into that range by {@link #SCHEME}, so the pair must be persisted by the sender
 * (oms-service does); the OMS takes and gives GRVT's id as its decimal text.
 */
public final class GrvtClientOrderIds {

    public static final ClientOrderIdScheme SCHEME = ClientOrderIdScheme.unsignedHash64(GrvtVenue.EXCHANGE,
            "client_order_id", "a uint64 in [2^63, 2^64-1], unique among the sub-account's active orders",
            ClientOrderIdScheme.Uniqueness.REFUSED_WHILE_OPEN, true);

    static final BigInteger LOWEST = BigInteger.ONE.shiftLeft(63);
    static final BigInteger HIGHEST = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private GrvtClientOrderIds() {
    }

    /** The id as a number when it is the canonical decimal text of one in [2^63, 2^64−1]; else empty. */
    public static Optional<BigInteger> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 20 || !text.chars().allMatch(Character::isDigit)
                || text.charAt(0) == '0') {
            return Optional.empty();
        }
        BigInteger value = new BigInteger(text);
        return value.compareTo(LOWEST) >= 0 && value.compareTo(HIGHEST) <= 0 ? Optional.of(value) : Optional.empty();
    }
}
