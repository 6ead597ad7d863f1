package io.exchangebus.connectors.binance.mapping;

import static io.exchangebus.connectors.binance.mapping.BinanceFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

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
 * <p><b>Where the mapping is.</b> This class is the entry point: the event types, {@link #unwrap} and the dispatch in
 * {@link #map}. Each family's events are mapped in its own class, which also lists the value ranges it enforces
 * (out of range, the event is refused naming the field): {@link SpotUserDataMapping} and {@link UsdmUserDataMapping}
 * (which also says how ACCOUNT_UPDATE's wallet balances become ours); what both build alike is in
 * {@link UserDataPieces}.
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
            case "executionReport" -> new OrderEvent(type, SpotUserDataMapping.order(event, context, receivedAt));
            case "outboundAccountPosition" -> SpotUserDataMapping.balances(event, context, receivedAt);
            case "balanceUpdate" -> SpotUserDataMapping.balanceDelta(type, event);
            case "eventStreamTerminated" -> new StreamEnded(type,
                    "the exchange ended the user data stream subscription (logout or unsubscribe)");
            case "listStatus" -> new NotMapped(type, "order-list status: each order of the list is reported by "
                    + "its own executionReport", true);
            case "externalLockUpdate" -> new NotMapped(type, "a delta of the locked balance by an external system; "
                    + "the absolute balance comes with outboundAccountPosition", false);
            case "ORDER_TRADE_UPDATE" -> new OrderEvent(type, UsdmUserDataMapping.order(event, context, receivedAt));
            case "ACCOUNT_UPDATE" -> UsdmUserDataMapping.account(event, context, receivedAt);
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

    /** Spot executionReport → OrderUpdate (with the fill of an x=TRADE). */
    public static OrderUpdate spotOrder(JsonNode e, MappingContext context, Instant receivedAt) {
        return SpotUserDataMapping.order(e, context, receivedAt);
    }

    /** Spot outboundAccountPosition → one absolute BalanceUpdate per asset. */
    public static Balances spotBalances(JsonNode e, MappingContext context, Instant receivedAt) {
        return SpotUserDataMapping.balances(e, context, receivedAt);
    }

    /** USD-M ORDER_TRADE_UPDATE → OrderUpdate (with the fill of an x=TRADE or CALCULATED). */
    public static OrderUpdate futuresOrder(JsonNode event, MappingContext context, Instant receivedAt) {
        return UsdmUserDataMapping.order(event, context, receivedAt);
    }

    /** USD-M ACCOUNT_UPDATE → balances ({@code wb}, {@code cw}) and positions ({@code pa}, {@code ep}, {@code up}). */
    public static AccountChange futuresAccount(JsonNode event, MappingContext context, Instant receivedAt) {
        return UsdmUserDataMapping.account(event, context, receivedAt);
    }
}
