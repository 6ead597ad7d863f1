package io.exchangebus.connectors.grvt.auth;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.grvt.GrvtVenue;
import io.exchangebus.connectors.core.Result;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.web3j.utils.Numeric;

/**
 * Human units to the integers GRVT signs, exactly (grvt.md §12): {@code contractSize = trunc(size ×
 * 10^base_decimals)}, {@code limitPrice = trunc(price × 10^9)} (0 for a market order), {@code builderFee =
 * trunc(fee × 10^4)}. Truncation toward zero, as the SDK's {@code int(Decimal(…))}; never through {@code double}
 * ({@code int(float("1.013") * 1e9)} is 1012999999). An order that cannot be signed as asked is an
 * {@code INVALID_ORDER} error value naming the rule, never an exception.
 */
public final class OrderScaling {

    /** GRVT's {@code PRICE_MULTIPLIER}: prices are signed in units of 10^-9. */
    public static final int PRICE_DECIMALS = 9;
    /** Builder fees are signed in units of 10^-4 (a "centibeep"). */
    public static final int BUILDER_FEE_DECIMALS = 4;

    static final BigInteger UINT32_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private OrderScaling() {
    }

    /** The signed message of {@code order}, or the rule it breaks. */
    public static Result<OrderMessage> scale(OrderToSign order) {
        if (order.subAccountId().signum() < 0 || order.subAccountId().compareTo(UINT64_MAX) > 0) {
            return refuse("SUB_ACCOUNT_RANGE", "sub_account_id is not a uint64: " + order.subAccountId());
        }
        if (order.nonce() < 0 || order.nonce() > UINT32_MAX.longValueExact()) {
            return refuse("NONCE_RANGE", "nonce is not a uint32: " + order.nonce());
        }
        if (order.expirationNanos() <= 0) {
            return refuse("EXPIRATION", "expiration must be a positive unix time in ns: " + order.expirationNanos());
        }
        if (order.legs().isEmpty()) {
            return refuse("NO_LEGS", "an order needs at least one leg");
        }
        List<OrderMessage.Leg> legs = new ArrayList<>(order.legs().size());
        for (OrderToSign.Leg leg : order.legs()) {
            Result<OrderMessage.Leg> scaled = leg(leg, order.market());
            if (!scaled.isOk()) {
                return Result.err(scaled.error());
            }
            legs.add(scaled.value());
        }
        String builder = null;
        BigInteger fee = null;
        if (order.hasBuilder()) {
            if (!order.builder().matches("0x[0-9a-fA-F]{40}")) {
                return refuse("BUILDER_ADDRESS", "builder is not a 20-byte hex address");
            }
            if (order.builderFee() == null || order.builderFee().signum() < 0) {
                return refuse("BUILDER_FEE", "a builder needs a builder fee of zero or more");
            }
            fee = truncate(order.builderFee(), BUILDER_FEE_DECIMALS);
            if (fee.compareTo(UINT32_MAX) > 0) {
                return refuse("BUILDER_FEE", "builder fee × 10^4 is beyond uint32: " + order.builderFee());
            }
            builder = order.builder();
        }
        return Result.ok(new OrderMessage(order.subAccountId(), order.market(), order.timeInForce().code(),
                order.postOnly(), order.reduceOnly(), legs, builder, fee, order.nonce(), order.expirationNanos()));
    }

    /** {@code trunc(size × 10^baseDecimals)}. */
    public static BigInteger contractSize(BigDecimal size, int baseDecimals) {
        return truncate(size, baseDecimals);
    }

    /** {@code trunc(price × 10^9)}. */
    public static BigInteger limitPrice(BigDecimal price) {
        return truncate(price, PRICE_DECIMALS);
    }

    private static Result<OrderMessage.Leg> leg(OrderToSign.Leg leg, boolean market) {
        String instrument = leg.terms().instrument();
        if (leg.size().signum() <= 0) {
            return refuse("SIZE", instrument + ": size must be above zero: " + leg.size().toPlainString());
        }
        BigInteger contracts = contractSize(leg.size(), leg.terms().baseDecimals());
        if (contracts.signum() == 0) {
            return refuse("SIZE", instrument + ": size " + leg.size().toPlainString() + " is below 10^-"
                    + leg.terms().baseDecimals());
        }
        if (contracts.compareTo(UINT64_MAX) > 0) {
            return refuse("SIZE", instrument + ": size × 10^base_decimals is beyond uint64");
        }
        BigDecimal price = leg.limitPrice();
        BigInteger signedPrice;
        if (market) {
            if (price != null && price.signum() != 0) {
                // GRVT refuses a market order with a limit price (2020).
                return refuse("MARKET_WITH_PRICE", instrument + ": a market order has no limit price");
            }
            signedPrice = BigInteger.ZERO;
        } else {
            if (price == null || price.signum() <= 0) {
                return refuse("PRICE", instrument + ": a limit order needs a price above zero");
            }
            signedPrice = limitPrice(price);
            if (signedPrice.signum() == 0 || signedPrice.compareTo(UINT64_MAX) > 0) {
                return refuse("PRICE", instrument + ": price × 10^9 is not in 1..uint64: " + price.toPlainString());
            }
        }
        return Result.ok(new OrderMessage.Leg(Numeric.toBigInt(leg.terms().instrumentHash()), contracts, signedPrice,
                leg.buying()));
    }

    private static BigInteger truncate(BigDecimal value, int decimals) {
        return value.movePointRight(decimals).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    }

    private static <T> Result<T> refuse(String rule, String message) {
        return Result.err(ExchangeError.invalidOrder(GrvtVenue.EXCHANGE, rule, message));
    }
}
