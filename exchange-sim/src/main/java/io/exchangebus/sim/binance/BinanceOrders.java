package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.OrderState;
import io.exchangebus.sim.engine.RejectReason;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Order entry in Binance's terms on the framework's engines: place, cancel, query, modify, list; keeps the Binance
 * facts the engine does not ({@link BinanceCore.Meta}, client ids, cancel client ids).
 */
final class BinanceOrders {

    private final BinanceCore core;
    private final BinanceVenue venue;
    final OrderParser parser;
    private final Map<Long, BinanceCore.Meta> metas = new ConcurrentHashMap<>();
    private final Map<String, BinanceCore.Meta> pending = new ConcurrentHashMap<>();
    private final Map<String, Long> byClientId = new ConcurrentHashMap<>();
    /** Order ids by account and symbol, oldest first (appended per order: a copy-on-write list copied them all). */
    private final Map<String, Collection<Long>> orderIds = new ConcurrentHashMap<>();
    private final Map<Long, String> cancelClientIds = new ConcurrentHashMap<>();

    BinanceOrders(BinanceCore core) {
        this.core = core;
        this.venue = core.venue;
        this.parser = new OrderParser(core);
    }

    BinanceCore.NewOrder parseNewOrder(String account, Map<String, String> p) {
        return parser.parse(account, p, true);
    }

    /** The Binance facts of an order, while it is being placed too; null if unknown. */
    BinanceCore.Meta meta(OrderState order) {
        BinanceCore.Meta meta = metas.get(order.orderId());
        return meta != null ? meta : pending.get(order.account() + "|" + order.clientOrderId());
    }

    /** The client id a cancel of {@code orderId} in progress reported, if any. */
    String cancelClientId(long orderId) {
        return cancelClientIds.get(orderId);
    }

    boolean openClientId(String account, String symbol, String cid) {
        Long id = byClientId.get(account + "|" + symbol + "|" + cid);
        return id != null && core.sim.engine(symbol).order(id).map(o -> o.status().isOpen()).orElse(false);
    }

    /** Places a parsed order and renders the response as {@code newOrderRespType} asks. */
    ObjectNode place(String account, BinanceCore.NewOrder order) {
        core.limits.countOrder(account);
        BinanceSymbol s = order.symbol();
        OrderRequest r = order.request();
        venue.checkBeforePlace(core, account, s, r, order.reduceOnly());
        BinanceCore.Meta meta = new BinanceCore.Meta(s.symbol(), account, order.type(), r.clientOrderId(),
                order.reduceOnly(), r.stopPrice());
        String pendingKey = account + "|" + r.clientOrderId();
        pending.put(pendingKey, meta);
        CommandResult result;
        try {
            result = core.sim.place(s.symbol(), r);
        } finally {
            pending.remove(pendingKey);
        }
        if (!result.isAccepted()) {
            throw rejection(result.rejectReason());
        }
        long id = result.order().orderId();
        metas.put(id, meta);
        byClientId.put(account + "|" + s.symbol() + "|" + r.clientOrderId(), id);
        orderIds.computeIfAbsent(account + "|" + s.symbol(), k -> new ConcurrentLinkedQueue<>()).add(id);
        return venue.placed(core, order, result, meta);
    }

    BinanceException rejection(RejectReason reason) {
        return venue.rejection(reason).orElseGet(() -> switch (reason) {
            case UNKNOWN_ACCOUNT -> new BinanceException(401, -2015, "Invalid API-key, IP, or permissions for action.");
            case PRICE_NOT_ON_TICK, INVALID_PRICE, STOP_PRICE_REQUIRED -> BinanceException.filter("PRICE_FILTER");
            case QUANTITY_BELOW_MINIMUM, QUANTITY_NOT_ON_LOT, INVALID_QUANTITY -> BinanceException.filter("LOT_SIZE");
            default -> new BinanceException(400, -2010, "New order rejected: " + reason.description());
        });
    }

    // ---- cancel, query, modify -----------------------------------------------------------------------------

    /** Resolves {@code orderId} / {@code origClientOrderId} (or other names) to one of the account's orders. */
    long resolve(String account, BinanceSymbol s, Map<String, String> p, String idName, String cidName,
                 BinanceException unknown) {
        Long id = BinanceCore.longParam(p, idName);
        if (id == null) {
            String cid = p.get(cidName);
            if (cid == null || cid.isEmpty()) {
                throw new BinanceException(400, -1102, "Param '" + cidName + "' or '" + idName
                        + "' must be sent, but both were empty/null!");
            }
            id = byClientId.get(account + "|" + s.symbol() + "|" + cid);
            if (id == null) {
                throw unknown;
            }
        }
        BinanceCore.Meta meta = metas.get(id);
        if (meta == null || !meta.account().equals(account) || !meta.symbol().equals(s.symbol())) {
            throw unknown;
        }
        return id;
    }

    static BinanceException unknownOrder() {
        return new BinanceException(400, -2011, "Unknown order sent.");
    }

    static BinanceException orderDoesNotExist() {
        return new BinanceException(400, -2013, "Order does not exist.");
    }

    ObjectNode cancel(String account, Map<String, String> p) {
        BinanceSymbol s = core.symbol(p);
        long id = resolve(account, s, p, "orderId", "origClientOrderId", unknownOrder());
        String cancelCid = BinanceCore.clientId(p, "newClientOrderId");
        return cancelById(account, s, id, cancelCid == null ? BinanceCore.newClientId() : cancelCid);
    }

    ObjectNode cancelById(String account, BinanceSymbol s, long id, String cancelCid) {
        cancelClientIds.put(id, cancelCid);
        CommandResult result;
        try {
            result = core.sim.cancel(s.symbol(), account, id);
        } finally {
            cancelClientIds.remove(id);
        }
        if (!result.isAccepted()) {
            throw unknownOrder();
        }
        return venue.canceled(core, result.order(), metas.get(id), cancelCid);
    }

    ObjectNode queryOrder(String account, Map<String, String> p) {
        BinanceSymbol s = core.symbol(p);
        long id = resolve(account, s, p, "orderId", "origClientOrderId", orderDoesNotExist());
        OrderState state = core.sim.engine(s.symbol()).order(id).orElseThrow(BinanceOrders::orderDoesNotExist);
        return venue.order(core, state, metas.get(id));
    }

    /** USDⓈ-M order.modify / PUT /fapi/v1/order. */
    ObjectNode modify(String account, Map<String, String> p) {
        BinanceSymbol s = core.symbol(p);
        long id = resolve(account, s, p, "orderId", "origClientOrderId", orderDoesNotExist());
        BinanceCore.req(p, "side");
        BigDecimal quantity = BinanceCore.decimal(p, "quantity");
        BigDecimal price = BinanceCore.decimal(p, "price");
        if (quantity == null) {
            throw BinanceException.mandatory("quantity");
        }
        if (price == null) {
            throw BinanceException.mandatory("price");
        }
        parser.checkPrice(s, price);
        parser.checkQuantity(s, quantity, false);
        CommandResult result = core.sim.amend(s.symbol(), account, id, price, quantity);
        if (!result.isAccepted()) {
            throw switch (result.rejectReason()) {
                case UNKNOWN_ORDER, ORDER_NOT_OPEN, NOT_OWNER -> orderDoesNotExist();
                case POST_ONLY_WOULD_CROSS -> rejection(RejectReason.POST_ONLY_WOULD_CROSS);
                default -> new BinanceException(400, -2011, "Unknown order sent.");
            };
        }
        return venue.order(core, result.order(), metas.get(id));
    }

    /** Open orders of the account (all symbols when {@code only} is null). */
    List<ObjectNode> openOrders(String account, BinanceSymbol only) {
        List<ObjectNode> out = new ArrayList<>();
        for (BinanceSymbol s : core.symbols.values()) {
            if (only != null && only != s) {
                continue;
            }
            for (OrderState o : core.sim.engine(s.symbol()).openOrders(account)) {
                BinanceCore.Meta meta = metas.get(o.orderId());
                if (meta != null) {
                    out.add(venue.order(core, o, meta));
                }
            }
        }
        out.sort((a, b) -> Long.compare(a.get("orderId").asLong(), b.get("orderId").asLong()));
        return out;
    }

    /** Cancels every open order of the account on one symbol; the cancel reports, oldest first. */
    List<ObjectNode> cancelAll(String account, BinanceSymbol s) {
        List<OrderState> open = new ArrayList<>(core.sim.engine(s.symbol()).openOrders(account));
        open.sort((a, b) -> Long.compare(a.orderId(), b.orderId()));
        Map<Long, String> cids = new LinkedHashMap<>();
        open.forEach(o -> cids.put(o.orderId(), BinanceCore.newClientId()));
        cancelClientIds.putAll(cids);
        try {
            core.sim.cancelAll(s.symbol(), account);
        } finally {
            cids.keySet().forEach(cancelClientIds::remove);
        }
        List<ObjectNode> out = new ArrayList<>();
        for (OrderState o : open) {
            BinanceCore.Meta meta = metas.get(o.orderId());
            if (meta != null) {
                OrderState after = core.sim.engine(s.symbol()).order(o.orderId()).orElse(o);
                out.add(venue.canceled(core, after, meta, cids.get(o.orderId())));
            }
        }
        return out;
    }

    /** allOrders with Binance's paging: orderId (from it upwards), startTime/endTime, limit (default 500, max 1000). */
    List<ObjectNode> allOrders(String account, Map<String, String> p) {
        BinanceSymbol s = core.symbol(p);
        Long fromId = BinanceCore.longParam(p, "orderId");
        Long start = BinanceCore.longParam(p, "startTime");
        Long end = BinanceCore.longParam(p, "endTime");
        Long limitParam = BinanceCore.longParam(p, "limit");
        int limit = limitParam == null ? 500 : limitParam.intValue();
        if (limit < 1 || limit > 1000) {
            throw new BinanceException(400, -1130, "Data sent for parameter 'limit' is not valid.");
        }
        if (start != null && end != null && end - start > venue.allOrdersMaxRange()) {
            throw venue.allOrdersRangeTooWide();
        }
        List<OrderState> selected = new ArrayList<>();
        for (long id : orderIds.getOrDefault(account + "|" + s.symbol(), List.of())) {
            core.sim.engine(s.symbol()).order(id).filter(o -> selects(o, fromId, start, end)).ifPresent(selected::add);
        }
        if (fromId != null || (start != null && end == null)) {
            selected = selected.subList(0, Math.min(limit, selected.size()));
        } else {
            selected = selected.subList(Math.max(0, selected.size() - limit), selected.size());
        }
        List<ObjectNode> out = new ArrayList<>();
        selected.forEach(o -> out.add(venue.order(core, o, metas.get(o.orderId()))));
        return out;
    }

    private static boolean selects(OrderState o, Long fromId, Long start, Long end) {
        long t = o.createdAt().toEpochMilli();
        return (fromId == null || o.orderId() >= fromId) && (start == null || t >= start)
                && (end == null || t <= end);
    }
}
