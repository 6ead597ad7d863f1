package io.exchangebus.connectors.binance.mapping;

import static io.exchangebus.connectors.binance.mapping.BinanceFields.decimal;
import static io.exchangebus.connectors.binance.mapping.BinanceFields.instant;
import static io.exchangebus.connectors.binance.mapping.BinanceFields.integer;
import static io.exchangebus.connectors.binance.mapping.BinanceFields.micros;
import static io.exchangebus.connectors.binance.mapping.BinanceFields.text;
import static io.exchangebus.connectors.core.number.ValueRange.NON_NEGATIVE;
import static io.exchangebus.connectors.core.number.ValueRange.POSITIVE;
import static io.exchangebus.connectors.core.number.ValueRange.SIGNED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.Fill;
import io.exchangebus.events.Liquidity;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * User-data events of both Binance families as our events: spot ({@code user-data-stream.md}: executionReport,
 * outboundAccountPosition, balanceUpdate, …) and USD-M ("User Data Streams": ORDER_TRADE_UPDATE, ACCOUNT_UPDATE,
 * listenKeyExpired, …), plus the small REST account answers used to recover after a gap. Pure functions: no state,
 * no I/O; every failure is an {@link UnmappableMessageException} naming the field.
 *
 * <p><b>Balance deltas.</b> Our {@code BalanceUpdate} holds absolute balances (free, locked, total). Spot
 * {@code balanceUpdate} (deposits, withdrawals, transfers) only carries a delta {@code d}, so it is not turned into a
 * {@code BalanceUpdate} — a delta in the {@code free} field would be read as a balance. It is mapped to a
 * {@link BalanceDelta}; the absolute balances come with the {@code outboundAccountPosition} Binance sends "any time an
 * account balance has changed", and the PMS checks that one arrives (see {@code BinancePms}).
 *
 * <p><b>USD-M balances.</b> ACCOUNT_UPDATE gives the wallet balance {@code wb} and the cross wallet balance {@code cw}
 * (the wallet minus isolated-margin wallets): {@code total = wb}, {@code free = cw}, {@code locked = wb − cw} (held in
 * isolated positions). The change {@code bc} is a delta and is kept only in {@link AccountChange#balanceChanges()}.
 *
 * <p><b>Ranges</b> ({@link ValueRange}, as Binance defines each field): order quantities ({@code q}, {@code z},
 * {@code l}) and cumulative quote {@code Z} zero or above; prices {@code p}, {@code P}/{@code sp}, {@code ap}
 * zero or above (0 is "none"); a fill's price {@code L} and quantity {@code l} above zero; spot fees {@code n} zero
 * or above, USD-M fees of any sign (maker rebates); spot balances {@code f}, {@code l} zero or above; USD-M wallet
 * balances {@code wb}, {@code cw}, changes {@code bc}, position amounts {@code pa}, PnL {@code up}, {@code cr} and
 * spot deltas {@code d} of any sign; entry price {@code ep} zero or above (0 when flat). Out of range, the event is
 * refused naming the field.
 */
public final class UserDataMapping {

    private UserDataMapping() {
    }

    /** What one user-data event is, in our terms. */
    public sealed interface Mapped permits OrderEvent, Balances, BalanceDelta, AccountChange, StreamEnded, NotMapped {
        /** Binance's event type ({@code e}). */
        String type();
    }

    /** An order's new state (spot executionReport, USD-M ORDER_TRADE_UPDATE). */
    public record OrderEvent(String type, OrderUpdate update) implements Mapped {
    }

    /** Absolute balances of the assets an event changed (spot outboundAccountPosition). */
    public record Balances(String type, List<BalanceUpdate> balances, long lastAccountUpdateMicros) implements Mapped {
    }

    /**
     * A change of one asset's balance by {@code delta}, with no absolute value (spot balanceUpdate: deposit,
     * withdrawal, transfer). Not a {@code BalanceUpdate}: see the class comment.
     */
    public record BalanceDelta(String type, String asset, BigDecimal delta, long exchangeTimeMicros,
                               long clearTimeMicros) implements Mapped {
    }

    /**
     * USD-M ACCOUNT_UPDATE: the balances and positions that changed, and why ({@code m}: DEPOSIT, ORDER, FUNDING_FEE,
     * …; our events have no field for it).
     */
    public record AccountChange(String type, String reason, List<BalanceUpdate> balances,
                                List<BigDecimal> balanceChanges, List<PositionUpdate> positions) implements Mapped {
    }

    /**
     * The stream stopped delivering: USD-M listenKeyExpired, spot eventStreamTerminated. Events from now on are
     * lost until the stream is renewed; the stream treats it as a gap.
     */
    public record StreamEnded(String type, String reason) implements Mapped {
    }

    /**
     * A documented event our model has no place for, or that repeats what another event already says.
     *
     * @param redundant true when another event carries the same information (TRADE_LITE, listStatus); such events
     *        are dropped quietly, the others are reported as not mapped
     */
    public record NotMapped(String type, String reason, boolean redundant) implements Mapped {
    }

    // ---- envelope ----

    /**
     * The event itself: spot WebSocket API events come as {@code {"subscriptionId":n,"event":{…}}}, a combined-stream
     * frame as {@code {"stream":…,"data":{…}}}, USD-M raw-stream events bare. Missing node if {@code frame} holds no
     * event (e.g. a response).
     */
    public static JsonNode unwrap(JsonNode frame) {
        if (frame == null || !frame.isObject()) {
            return MissingNode.getInstance();
        }
        if (frame.has("subscriptionId") && frame.path("event").isObject()) {
            return frame.get("event");
        }
        if (frame.has("stream") && frame.path("data").isObject()) {
            return frame.get("data");
        }
        return frame.has("e") ? frame : MissingNode.getInstance();
    }

    /** Maps one (unwrapped) user-data event of either family. */
    public static Mapped map(JsonNode event, MappingContext context, Instant receivedAt) {
        if (event == null || !event.isObject()) {
            throw new UnmappableMessageException("not a user-data event object");
        }
        String type = text(event, "e");
        return switch (type) {
            case "executionReport" -> new OrderEvent(type, spotOrder(event, context, receivedAt));
            case "outboundAccountPosition" -> spotBalances(event, context, receivedAt);
            case "balanceUpdate" -> new BalanceDelta(type, text(event, "a"), decimal(event, "d", SIGNED),
                    micros(event, "E"), micros(event, "T"));
            case "eventStreamTerminated" -> new StreamEnded(type,
                    "the exchange ended the user data stream subscription (logout or unsubscribe)");
            case "listStatus" -> new NotMapped(type, "order-list status: each order of the list is reported by "
                    + "its own executionReport", true);
            case "externalLockUpdate" -> new NotMapped(type, "a delta of the locked balance by an external system; "
                    + "the absolute balance comes with outboundAccountPosition", false);
            case "ORDER_TRADE_UPDATE" -> new OrderEvent(type, futuresOrder(event, context, receivedAt));
            case "ACCOUNT_UPDATE" -> futuresAccount(event, context, receivedAt);
            case "listenKeyExpired" -> new StreamEnded(type, "the listenKey expired");
            case "TRADE_LITE" -> new NotMapped(type, "a fill without fee that ORDER_TRADE_UPDATE reports in full", true);
            case "MARGIN_CALL" -> new NotMapped(type, "a margin call warning: our model has no margin-call event, "
                    + "and its positions lack entry prices (ACCOUNT_UPDATE reports them)", false);
            case "ACCOUNT_CONFIG_UPDATE" -> new NotMapped(type, "a leverage or multi-assets mode change: our "
                    + "PositionUpdate needs a position amount, which this event does not carry", false);
            case "STRATEGY_UPDATE", "GRID_UPDATE" -> new NotMapped(type, "trading-strategy status: not in our model",
                    false);
            case "CONDITIONAL_ORDER_TRIGGER_REJECT" -> new NotMapped(type, "a triggered conditional order was "
                    + "rejected: it carries no client order id; the order's own ORDER_TRADE_UPDATE reports it", false);
            default -> throw new UnmappableMessageException("unknown user-data event type '" + type + "'");
        };
    }

    // ---- spot ----

    /** Spot executionReport → OrderUpdate (with the fill of an x=TRADE). */
    public static OrderUpdate spotOrder(JsonNode e, MappingContext context, Instant receivedAt) {
        String symbol = text(e, "s");
        String execType = spotExecType(text(e, "x"));
        BigDecimal cumulative = decimal(e, "z", NON_NEGATIVE);
        OrderStatus status = OrderMapping.status(text(e, "X"), cumulative);
        String clientId = text(e, "c");
        String original = e.path("C").asText("");
        if ("CANCELED".equals(execType) && !original.isEmpty()) {
            clientId = original; // c is the cancel request's id; C the canceled order's
        }
        BigDecimal cumulativeQuote = decimal(e, "Z", NON_NEGATIVE);
        Instant transactionTime = instant(integer(e, "T"));
        Fill fill = "TRADE".equals(execType) ? fill(e, "t", transactionTime, NON_NEGATIVE) : null;
        String reject = e.path("r").asText("NONE");
        String reason = "NONE".equals(reject) ? null : reject;
        if ("EXPIRED_IN_MATCH".equals(e.path("X").asText())) {
            reason = reason == null ? "EXPIRED_IN_MATCH (self-trade prevention)" : reason;
        }
        String orderType = text(e, "o");
        return OrderUpdate.newBuilder()
                .setExchange(context.exchange())
                .setAccount(context.account())
                .setSymbol(symbol)
                .setInstrumentId(context.instrumentId(symbol))
                .setClientOrderId(clientId.isEmpty() ? null : clientId)
                .setExchangeOrderId(Long.toString(integer(e, "i")))
                .setSide(side(text(e, "S")))
                .setOrderType(spotOrderType(orderType))
                .setTimeInForce(withTimeInForce(spotOrderType(orderType)) ? timeInForce(text(e, "f")) : null)
                .setStatus(status)
                .setPrice(positiveOrNull("p", decimal(e, "p", NON_NEGATIVE)))
                .setStopPrice(positiveOrNull("P", decimal(e, "P", NON_NEGATIVE)))
                .setQuantity(exact("q", decimal(e, "q", NON_NEGATIVE)))
                .setFilledQuantity(exact("z", cumulative))
                .setAveragePrice(average(cumulativeQuote, cumulative))
                .setLastFill(fill)
                .setReason(reason)
                .setExchangeTime(transactionTime)
                .setReceiveTime(receivedAt)
                .setSource(context.source())
                .build();
    }

    /** Spot outboundAccountPosition → one absolute BalanceUpdate per asset. */
    public static Balances spotBalances(JsonNode e, MappingContext context, Instant receivedAt) {
        JsonNode list = e.get("B");
        if (list == null || !list.isArray()) {
            throw new UnmappableMessageException("field 'B' is missing or not an array");
        }
        Instant eventTime = instant(integer(e, "E"));
        List<BalanceUpdate> balances = new ArrayList<>();
        for (JsonNode b : list) {
            BigDecimal free = decimal(b, "f", NON_NEGATIVE);
            BigDecimal locked = decimal(b, "l", NON_NEGATIVE);
            balances.add(balance(context, text(b, "a"), free, locked,
                    BinanceFields.computed("total (f+l)", free.add(locked)), eventTime, receivedAt,
                    context.source()));
        }
        return new Balances("outboundAccountPosition", List.copyOf(balances), micros(e, "u"));
    }

    // ---- USD-M ----

    /** USD-M ORDER_TRADE_UPDATE → OrderUpdate (with the fill of an x=TRADE or CALCULATED). */
    public static OrderUpdate futuresOrder(JsonNode event, MappingContext context, Instant receivedAt) {
        JsonNode o = event.get("o");
        if (o == null || !o.isObject()) {
            throw new UnmappableMessageException("field 'o' is missing or not an object");
        }
        String symbol = text(o, "s");
        String execType = futuresExecType(text(o, "x"));
        BigDecimal filled = decimal(o, "z", NON_NEGATIVE);
        OrderStatus status = OrderMapping.status(text(o, "X"), filled);
        String type = text(o, "o");
        Instant tradeTime = instant(integer(o, "T"));
        BigDecimal lastQuantity = decimal(o, "l", NON_NEGATIVE);
        boolean fills = ("TRADE".equals(execType) || "CALCULATED".equals(execType)) && lastQuantity.signum() > 0;
        String tif = text(o, "f");
        OrderType orderType = futuresOrderType(type, tif);
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
    public static AccountChange futuresAccount(JsonNode event, MappingContext context, Instant receivedAt) {
        JsonNode a = event.get("a");
        if (a == null || !a.isObject()) {
            throw new UnmappableMessageException("field 'a' is missing or not an object");
        }
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

    // ---- pieces ----

    private static BalanceUpdate balance(MappingContext context, String asset, BigDecimal free, BigDecimal locked,
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

    /** A fill: price {@code L} and quantity {@code l} above zero, fee {@code n} in {@code feeRange}. */
    private static Fill fill(JsonNode e, String tradeIdField, Instant time, ValueRange feeRange) {
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

    /**
     * The average fill price: cumulative quote over cumulative quantity, in decimal arithmetic; exact when the
     * quotient has at most 18 decimals, else rounded half-even at the 18th (our model's scale). Null before a fill.
     */
    static BigDecimal average(BigDecimal cumulativeQuote, BigDecimal cumulativeQuantity) {
        if (cumulativeQuantity.signum() == 0) {
            return null;
        }
        return BinanceFields.computed("averagePrice (Z/z)",
                cumulativeQuote.divide(cumulativeQuantity, ExactDecimals.SCALE, RoundingMode.HALF_EVEN));
    }

    private static boolean booleanField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new UnmappableMessageException("field '" + field + "' is missing or not a boolean");
        }
        return value.booleanValue();
    }

    private static BigDecimal exact(String field, BigDecimal value) {
        try {
            return ExactDecimals.exact(field, value);
        } catch (IllegalArgumentException e) {
            throw new UnmappableMessageException("field '" + field + "' does not fit decimal(38,18): " + value);
        }
    }

    /** Binance sends 0 for "no price" (market orders, no stop, no average yet). */
    private static BigDecimal positiveOrNull(String field, BigDecimal value) {
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

    private static String spotExecType(String value) {
        return switch (value) {
            case "NEW", "CANCELED", "REPLACED", "REJECTED", "TRADE", "EXPIRED", "TRADE_PREVENTION", "AMENDMENT" ->
                    value;
            default -> throw unknown("execution type", value);
        };
    }

    /**
     * Spot order types, as {@link OrderMapping} maps them back from order answers: TAKE_PROFIT(_LIMIT) have no
     * equivalent in our model and are refused, never defaulted.
     */
    static OrderType spotOrderType(String value) {
        return switch (value) {
            case "LIMIT" -> OrderType.LIMIT;
            case "MARKET" -> OrderType.MARKET;
            case "LIMIT_MAKER" -> OrderType.LIMIT_MAKER;
            case "STOP_LOSS" -> OrderType.STOP_MARKET;
            case "STOP_LOSS_LIMIT" -> OrderType.STOP_LIMIT;
            default -> throw new UnmappableMessageException("order type '" + value + "' has no equivalent in our model");
        };
    }

    /** Our model gives a time in force to limit orders only (as {@link OrderMapping}); post-only has none. */
    private static boolean withTimeInForce(OrderType type) {
        return type == OrderType.LIMIT || type == OrderType.STOP_LIMIT;
    }

    private static String futuresExecType(String value) {
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
    static OrderType futuresOrderType(String value, String timeInForce) {
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

    private static UnmappableMessageException unknown(String what, String value) {
        return new UnmappableMessageException("unknown " + what + " '" + value + "'");
    }
}
