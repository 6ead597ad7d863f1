package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.server.JsonRpcReply;
import java.util.List;

/** {@code private/get_account_summary}, {@code get_positions}, {@code get_position}, {@code get_user_trades_by_currency}. */
final class AccountMethods {

    private final DeribitCore core;

    AccountMethods(DeribitCore core) {
        this.core = core;
    }

    void register(DeribitApi api) {
        api.privateMethod("private/get_account_summary", this::summary);
        api.privateMethod("private/get_positions", c -> JsonRpcReply.ok(core.portfolio().positions(c.account(),
                c.text("currency"), c.text("kind"))));
        api.privateMethod("private/get_position", c -> core.market().instrument(c.required("instrument_name"))
                .<JsonRpcReply>map(i -> JsonRpcReply.ok(core.portfolio().position(c.account(), i,
                        core.sim().accounts().position(c.account(), i.name()))))
                .orElseGet(DeribitError.INVALID_OR_UNSUPPORTED_INSTRUMENT::reply));
        api.privateMethod("private/get_user_trades_by_currency", this::userTrades);
    }

    private JsonRpcReply summary(DeribitCall call) {
        String currency = call.required("currency").toUpperCase();
        if (!List.of("BTC", "ETH", "USDC").contains(currency)) {
            throw new DeribitCall.BadParam("currency", "unknown currency " + currency);
        }
        ObjectNode o = core.portfolio().portfolio(call.account(), currency);
        o.put("id", core.orderViews().userId(call.account())).put("type", "main").put("system_name", call.account())
                .put("username", call.account());
        ObjectNode limits = o.putObject("limits").put("limits_per_currency", false);
        CreditLimiter.Bucket nme = core.limiter().nonMatching();
        CreditLimiter.Bucket me = core.limiter().matching();
        limits.putObject("non_matching_engine").put("rate", nme.rate()).put("burst", nme.burst());
        limits.putObject("matching_engine").put("rate", me.rate()).put("burst", me.burst());
        return JsonRpcReply.ok(o);
    }

    private JsonRpcReply userTrades(DeribitCall call) {
        String currency = call.required("currency");
        int count = call.integer("count") == null ? 10 : call.integer("count");
        if (count < 1 || count > 1000) {
            throw new DeribitCall.BadParam("count", "must be between 1 and 1000");
        }
        List<ObjectNode> all = core.orders().userTrades(call.account(), currency, call.text("kind"));
        ObjectNode out = Json.object();
        ArrayNode trades = out.putArray("trades");
        all.stream().limit(count).forEach(trades::add);
        out.put("has_more", all.size() > count);
        return JsonRpcReply.ok(out);
    }
}
