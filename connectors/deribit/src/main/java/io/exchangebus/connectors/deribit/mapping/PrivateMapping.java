package io.exchangebus.connectors.deribit.mapping;

import static io.exchangebus.connectors.deribit.mapping.DeribitFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.deribit.mapping.PositionMapping.Position;
import io.exchangebus.connectors.deribit.mapping.UserTradeMapping.UserFill;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.OrderUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deribit's private notifications ({@code {"method":"subscription","params":{"channel":"user.…","data":…}}}) to our
 * events, by channel (shared/venues/deribit.md §7):
 * <pre>
 *   user.orders.{instrument|kind.currency}.raw           one order object     → Orders
 *   user.orders.{…}.{100ms|agg2}                         array of orders      → Orders
 *   user.trades.{instrument|kind.currency}.{interval}    array of trades      → Fills
 *   user.portfolio.{currency}                            one currency         → Account
 *   user.changes.{instrument|kind.currency}.{interval}   {orders, trades, positions} → Changes (the docs' schema
 *                                                        says "position", the example "positions": both read)
 * </pre>
 * Any other channel is refused. Pure; see {@link OrderMapping}, {@link UserTradeMapping}, {@link AccountMapping},
 * {@link PositionMapping} for the fields.
 */
public final class PrivateMapping {

    private PrivateMapping() {
    }

    /** What one private notification says. */
    public sealed interface Mapped permits Orders, Fills, Account, Changes {
        String channel();
    }

    public record Orders(String channel, List<OrderUpdate> orders) implements Mapped {
    }

    public record Fills(String channel, List<UserFill> fills) implements Mapped {
    }

    public record Account(String channel, AccountUpdate account) implements Mapped {
    }

    /**
     * A {@code user.changes} notification: the orders with the fills of this notification put on them
     * ({@link OrderMapping#withFills}), the fills of orders it does not list, and the positions.
     */
    public record Changes(String channel, List<OrderUpdate> orders, List<UserFill> unmatchedFills,
                          List<Position> positions) implements Mapped {
    }

    /** Maps one notification frame. */
    public static Mapped normalize(String frame, PrivateContext ctx, Instant received) {
        JsonNode root = DeribitFields.readTree(frame);
        if (!"subscription".equals(root.path("method").asText(null))) {
            throw new UnmappableMessageException("method is not subscription: " + root.get("method"));
        }
        JsonNode params = root.path("params");
        String channel = text(params, "channel");
        JsonNode data = params.get("data");
        if (data == null || data.isNull()) {
            throw new UnmappableMessageException("params.data is missing");
        }
        return map(channel, data, ctx, received);
    }

    /** Maps the {@code data} of one notification of {@code channel}. */
    public static Mapped map(String channel, JsonNode data, PrivateContext ctx, Instant received) {
        String[] parts = channel.split("\\.");
        if (parts.length < 3 || !"user".equals(parts[0])) {
            throw new UnmappableMessageException("channel '" + channel + "' is not a private user channel");
        }
        return switch (parts[1]) {
            case "orders" -> new Orders(channel, OrderMapping.orders(data, ctx, received));
            case "trades" -> new Fills(channel, UserTradeMapping.fills(data));
            case "portfolio" -> new Account(channel, AccountMapping.account(data, ctx, received));
            case "changes" -> changes(channel, data, ctx, received);
            default -> throw new UnmappableMessageException("channel '" + channel + "' is not mapped");
        };
    }

    private static Changes changes(String channel, JsonNode data, PrivateContext ctx, Instant received) {
        JsonNode trades = data.get("trades");
        List<UserFill> fills = trades == null || trades.isNull() ? List.of() : UserTradeMapping.fills(trades);
        JsonNode orderItems = data.get("orders");
        List<OrderUpdate> plain = orderItems == null || orderItems.isNull() ? List.of()
                : OrderMapping.orders(orderItems, ctx, received);
        List<OrderUpdate> orders = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (OrderUpdate o : plain) {
            listed.add(o.getExchangeOrderId());
            orders.addAll(OrderMapping.withFills(o, fills));
        }
        List<UserFill> unmatched = fills.stream().filter(f -> !listed.contains(f.exchangeOrderId())).toList();
        JsonNode positions = data.has("positions") ? data.get("positions") : data.get("position");
        List<Position> mapped = positions == null || positions.isNull() ? List.of()
                : PositionMapping.positions(positions, ctx, received);
        return new Changes(channel, List.copyOf(orders), unmatched, mapped);
    }
}
