package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.server.JsonRpcReply;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cancels (grvt.md §9): {@code v1/cancel_order} by {@code order_id} or {@code client_order_id} (with its TTL, see
 * {@link CancelTtl}), {@code v1/cancel_all_orders} filtered by {@code kind}/{@code base}/{@code quote}, and
 * {@code v2/bulk_orders}, GRVT's cancel-replace: the listed orders ({@code order_ids} xor {@code client_order_ids};
 * the docs' generated names {@code order_i_ds}/{@code client_order_i_ds} are accepted too) are cancelled first,
 * then the new ones created; at most 100, one instrument. Cancels are acknowledged {@code {"ack":"true"}}; the
 * outcome shows on {@code v1.order}.
 */
final class GrvtCancels {

    static final int MAX_BULK = 100;

    private final GrvtCore core;

    GrvtCancels(GrvtCore core) {
        this.core = core;
    }

    JsonRpcReply cancel(GrvtCall call) {
        BigInteger sub = call.subAccountId();
        if (sub == null || !core.accounts().owns(call.account(), sub)) {
            return GrvtError.FORBIDDEN.reply();
        }
        JsonNode p = call.params();
        if (p.hasNonNull("order_id") && !p.get("order_id").asText().isEmpty()) {
            core.orderLog().byEngineId(OrderRecord.engineId(p.get("order_id").asText()))
                    .filter(r -> r.subAccountId().equals(sub)).filter(OrderRecord::isOpen)
                    .ifPresent(this::cancel);
        } else if (p.hasNonNull("client_order_id")) {
            BigInteger coid;
            try {
                coid = new BigInteger(p.get("client_order_id").asText());
            } catch (NumberFormatException e) {
                return GrvtError.MALFORMED.reply();
            }
            Optional<OrderRecord> open = core.orderLog().openByClientOrderId(sub, coid);
            open.ifPresent(this::cancel);
            core.cancelTtl().start(sub, coid, CancelTtl.ttl(p.path("time_to_live_ms").asText("")), open.isPresent());
        } else {
            return GrvtError.MALFORMED.reply();
        }
        return JsonRpcReply.ok(GrvtOrders.ackTrue());
    }

    JsonRpcReply cancelAll(GrvtCall call) {
        BigInteger sub = call.subAccountId();
        if (sub == null || !core.accounts().owns(call.account(), sub)) {
            return GrvtError.FORBIDDEN.reply();
        }
        for (GrvtInstrument i : core.instruments()) {
            if (matches(call.params().get("kind"), "PERPETUAL") && matches(call.params().get("base"), i.base())
                    && matches(call.params().get("quote"), i.quote())) {
                core.sim().cancelAll(i.name(), GrvtAccounts.ledgerId(sub));
            }
        }
        return JsonRpcReply.ok(GrvtOrders.ackTrue());
    }

    JsonRpcReply bulk(GrvtCall call) {
        BigInteger sub = call.subAccountId();
        if (sub == null || !core.accounts().owns(call.account(), sub)) {
            return GrvtError.FORBIDDEN.reply();
        }
        JsonNode p = call.params();
        JsonNode orderIds = first(p, "order_ids", "order_i_ds");
        JsonNode clientIds = first(p, "client_order_ids", "client_order_i_ds");
        JsonNode orders = p.path("orders");
        if (orders.size() > MAX_BULK || (!orderIds.isEmpty() && !clientIds.isEmpty())) {
            return GrvtError.MALFORMED.reply();
        }
        List<GrvtOrders.Prepared> prepared = new ArrayList<>();
        for (JsonNode node : orders) {
            Object checked = core.orders().check(call.account(), node, call.receivedAt());
            if (checked instanceof GrvtError e) {
                return e.reply();
            }
            prepared.add((GrvtOrders.Prepared) checked);
        }
        if (prepared.stream().map(x -> x.instrument().name()).distinct().count() > 1) {
            return GrvtError.MALFORMED.reply();
        }
        ObjectNode out = Json.object();
        ArrayNode acks = out.putArray("cancel_acks");
        for (JsonNode id : orderIds) {
            core.orderLog().byEngineId(OrderRecord.engineId(id.asText())).filter(r -> r.subAccountId().equals(sub))
                    .filter(OrderRecord::isOpen).ifPresent(this::cancel);
            acks.addObject().put("ack", "true");
        }
        for (JsonNode id : clientIds) {
            core.orderLog().openByClientOrderId(sub, new BigInteger(id.asText())).ifPresent(this::cancel);
            acks.addObject().put("ack", "true");
        }
        ArrayNode created = Json.array();
        for (GrvtOrders.Prepared order : prepared) {
            Optional<GrvtError> refused = core.orders().place(order, call.receivedAt());
            if (refused.isPresent()) {
                return refused.get().reply();
            }
            created.add(GrvtViews.ack(order.order(), call.receivedAt()));
        }
        ObjectNode body = Json.object();
        body.set("orders", created);
        body.set("cancel_acks", acks);
        return JsonRpcReply.ok(body);
    }

    private void cancel(OrderRecord r) {
        core.sim().cancel(r.instrument().name(), GrvtAccounts.ledgerId(r.subAccountId()), r.state().orderId());
    }

    private static JsonNode first(JsonNode p, String name, String alias) {
        JsonNode n = p.path(name);
        if (!n.isArray()) {
            n = p.path(alias);
        }
        ArrayNode out = Json.array();
        for (JsonNode x : n) {
            if (!x.isNull()) {
                out.add(x);
            }
        }
        return out;
    }

    /** An absent or empty filter matches all; otherwise the value must be listed. */
    private static boolean matches(JsonNode filter, String value) {
        if (filter == null || !filter.isArray() || filter.isEmpty()) {
            return true;
        }
        for (JsonNode f : filter) {
            if (f.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
