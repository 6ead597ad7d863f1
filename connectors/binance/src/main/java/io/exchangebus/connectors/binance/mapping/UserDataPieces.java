package io.exchangebus.connectors.binance.mapping;

import static io.exchangebus.connectors.binance.mapping.BinanceFields.decimal;
import static io.exchangebus.connectors.binance.mapping.BinanceFields.integer;
import static io.exchangebus.connectors.core.number.ValueRange.POSITIVE;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.Fill;
import io.exchangebus.events.Liquidity;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The pieces both families' user-data events are built from ({@link SpotUserDataMapping},
 * {@link UsdmUserDataMapping}): balances, fills, exact decimals and the enums spot and USD-M spell alike. Kept
 * apart so that the two families build them the same way. Pure functions; every failure is an
 * {@link UnmappableMessageException} naming the field.
 */
final class UserDataPieces {

    private UserDataPieces() {
    }

    static BalanceUpdate balance(MappingContext context, String asset, BigDecimal free, BigDecimal locked,
                                 BigDecimal total, Instant exchangeTime, Instant receivedAt, EventSource source) {
        return BalanceUpdate.newBuilder()
                .setExchange(context.exchange())
                .setAccount(context.account())
                .setAsset(asset)
                .setFree(exact("free", free))
                .setLocked(exact("locked", locked))
                .setTotal(exact("total", total))
                .setExchangeTime(exchangeTime)
                .setReceiveTime(receivedAt)
                .setSource(source)
                .build();
    }

    /** A fill: price {@code L} and quantity {@code l} above zero, fee {@code n} in {@code feeRange}. */
    static Fill fill(JsonNode e, String tradeIdField, Instant time, ValueRange feeRange) {
        JsonNode asset = e.get("N");
        return Fill.newBuilder()
                .setTradeId(Long.toString(integer(e, tradeIdField)))
                .setPrice(exact("L", decimal(e, "L", POSITIVE)))
                .setQuantity(exact("l", decimal(e, "l", POSITIVE)))
                .setFee(exact("n", decimal(e, "n", feeRange)))
                .setFeeAsset(asset == null || asset.isNull() ? null : asset.asText())
                .setLiquidity(booleanField(e, "m") ? Liquidity.MAKER : Liquidity.TAKER)
                .setExchangeTime(time)
                .build();
    }

    private static boolean booleanField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new UnmappableMessageException("field '" + field + "' is missing or not a boolean");
        }
        return value.booleanValue();
    }

    static BigDecimal exact(String field, BigDecimal value) {
        try {
            return ExactDecimals.exact(field, value);
        } catch (IllegalArgumentException e) {
            throw new UnmappableMessageException("field '" + field + "' does not fit decimal(38,18): " + value);
        }
    }

    /** Binance sends 0 for "no price" (market orders, no stop, no average yet). */
    static BigDecimal positiveOrNull(String field, BigDecimal value) {
        return value == null || value.signum() == 0 ? null : exact(field, value);
    }

    static Side side(String value) {
        return switch (value) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw unknown("side", value);
        };
    }

    static TimeInForce timeInForce(String value) {
        return switch (value) {
            case "GTC" -> TimeInForce.GTC;
            case "IOC" -> TimeInForce.IOC;
            case "FOK" -> TimeInForce.FOK;
            case "GTD" -> TimeInForce.GTD;
            default -> throw unknown("time in force", value);
        };
    }

    /** Our model gives a time in force to limit orders only (as {@link OrderMapping}); post-only has none. */
    static boolean withTimeInForce(OrderType type) {
        return type == OrderType.LIMIT || type == OrderType.STOP_LIMIT;
    }

    static UnmappableMessageException unknown(String what, String value) {
        return new UnmappableMessageException("unknown " + what + " '" + value + "'");
    }
}
