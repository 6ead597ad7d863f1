package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.server.JsonRpcReply;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * What the DataFetcher reads (grvt.md §11): {@code all_instruments}, {@code instrument}, {@code account_summary},
 * {@code positions}, {@code open_orders} (unpaged), and {@code order_history} / {@code fill_history}: newest first,
 * {@code limit} default 500, at most 1000, an opaque {@code cursor} from the previous page's {@code next} (empty
 * when there is no further page), {@code start_time}/{@code end_time} in ns.
 */
final class GrvtQueries {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    private final GrvtCore core;

    GrvtQueries(GrvtCore core) {
        this.core = core;
    }

    JsonRpcReply allInstruments(GrvtCall call) {
        ArrayNode list = Json.array();
        core.instruments().forEach(i -> list.add(GrvtViews.instrument(i, core.listedAt())));
        return ok(list);
    }

    JsonRpcReply instrument(GrvtCall call) {
        return core.instrument(call.params().path("instrument").asText())
                .map(i -> ok(GrvtViews.instrument(i, core.listedAt())))
                .orElseGet(GrvtError.INVALID_INSTRUMENT::reply);
    }

    JsonRpcReply accountSummary(GrvtCall call) {
        BigInteger sub = owned(call);
        return sub == null ? GrvtError.FORBIDDEN.reply()
                : ok(GrvtAccountViews.summary(sub, core.sim().accounts().snapshot(GrvtAccounts.ledgerId(sub)),
                "USDT", core::mark, core.clock().instant()));
    }

    JsonRpcReply positions(GrvtCall call) {
        BigInteger sub = owned(call);
        return sub == null ? GrvtError.FORBIDDEN.reply()
                : ok(GrvtAccountViews.positions(sub, core.sim().accounts().snapshot(GrvtAccounts.ledgerId(sub)),
                core::mark, core.clock().instant()));
    }

    JsonRpcReply openOrders(GrvtCall call) {
        BigInteger sub = owned(call);
        if (sub == null) {
            return GrvtError.FORBIDDEN.reply();
        }
        ArrayNode list = Json.array();
        core.orderLog().open(sub).forEach(r -> list.add(GrvtViews.order(r)));
        return ok(list);
    }

    JsonRpcReply orderHistory(GrvtCall call) {
        BigInteger sub = owned(call);
        return sub == null ? GrvtError.FORBIDDEN.reply()
                : page(call, core.orderLog().history(sub).stream()
                .filter(r -> inTime(call, r.createTime().getEpochSecond() * 1_000_000_000L + r.createTime().getNano()))
                .map(GrvtViews::order).toList(), Function.identity());
    }

    JsonRpcReply fillHistory(GrvtCall call) {
        BigInteger sub = owned(call);
        return sub == null ? GrvtError.FORBIDDEN.reply()
                : page(call, core.orderLog().fills(sub).stream()
                .filter(f -> inTime(call, Long.parseLong(f.get("event_time").asText()))).toList(),
                Function.identity());
    }

    private JsonRpcReply page(GrvtCall call, List<ObjectNode> all, Function<ObjectNode, ObjectNode> view) {
        int limit = call.params().path("limit").asInt(DEFAULT_LIMIT);
        if (limit <= 0 || limit > MAX_LIMIT) {
            return GrvtError.MALFORMED.reply();
        }
        int from = decode(call.params().path("cursor").asText(""));
        if (from < 0) {
            return GrvtError.MALFORMED.reply();
        }
        int to = Math.min(all.size(), from + limit);
        ObjectNode body = Json.object();
        ArrayNode result = body.putArray("result");
        all.subList(Math.min(from, all.size()), to).forEach(o -> result.add(view.apply(o)));
        return JsonRpcReply.ok(body.put("next", to < all.size() ? encode(to) : ""));
    }

    private static boolean inTime(GrvtCall call, long nanos) {
        String start = call.params().path("start_time").asText("");
        String end = call.params().path("end_time").asText("");
        return (start.isEmpty() || nanos >= Long.parseLong(start)) && (end.isEmpty() || nanos <= Long.parseLong(end));
    }

    private BigInteger owned(GrvtCall call) {
        BigInteger sub = call.subAccountId();
        return sub != null && core.accounts().owns(call.account(), sub) ? sub : null;
    }

    private static String encode(int offset) {
        return Base64.getEncoder().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a cursor stands for; 0 for none, -1 for a cursor we did not give. */
    private static int decode(String cursor) {
        if (cursor.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            return text.startsWith("o:") ? Integer.parseInt(text.substring(2)) : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static JsonRpcReply ok(com.fasterxml.jackson.databind.JsonNode result) {
        return JsonRpcReply.ok(Json.object().set("result", result));
    }
}
