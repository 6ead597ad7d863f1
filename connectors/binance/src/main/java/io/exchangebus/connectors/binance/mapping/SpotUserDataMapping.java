package io.exchangebus.connectors.binance.mapping;

import static io.exchangebus.connectors.binance.mapping.BinanceFields.decimal;
import static io.exchangebus.connectors.binance.mapping.BinanceFields.instant;
import static io.exchangebus.connectors.binance.mapping.BinanceFields.integer;
import static io.exchangebus.connectors.binance.mapping.BinanceFields.micros;
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
import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.BalanceDelta;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.Balances;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.Fill;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Spot user-data events ({@code user-data-stream.md}: executionReport, outboundAccountPosition, balanceUpdate) as
 * our events, for {@link UserDataMapping}, which dispatches on the event type. Pure functions: no state, no I/O.
 *
 * <p><b>Ranges</b> ({@link io.exchangebus.connectors.core.number.ValueRange}, as Binance defines each field): order
 * quantities ({@code q}, {@code z}, {@code l}) and cumulative quote {@code Z} zero or above; prices {@code p},
 * {@code P} zero or above (0 is "none"); a fill's price {@code L} and quantity {@code l} above zero; fees {@code n}
 * zero or above; balances {@code f}, {@code l} zero or above; deltas {@code d} of any sign. Out of range, the event
 * is refused naming the field.
 */
final class SpotUserDataMapping {

    private SpotUserDataMapping() {
    }

    /** Spot executionReport → OrderUpdate (with the fill of an x=TRADE). */
    static OrderUpdate order(JsonNode e, MappingContext context, Instant receivedAt) {
        String symbol = text(e, "s");
        String execType = execType(text(e, "x"));
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
                .setOrderType(orderType(orderType))
                .setTimeInForce(withTimeInForce(orderType(orderType)) ? timeInForce(text(e, "f")) : null)
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
    static Balances balances(JsonNode e, MappingContext context, Instant receivedAt) {
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

    /** Spot balanceUpdate → the delta {@code d} of one asset (see {@link BalanceDelta} for why not a balance). */
    static BalanceDelta balanceDelta(String type, JsonNode event) {
        return new BalanceDelta(type, text(event, "a"), decimal(event, "d", SIGNED), micros(event, "E"),
                micros(event, "T"));
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

    private static String execType(String value) {
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
    static OrderType orderType(String value) {
        return switch (value) {
            case "LIMIT" -> OrderType.LIMIT;
            case "MARKET" -> OrderType.MARKET;
            case "LIMIT_MAKER" -> OrderType.LIMIT_MAKER;
            case "STOP_LOSS" -> OrderType.STOP_MARKET;
            case "STOP_LOSS_LIMIT" -> OrderType.STOP_LIMIT;
            default -> throw new UnmappableMessageException("order type '" + value + "' has no equivalent in our model");
        };
    }
}
