package io.exchangebus.sim.binance;

import static io.exchangebus.sim.binance.BinanceRestServer.Security.NONE;
import static io.exchangebus.sim.binance.BinanceRestServer.Security.SIGNED;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Spot's REST routes ({@code /api/v3}) and WebSocket-API methods beyond the common ones, with their weights. */
final class SpotEndpoints {

    private SpotEndpoints() {
    }

    static void rest(SpotVenue venue, BinanceRestServer rest, BinanceCore core, ListenKeys listenKeys) {
        String v3 = "/api/v3/";
        BinanceOrders orders = core.orders;
        rest.add("GET", v3 + "ping", NONE, p -> 1, false, (p, a) -> BinanceCore.JSON.createObjectNode());
        rest.add("GET", v3 + "time", NONE, p -> 1, false, (p, a) -> rest.time());
        rest.add("GET", v3 + "exchangeInfo", NONE, p -> 20, false, (p, a) -> BinanceMarketInfo.exchangeInfo(core, p));
        rest.add("GET", v3 + "depth", NONE, SpotEndpoints::depthWeight, false, (p, a) -> rest.depth(p));
        // "Old trade lookup": no API key since Binance made it security type NONE; weight 25.
        rest.add("GET", v3 + "historicalTrades", NONE, p -> 25, false, (p, a) -> core.trades.historicalTrades(p));
        rest.add("GET", v3 + "account", SIGNED, p -> venue.accountWeight(), false,
                (p, a) -> venue.views().account(a, "true".equals(p.get("omitZeroBalances"))));
        rest.add("GET", v3 + "openOrders", SIGNED, venue::openOrdersWeight, false,
                (p, a) -> BinanceCore.array(orders.openOrders(a, core.symbolOrAll(p))));
        rest.add("GET", v3 + "allOrders", SIGNED, p -> 20, false, (p, a) -> BinanceCore.array(orders.allOrders(a, p)));
        rest.add("GET", v3 + "order", SIGNED, p -> venue.orderStatusWeight(), false, (p, a) -> orders.queryOrder(a, p));
        rest.add("POST", v3 + "order", SIGNED, p -> 1, true, (p, a) -> orders.place(a, orders.parseNewOrder(a, p)));
        rest.add("DELETE", v3 + "order", SIGNED, p -> 1, false, (p, a) -> orders.cancel(a, p));
        rest.add("DELETE", v3 + "openOrders", SIGNED, p -> 1, false, (p, a) -> cancelAll(core, a, p));
        rest.add("POST", v3 + "order/cancelReplace", SIGNED, p -> 1, true, (p, a) -> CancelReplace.run(core, a, p));
    }

    private static int depthWeight(Map<String, String> p) {
        int limit = BinanceRestServer.parseLimit(p, 100);
        return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
    }

    /** The cancel reports; none open is -2011. */
    private static ArrayNode cancelAll(BinanceCore core, String account, Map<String, String> p) {
        List<ObjectNode> canceled = core.orders.cancelAll(account, core.symbol(p));
        if (canceled.isEmpty()) {
            throw BinanceOrders.unknownOrder();
        }
        return BinanceCore.array(canceled);
    }

    static void wsApi(SpotVenue venue, WsApi api, BinanceCore core, ListenKeys listenKeys) {
        api.unsigned("userDataStream.subscribe", c -> {
            if (c.conn.sessionAccount == null) {
                throw new BinanceException(401, -2015, "Invalid API-key, IP, or permissions for action.");
            }
            return subscribed(c.conn.subscribe(c.conn.sessionAccount));
        });
        api.unsigned("userDataStream.subscribe.signature",
                c -> subscribed(c.conn.subscribe(api.signedByItself(c.params).id())));
        api.unsigned("userDataStream.unsubscribe", c -> {
            c.conn.unsubscribe(c.params.get("subscriptionId"));
            return BinanceCore.JSON.createObjectNode();
        });
        api.unsigned("session.subscriptions", c -> {
            ArrayNode a = BinanceCore.JSON.createArrayNode();
            c.conn.subscriptions.keySet().stream().sorted().forEach(k -> a.addObject().put("subscriptionId", k));
            return a;
        });
        api.signed("order.cancelReplace", (c, account) -> {
            c.orderAccount = account;
            return CancelReplace.run(core, account, c.params);
        });
        api.signed("openOrders.cancelAll", (c, account) -> cancelAll(core, account, c.params));
        api.signed("account.status", (c, account) ->
                venue.views().account(account, "true".equals(c.params.get("omitZeroBalances"))));
        api.signed("allOrders", (c, account) -> BinanceCore.array(core.orders.allOrders(account, c.params)));
    }

    private static ObjectNode subscribed(int id) {
        return BinanceCore.JSON.createObjectNode().put("subscriptionId", id);
    }
}
