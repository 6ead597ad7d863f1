package io.exchangebus.connectors.binance.mapping;

import static io.exchangebus.connectors.binance.mapping.BinanceFields.decimal;
import static io.exchangebus.connectors.binance.mapping.BinanceFields.instant;
import static io.exchangebus.connectors.binance.mapping.BinanceFields.integer;
import static io.exchangebus.connectors.binance.mapping.BinanceFields.text;
import static io.exchangebus.connectors.binance.mapping.UserDataPieces.balance;
import static io.exchangebus.connectors.binance.mapping.UserDataPieces.exact;
import static io.exchangebus.connectors.binance.mapping.UserDataPieces.fill;
import static io.exchangebus.connectors.binance.mapping.UserDataPieces.positiveOrNull;
import static io.exchangebus.connectors.binance.mapping.UserDataPieces.side;
import static io.exchangebus.connectors.binance.mapping.UserDataPieces.timeInForce;
import static io.exchangebus.connectors.binance.mapping.UserDataPieces.unknown;
import static io.exchangebus.connectors.binance.mapping.UserDataPieces.withTimeInForce;
import static io.exchangebus.connectors.core.number.ValueRange.NON_NEGATIVE;
import static io.exchangebus.connectors.core.number.ValueRange.SIGNED;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.AccountChange;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * USD-M user-data events ("User Data Streams": ORDER_TRADE_UPDATE, ACCOUNT_UPDATE) as our events, for
 * {@link UserDataMapping}, which dispatches on the event type. Pure functions: no state, no I/O.
 *
 * <p><b>Balances.</b> ACCOUNT_UPDATE gives the wallet balance {@code wb} and the cross wallet balance {@code cw}
 * (the wallet minus isolated-margin wallets): {@code total = wb}, {@code free = cw}, {@code locked = wb − cw} (held in
 * isolated positions). The change {@code bc} is a delta and is kept only in {@link AccountChange#balanceChanges()}.
 *
 * <p><b>Ranges</b> ({@link io.exchangebus.connectors.core.number.ValueRange}, as Binance defines each field): order
 * quantities ({@code q}, {@code z}, {@code l}) zero or above; prices {@code p}, {@code sp}, {@code ap} zero or above
 * (0 is "none"); a fill's price {@code L} and quantity {@code l} above zero; fees {@code n} of any sign (maker
 * rebates); wallet balances {@code wb}, {@code cw}, changes {@code bc}, position amounts {@code pa}, PnL {@code up},
 * {@code cr} of any sign; entry price {@code ep} zero or above (0 when flat). Out of range, the event is refused
 * naming the field.
 */
final class UsdmUserDataMapping {

    private UsdmUserDataMapping() {
    }

    /** USD-M ORDER_TRADE_UPDATE → OrderUpdate (with the fill of an x=TRADE or CALCULATED). */
    static OrderUpdate order(JsonNode event, MappingContext context, Instant receivedAt) {
        JsonNode o = object(event, "o");
        String symbol = text(o, "s");
        String execType = execType(text(o, "x"));
        BigDecimal filled = decimal(o, "z", NON_NEGATIVE);
        OrderStatus status = OrderMapping.status(text(o, "X"), filled);
        String type = text(o, "o");
        Instant tradeTime = instant(integer(o, "T"));
        BigDecimal lastQuantity = decimal(o, "l", NON_NEGATIVE);
        boolean fills = ("TRADE".equals(execType) || "CALCULATED".equals(execType)) && lastQuantity.signum() > 0;
        String tif = text(o, "f");
        OrderType orderType = orderType(type, tif);
        String expire = o.path("er").asText("0");
        String reason = "0".equals(expire) || expire.isEmpty() ? null : "expire reason " + expire;
        if ("LIQUIDATION".equals(type) || "CALCULATED".equals(execType)) {
            reason = "liquidation";
        }
        BigDecimal average = decimal(o, "ap", NON_NEGATIVE);
        BigDecimal stop = decimal(o, "sp", NON_NEGATIVE);
        return OrderUpdate.newBuilder()
                .setExchange(context.exchange())
                .setAccount(context.account())
                .setSymbol(symbol)
                .setInstrumentId(context.instrumentId(symbol))
                .setClientOrderId(o.path("c").asText("").isEmpty() ? null : o.get("c").asText())
                .setExchangeOrderId(Long.toString(integer(o, "i")))
                .setSide(side(text(o, "S")))
                .setOrderType(orderType)
                .setTimeInForce(withTimeInForce(orderType) ? timeInForce(tif) : null)
                .setStatus(status)
                .setPrice(positiveOrNull("p", decimal(o, "p", NON_NEGATIVE)))
                .setStopPrice(positiveOrNull("sp", stop))
                .setQuantity(exact("q", decimal(o, "q", NON_NEGATIVE)))
                .setFilledQuantity(exact("z", filled))
                .setAveragePrice(positiveOrNull("ap", average))
                .setLastFill(fills ? fill(o, "t", tradeTime, SIGNED) : null)
                .setReason(reason)
                .setExchangeTime(instant(integer(event, "T")))
                .setReceiveTime(receivedAt)
                .setSource(context.source())
                .build();
    }

    /** USD-M ACCOUNT_UPDATE → balances ({@code wb}, {@code cw}) and positions ({@code pa}, {@code ep}, {@code up}). */
    static AccountChange account(JsonNode event, MappingContext context, Instant receivedAt) {
        JsonNode a = object(event, "a");
        String reason = text(a, "m");
        Instant time = instant(integer(event, "T"));
        List<BalanceUpdate> balances = new ArrayList<>();
        List<BigDecimal> changes = new ArrayList<>();
        for (JsonNode b : a.path("B")) {
            BigDecimal wallet = decimal(b, "wb", SIGNED);
            BigDecimal cross = decimal(b, "cw", SIGNED);
            balances.add(balance(context, text(b, "a"), cross,
                    BinanceFields.computed("locked (wb-cw)", wallet.subtract(cross)), wallet, time, receivedAt,
                    context.source()));
            changes.add(decimal(b, "bc", SIGNED));
        }
        List<PositionUpdate> positions = new ArrayList<>();
        for (JsonNode p : a.path("P")) {
            String symbol = text(p, "s");
            positions.add(position(context, symbol, positionSide(text(p, "ps")), decimal(p, "pa", SIGNED),
                    decimal(p, "ep", NON_NEGATIVE), null, decimal(p, "up", SIGNED),
                    p.has("cr") ? decimal(p, "cr", SIGNED) : null, null, null, time, receivedAt, context.source()));
        }
        return new AccountChange("ACCOUNT_UPDATE", reason, List.copyOf(balances), List.copyOf(changes),
                List.copyOf(positions));
    }

    /** The event's object {@code field}: ORDER_TRADE_UPDATE's order {@code o}, ACCOUNT_UPDATE's {@code a}. */
    private static JsonNode object(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isObject()) {
            throw new UnmappableMessageException("field '" + field + "' is missing or not an object");
        }
        return value;
    }

    private static PositionUpdate position(MappingContext context, String symbol, PositionSide side, BigDecimal quantity,
                                           BigDecimal entry, BigDecimal mark, BigDecimal unrealized,
                                           BigDecimal realized, BigDecimal liquidation, BigDecimal leverage,
                                           Instant exchangeTime, Instant receivedAt, EventSource source) {
        return PositionUpdate.newBuilder()
                .setExchange(context.exchange())
                .setAccount(context.account())
                .setSymbol(symbol)
                .setInstrumentId(context.instrumentId(symbol))
                .setPositionSide(side)
                .setQuantity(exact("pa", quantity))
                .setEntryPrice(quantity.signum() == 0 ? null : positiveOrNull("ep", entry))
                .setMarkPrice(positiveOrNull("markPrice", mark))
                .setUnrealizedPnl(unrealized == null ? null : exact("up", unrealized))
                .setRealizedPnl(realized == null ? null : exact("cr", realized))
                .setLiquidationPrice(positiveOrNull("liquidationPrice", liquidation))
                .setLeverage(positiveOrNull("leverage", leverage))
                .setExchangeTime(exchangeTime)
                .setReceiveTime(receivedAt)
                .setSource(source)
                .build();
    }

    private static String execType(String value) {
        return switch (value) {
            case "NEW", "CANCELED", "CALCULATED", "EXPIRED", "TRADE", "AMENDMENT" -> value;
            default -> throw unknown("execution type", value);
        };
    }

    /**
     * USD-M order types, as {@link OrderMapping} maps them back: LIMIT with time in force GTX is post-only (our
     * LIMIT_MAKER), STOP a trigger limit order, STOP_MARKET a trigger market order. LIQUIDATION is the exchange's
     * market order closing a position (stream only). TAKE_PROFIT(_MARKET) and TRAILING_STOP_MARKET have no equivalent
     * in our model and are refused, never defaulted.
     */
    static OrderType orderType(String value, String timeInForce) {
        return switch (value) {
            case "LIMIT" -> "GTX".equals(timeInForce) ? OrderType.LIMIT_MAKER : OrderType.LIMIT;
            case "MARKET", "LIQUIDATION" -> OrderType.MARKET;
            case "STOP" -> OrderType.STOP_LIMIT;
            case "STOP_MARKET" -> OrderType.STOP_MARKET;
            default -> throw new UnmappableMessageException("order type '" + value + "' has no equivalent in our model");
        };
    }

    static PositionSide positionSide(String value) {
        return switch (value) {
            case "BOTH" -> PositionSide.NET;
            case "LONG" -> PositionSide.LONG;
            case "SHORT" -> PositionSide.SHORT;
            default -> throw unknown("position side", value);
        };
    }
}
