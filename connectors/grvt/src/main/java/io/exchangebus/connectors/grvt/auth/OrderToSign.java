package io.exchangebus.connectors.grvt.auth;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * An order as the caller means it, in human units, before {@link OrderScaling} turns it into the integers GRVT
 * signs. Field for field the signed part of GRVT's {@code Order} (grvt.md §8, §12); {@code client_order_id} is not
 * signed and is not here.
 *
 * @param subAccountId the sub-account ({@code uint64})
 * @param market whether a market order (its legs sign {@code limitPrice} 0)
 * @param timeInForce the time in force
 * @param postOnly post-only
 * @param reduceOnly reduce-only
 * @param legs one or more legs
 * @param nonce {@code uint32}; the same nonce with the same payload is a duplicate to GRVT
 * @param expirationNanos the signature's expiry, unix nanoseconds ({@code int64}), at most 30 days ahead (2008)
 * @param builder the builder's address, or null / empty / zero address for none
 * @param builderFee the builder fee as a fraction (0.001 = 10 bps), signed × 10^4; null when no builder
 */
public record OrderToSign(BigInteger subAccountId, boolean market, GrvtTimeInForce timeInForce, boolean postOnly,
                          boolean reduceOnly, List<Leg> legs, long nonce, long expirationNanos, String builder,
                          BigDecimal builderFee) {

    public OrderToSign {
        Objects.requireNonNull(subAccountId, "subAccountId");
        Objects.requireNonNull(timeInForce, "timeInForce");
        legs = List.copyOf(legs);
    }

    /** An order without builder fee. */
    public OrderToSign(BigInteger subAccountId, boolean market, GrvtTimeInForce timeInForce, boolean postOnly,
                       boolean reduceOnly, List<Leg> legs, long nonce, long expirationNanos) {
        this(subAccountId, market, timeInForce, postOnly, reduceOnly, legs, nonce, expirationNanos, null, null);
    }

    /** Whether the order names a builder, so that GRVT's {@code OrderWithBuilderFee} type is signed. */
    public boolean hasBuilder() {
        return builder != null && !builder.isEmpty() && !"0".equals(builder)
                && !builder.matches("0x0{40}");
    }

    /**
     * One leg.
     *
     * @param terms the instrument's hash and base decimals
     * @param size the size in base units, above zero
     * @param limitPrice the limit price; null or 0 for a market order
     * @param buying whether the leg buys ({@code is_buying_asset})
     */
    public record Leg(SigningTerms terms, BigDecimal size, BigDecimal limitPrice, boolean buying) {
        public Leg {
            Objects.requireNonNull(terms, "terms");
            Objects.requireNonNull(size, "size");
        }
    }
}
