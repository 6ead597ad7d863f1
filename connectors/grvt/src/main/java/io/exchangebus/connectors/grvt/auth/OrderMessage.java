package io.exchangebus.connectors.grvt.auth;

import java.math.BigInteger;
import java.util.List;

/**
 * The integers of GRVT's signed {@code Order} (or {@code OrderWithBuilderFee}) message, as the SDK's
 * {@code message_data} shows them, made by {@link OrderScaling}. Every value is already checked to fit its EIP-712
 * type.
 *
 * @param builder the builder address, or null when the plain {@code Order} type is signed
 * @param builderFee {@code trunc(fee × 10^4)}; null without builder
 */
public record OrderMessage(BigInteger subAccountId, boolean market, int timeInForce, boolean postOnly,
                           boolean reduceOnly, List<Leg> legs, String builder, BigInteger builderFee, long nonce,
                           long expiration) {

    public OrderMessage {
        legs = List.copyOf(legs);
    }

    /** One signed leg: {@code OrderLeg{assetID uint256, contractSize uint64, limitPrice uint64, isBuyingContract}}. */
    public record Leg(BigInteger assetId, BigInteger contractSize, BigInteger limitPrice, boolean buying) {
    }
}
