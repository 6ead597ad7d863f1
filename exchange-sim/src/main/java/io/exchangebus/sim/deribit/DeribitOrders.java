package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.account.Position;
import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.OrderState;
import io.exchangebus.sim.engine.OrderType;
import io.exchangebus.sim.engine.PriceLevel;
import io.exchangebus.sim.engine.RejectReason;
import io.exchangebus.sim.engine.Side;
import io.exchangebus.sim.engine.TimeInForce;
import io.exchangebus.sim.server.JsonRpcReply;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Order entry: {@code private/buy}, {@code private/sell} and {@code private/edit} (venue page §8, §9). Orders go to
 * the engine with a unique client order id that keys their {@link OrderTags}, so that engine events (also those
 * raised while the order is being placed) find their Deribit attributes.
 *
 * <p>Where this departs from Deribit: types {@code limit}, {@code market}, {@code stop_limit}, {@code stop_market}
 * only (others: -32602); stops trigger on the last trade price whatever {@code trigger} says, and cannot be edited;
 * {@code good_til_day} rests like {@code good_til_cancelled}; a {@code reduce_only} order larger than the position it
 * can reduce is refused (11029) rather than cut down; the funds check is {@link DeribitPortfolio}'s simple margin
 * model; {@code valid_until}, {@code display_amount}, {@code advanced}, {@code mmp} and linked orders are ignored.
 */
final class DeribitOrders {

    private static final int MAX_LABEL = 64;

    private final DeribitCore core;
    private final AtomicLong keys = new AtomicLong();
    private final Map<String, OrderTags> byKey = new ConcurrentHashMap<>();
    private final Map<Long, OrderTags> byId = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> userTrades = new ConcurrentHashMap<>();

    DeribitOrders(DeribitCore core) {
        this.core = core;
    }

    void register(DeribitApi api) {
        api.privateMethod("private/buy", call -> place(call, Side.BUY));
        api.privateMethod("private/sell", call -> place(call, Side.SELL));
        api.privateMethod("private/edit", this::edit);
    }

    /** The tags of an engine order, if it was placed through the Deribit API. */
    Optional<OrderTags> tags(OrderState order) {
        OrderTags t = order.clientOrderId() == null ? null : byKey.get(order.clientOrderId());
        if (t != null && t.orderId == 0) {
            t.orderId = order.orderId();
            byId.put(order.orderId(), t);
        }
        return Optional.ofNullable(t);
    }

    /** The tags of the order the engine knows by client order id {@code key}, if it was placed through the API. */
    Optional<OrderTags> tags(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    Optional<OrderTags> tags(long orderId) {
        return Optional.ofNullable(byId.get(orderId));
    }

    Map<Long, OrderTags> all() {
        return byId;
    }

    /** Engine listener: fees per order, and the account's trade history. */
    void onEvent(EngineEvent event) {
        if (event instanceof EngineEvent.OrderFilled f) {
            tags(f.order()).ifPresent(t -> {
                t.addFee(f.liquidity() == io.exchangebus.sim.engine.Liquidity.TAKER ? f.fill().takerFee()
                        : f.fill().makerFee());
                List<ObjectNode> history = userTrades.computeIfAbsent(t.account, a -> new ArrayList<>());
                synchronized (history) {
                    history.add(core.orderViews().userTrade(f.fill(), f.order(), t, f.liquidity()));
                }
            });
        }
    }

    /** The account's trades in {@code currency} (or any) and {@code kind} (or any), newest first. */
    List<ObjectNode> userTrades(String account, String currency, String kind) {
        List<ObjectNode> history = userTrades.getOrDefault(account, List.of());
        List<ObjectNode> out = new ArrayList<>();
        synchronized (history) {
            for (ObjectNode trade : history) {
                DeribitInstrument i = core.market().instrument(trade.get("instrument_name").asText()).orElseThrow();
                if ((currency.equalsIgnoreCase("any") || currency.equalsIgnoreCase(i.currency()))
                        && (kind == null || kind.equals("any") || kind.equals(i.kind()))) {
                    out.add(0, trade);
                }
            }
        }
        return out;
    }

    private JsonRpcReply place(DeribitCall call, Side side) {
        Optional<DeribitInstrument> found = core.market().instrument(call.required("instrument_name"));
        if (found.isEmpty()) {
            return DeribitError.INVALID_OR_UNSUPPORTED_INSTRUMENT.reply();
        }
        DeribitInstrument i = found.get();
        OrderParams p = OrderParams.parse(call, i);
        Optional<JsonRpcReply> refused = check(call.account(), i, side, p);
        if (refused.isPresent()) {
            return refused.get();
        }
        BigDecimal price = p.price();
        if (p.postOnly() && price != null && crosses(i, side, price)) {
            if (p.rejectPostOnly()) {
                return DeribitError.POST_ONLY_REJECT.reply();
            }
            price = justInside(i, side);
            if (price == null) {
                return DeribitError.POST_ONLY_REJECT.reply();
            }
        }
        String key = "deribit-" + keys.incrementAndGet();
        long connection = call.session() == null ? 0 : call.session().connectionId();
        OrderTags tags = new OrderTags(key, call.account(), i, p.label(), p.type(), p.timeInForce(), p.postOnly(),
                p.rejectPostOnly(), p.reduceOnly(), p.trigger(), p.triggerPrice(), connection);
        byKey.put(key, tags);
        OrderRequest request = new OrderRequest(call.account(), key, side, engineType(p.type()), engineTif(p),
                price, p.amount(), p.triggerPrice());
        CommandResult result = core.sim().place(i.name(), request);
        if (!result.isAccepted()) {
            byKey.remove(key);
            return reject(result.rejectReason());
        }
        tags(result.order());
        return JsonRpcReply.ok(orderAndTrades(result, tags));
    }

    private Optional<JsonRpcReply> check(String account, DeribitInstrument i, Side side, OrderParams p) {
        if (p.label().length() > MAX_LABEL) {
            return Optional.of(DeribitError.invalidParams("label", "must be at most 64 characters"));
        }
        if (p.price() != null && !i.isOnTick(p.price())) {
            return Optional.of(DeribitError.PRICE_WRONG_TICK.reply());
        }
        if (p.reduceOnly()) {
            Position pos = core.sim().accounts().position(account, i.name());
            BigDecimal closable = pos.quantity().signum() == -side.sign() ? pos.quantity().abs() : BigDecimal.ZERO;
            if (p.amount().compareTo(closable) > 0) {
                return Optional.of(DeribitError.INVALID_ARGUMENTS.reply("reduce_only order would increase position"));
            }
        } else if (p.amount().signum() > 0) {
            BigDecimal needed = core.portfolio().orderMargin(i, side, p.amount(), p.price());
            if (needed.compareTo(core.portfolio().summary(account, i.currency()).availableFunds()) > 0) {
                return Optional.of(DeribitError.NOT_ENOUGH_FUNDS.reply());
            }
        }
        return Optional.empty();
    }

    private boolean crosses(DeribitInstrument i, Side side, BigDecimal price) {
        List<PriceLevel> opposite = side == Side.BUY ? core.engine(i.name()).book().asks()
                : core.engine(i.name()).book().bids();
        return !opposite.isEmpty() && (side == Side.BUY ? price.compareTo(opposite.get(0).price()) >= 0
                : price.compareTo(opposite.get(0).price()) <= 0);
    }

    /** Deribit re-prices a crossing post-only order to one tick inside the best opposite price. */
    private BigDecimal justInside(DeribitInstrument i, Side side) {
        List<PriceLevel> opposite = side == Side.BUY ? core.engine(i.name()).book().asks()
                : core.engine(i.name()).book().bids();
        BigDecimal best = opposite.get(0).price();
        BigDecimal tick = i.tickAt(best);
        BigDecimal price = side == Side.BUY ? best.subtract(tick) : best.add(tick);
        return price.signum() > 0 ? price : null;
    }

    private JsonRpcReply edit(DeribitCall call) {
        long id = OrderViews.parseOrderId(call.required("order_id"));
        OrderTags t = byId.get(id);
        if (t == null || !t.account.equals(call.account())) {
            return DeribitError.ORDER_NOT_FOUND.reply();
        }
        BigDecimal amount = OrderParams.amount(call, t.instrument);
        BigDecimal price = call.decimal("price");
        if (price != null && !t.instrument.isOnTick(price)) {
            return DeribitError.PRICE_WRONG_TICK.reply();
        }
        boolean rejectPostOnly = call.bool("reject_post_only", t.rejectPostOnly);
        OrderState before = core.engine(t.instrument.name()).order(id).orElseThrow();
        if (t.postOnly && price != null && crosses(t.instrument, before.side(), price)) {
            if (rejectPostOnly) {
                return DeribitError.POST_ONLY_REJECT.reply();
            }
            price = justInside(t.instrument, before.side());
        }
        CommandResult result = core.sim().amend(t.instrument.name(), call.account(), id, price, amount);
        if (!result.isAccepted()) {
            return reject(result.rejectReason());
        }
        t.replaced = true;
        return JsonRpcReply.ok(orderAndTrades(result, t));
    }

    /** {@code {order, trades}}: the order after the command and this order's own fills in it. */
    private ObjectNode orderAndTrades(CommandResult result, OrderTags tags) {
        ObjectNode out = Json.object();
        OrderState order = core.engine(tags.instrument.name()).order(result.order().orderId()).orElse(result.order());
        out.set("order", core.orderViews().order(order, tags));
        ArrayNode trades = out.putArray("trades");
        for (EngineEvent e : result.events()) {
            if (e instanceof EngineEvent.OrderFilled f && f.order().orderId() == order.orderId()) {
                trades.add(core.orderViews().userTrade(f.fill(), f.order(), tags, f.liquidity()));
            }
        }
        return out;
    }

    static JsonRpcReply reject(RejectReason reason) {
        return switch (reason) {
            case INVALID_QUANTITY -> DeribitError.INVALID_AMOUNT.reply();
            case QUANTITY_NOT_ON_LOT -> DeribitError.NON_INTEGER_CONTRACT_AMOUNT.reply();
            case QUANTITY_BELOW_MINIMUM -> DeribitError.QTY_TOO_LOW.reply();
            case INVALID_PRICE -> DeribitError.PRICE_TOO_LOW.reply();
            case PRICE_NOT_ON_TICK -> DeribitError.PRICE_WRONG_TICK.reply();
            case PRICE_REQUIRED -> DeribitError.invalidParams("price", "must be present");
            case STOP_PRICE_REQUIRED -> DeribitError.invalidParams("trigger_price", "must be present");
            case POST_ONLY_WOULD_CROSS -> DeribitError.POST_ONLY_REJECT.reply();
            case INSUFFICIENT_BALANCE -> DeribitError.NOT_ENOUGH_FUNDS.reply();
            case UNKNOWN_ORDER -> DeribitError.ORDER_NOT_FOUND.reply();
            case ORDER_NOT_OPEN -> DeribitError.NOT_OPEN_ORDER.reply();
            case NOT_OWNER -> DeribitError.NOT_OWNER_OF_ORDER.reply();
            default -> DeribitError.INVALID_ARGUMENTS.reply(reason.description());
        };
    }

    private static OrderType engineType(String type) {
        return switch (type) {
            case "market" -> OrderType.MARKET;
            case "stop_limit" -> OrderType.STOP_LIMIT;
            case "stop_market" -> OrderType.STOP_MARKET;
            default -> OrderType.LIMIT;
        };
    }

    private static TimeInForce engineTif(OrderParams p) {
        if (p.postOnly()) {
            return TimeInForce.POST_ONLY;
        }
        return switch (p.timeInForce()) {
            case "fill_or_kill" -> TimeInForce.FOK;
            case "immediate_or_cancel" -> TimeInForce.IOC;
            default -> p.type().endsWith("market") ? TimeInForce.IOC : TimeInForce.GTC;
        };
    }
}
