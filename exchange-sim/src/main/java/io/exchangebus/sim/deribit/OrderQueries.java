package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.OrderState;
import io.exchangebus.sim.server.JsonRpcReply;
import io.exchangebus.sim.server.JsonRpcSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Cancels ({@code private/cancel}, {@code cancel_all*}, {@code cancel_by_label}; the cancel-all family answers a
 * count), order reads ({@code get_order_state*}, {@code get_open_orders_by_*}, {@code get_order_history_by_currency},
 * {@code get_user_trades_by_currency}) and cancel on disconnect.
 */
final class OrderQueries {

    static final String CANCEL_ON_DISCONNECT = "deribit.cancel_on_disconnect";

    private final DeribitCore core;

    OrderQueries(DeribitCore core) {
        this.core = core;
    }

    void register(DeribitApi api) {
        registerCancels(api);
        registerReads(api);
        registerCancelOnDisconnect(api);
    }

    private void registerCancels(DeribitApi api) {
        api.privateMethod("private/cancel", this::cancel);
        api.privateMethod("private/cancel_all", c -> count(cancelWhere(c.account(), (o, t) -> true)));
        api.privateMethod("private/cancel_all_by_instrument", c -> {
            String name = c.required("instrument_name");
            String type = c.text("type");
            return count(cancelWhere(c.account(), (o, t) -> t.instrument.name().equals(name) && ofType(t, type)));
        });
        api.privateMethod("private/cancel_all_by_currency", c -> {
            String currency = c.required("currency");
            String kind = c.text("kind");
            String type = c.text("type");
            return count(cancelWhere(c.account(), (o, t) -> inCurrency(t, currency, kind) && ofType(t, type)));
        });
        api.privateMethod("private/cancel_by_label", c -> {
            String label = c.required("label");
            String currency = c.text("currency");
            return count(cancelWhere(c.account(), (o, t) -> t.label.equals(label)
                    && (currency == null || inCurrency(t, currency, null))));
        });
    }

    private void registerReads(DeribitApi api) {
        api.privateMethod("private/get_order_state", this::orderState);
        api.privateMethod("private/get_order_state_by_label", c -> {
            String currency = c.required("currency");
            String label = c.required("label");
            return list(orders(c.account(), (o, t) -> inCurrency(t, currency, null) && t.label.equals(label)));
        });
        api.privateMethod("private/get_open_orders_by_currency", c -> {
            String currency = c.required("currency");
            String kind = c.text("kind");
            String type = c.text("type");
            return list(orders(c.account(), (o, t) -> o.status().isOpen() && inCurrency(t, currency, kind)
                    && ofType(t, type)));
        });
        api.privateMethod("private/get_open_orders_by_instrument", c -> {
            String name = c.required("instrument_name");
            String type = c.text("type");
            return list(orders(c.account(), (o, t) -> o.status().isOpen() && t.instrument.name().equals(name)
                    && ofType(t, type)));
        });
        api.privateMethod("private/get_open_orders", c -> list(orders(c.account(), (o, t) -> o.status().isOpen())));
        api.privateMethod("private/get_order_history_by_currency", this::history);
    }

    private void registerCancelOnDisconnect(DeribitApi api) {
        api.sessionMethod("private/enable_cancel_on_disconnect", true, c -> {
            String scope = c.text("scope") == null ? "connection" : c.text("scope");
            if (!scope.equals("connection") && !scope.equals("account")) {
                throw new DeribitCall.BadParam("scope", "connection or account");
            }
            c.session().attribute(CANCEL_ON_DISCONNECT, scope);
            return JsonRpcReply.ok(Json.MAPPER.getNodeFactory().textNode("ok"));
        });
        api.sessionMethod("private/disable_cancel_on_disconnect", true, c -> {
            c.session().attribute(CANCEL_ON_DISCONNECT, null);
            return JsonRpcReply.ok(Json.MAPPER.getNodeFactory().textNode("ok"));
        });
        api.sessionMethod("private/get_cancel_on_disconnect", true, c -> {
            Optional<String> scope = c.session().attribute(CANCEL_ON_DISCONNECT, String.class);
            return JsonRpcReply.ok(Json.object().put("scope", scope.orElse("connection"))
                    .put("enabled", scope.isPresent()));
        });
    }

    private JsonRpcReply cancel(DeribitCall call) {
        long id = OrderViews.parseOrderId(call.required("order_id"));
        Optional<OrderTags> t = core.orders().tags(id);
        if (t.isEmpty() || !t.get().account.equals(call.account())) {
            return DeribitError.ORDER_NOT_FOUND.reply();
        }
        CommandResult result = core.sim().cancel(t.get().instrument.name(), call.account(), id);
        if (!result.isAccepted()) {
            return DeribitOrders.reject(result.rejectReason());
        }
        return JsonRpcReply.ok(core.orderViews().order(result.order(), t.get()));
    }

    /** Cancels the account's open orders that match, one by one; returns how many were cancelled. */
    int cancelWhere(String account, BiPredicate<OrderState, OrderTags> matches) {
        int count = 0;
        for (OrderState o : orders(account, (o, t) -> o.status().isOpen() && matches.test(o, t))) {
            OrderTags t = core.orders().tags(o.orderId()).orElseThrow();
            CommandResult result = core.sim().cancel(t.instrument.name(), account, o.orderId());
            count += result.events().stream().anyMatch(e -> e instanceof EngineEvent.OrderCanceled) ? 1 : 0;
        }
        return count;
    }

    /** The account's orders placed through the API that match, newest first (each as the engine has it now). */
    List<OrderState> orders(String account, BiPredicate<OrderState, OrderTags> matches) {
        List<OrderState> out = new ArrayList<>();
        for (OrderTags t : core.orders().all().values()) {
            if (!t.account.equals(account)) {
                continue;
            }
            core.engine(t.instrument.name()).order(t.orderId).filter(o -> matches.test(o, t)).ifPresent(out::add);
        }
        out.sort(Comparator.comparingLong(OrderState::orderId).reversed());
        return out;
    }

    private JsonRpcReply orderState(DeribitCall call) {
        long id = OrderViews.parseOrderId(call.required("order_id"));
        Optional<OrderTags> t = core.orders().tags(id).filter(x -> x.account.equals(call.account()));
        Optional<OrderState> o = t.flatMap(x -> core.engine(x.instrument.name()).order(id));
        return o.isEmpty() ? DeribitError.ORDER_NOT_FOUND.reply()
                : JsonRpcReply.ok(core.orderViews().order(o.get(), t.get()));
    }

    private JsonRpcReply history(DeribitCall call) {
        String currency = call.required("currency");
        String kind = call.text("kind");
        int count = call.integer("count") == null ? 20 : call.integer("count");
        int offset = call.integer("offset") == null ? 0 : call.integer("offset");
        if (count < 1 || count > 1000) {
            throw new DeribitCall.BadParam("count", "must be between 1 and 1000");
        }
        boolean unfilled = call.bool("include_unfilled", false);
        List<OrderState> all = orders(call.account(), (o, t) -> inCurrency(t, currency, kind)
                && (o.filledQuantity().signum() > 0 || (unfilled && !o.status().isOpen())));
        return list(all.subList(Math.min(offset, all.size()), Math.min(offset + count, all.size())));
    }

    private JsonRpcReply list(List<OrderState> orders) {
        ArrayNode out = Json.array();
        orders.forEach(o -> out.add(core.orderViews().order(o, core.orders().tags(o.orderId()).orElseThrow())));
        return JsonRpcReply.ok(out);
    }

    private static JsonRpcReply count(int n) {
        return JsonRpcReply.ok(Json.MAPPER.getNodeFactory().numberNode(n));
    }

    static boolean inCurrency(OrderTags t, String currency, String kind) {
        return (currency.equalsIgnoreCase("any") || currency.equalsIgnoreCase(t.instrument.currency()))
                && (kind == null || kind.equals("any") || kind.equals(t.instrument.kind()));
    }

    /** Deribit's {@code type} filter: all, limit, stop / trigger_all; others match nothing here. */
    private static boolean ofType(OrderTags t, String type) {
        if (type == null || type.equals("all")) {
            return true;
        }
        return switch (type) {
            case "limit" -> t.orderType.equals("limit");
            case "stop", "trigger_all" -> t.isStop();
            default -> false;
        };
    }

    /** A connection closed: cancel what its cancel-on-disconnect scope covers. */
    void connectionClosed(JsonRpcSession session) {
        Optional<String> scope = session.attribute(CANCEL_ON_DISCONNECT, String.class);
        Optional<String> account = session.attribute(DeribitAuth.GRANT, io.exchangebus.sim.auth.TokenGrant.class)
                .map(io.exchangebus.sim.auth.TokenGrant::account);
        if (scope.isEmpty() || account.isEmpty()) {
            return;
        }
        boolean wholeAccount = scope.get().equals("account");
        cancelWhere(account.get(), (o, t) -> {
            boolean covered = wholeAccount || t.connectionId == session.connectionId();
            if (covered) {
                t.cancelReason = "cancel_on_disconnect";
            }
            return covered;
        });
    }
}
