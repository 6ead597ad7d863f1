package io.exchangebus.sim.binance;

import static io.exchangebus.sim.binance.BinanceRestServer.Security.API_KEY;
import static io.exchangebus.sim.binance.BinanceRestServer.Security.NONE;
import static io.exchangebus.sim.binance.BinanceRestServer.Security.SIGNED;

import java.util.List;
import java.util.Map;

/** USDⓈ-M's REST routes ({@code /fapi}) and WebSocket-API methods beyond the common ones, with their weights. */
final class UsdmEndpoints {

    private UsdmEndpoints() {
    }

    static void rest(UsdmVenue venue, BinanceRestServer rest, BinanceCore core, ListenKeys listenKeys) {
        BinanceOrders orders = core.orders;
        UsdmMargin margin = core.margin;
        rest.add("GET", "/fapi/v1/ping", NONE, p -> 1, false, (p, a) -> BinanceCore.JSON.createObjectNode());
        rest.add("GET", "/fapi/v1/time", NONE, p -> 1, false, (p, a) -> rest.time());
        rest.add("GET", "/fapi/v1/exchangeInfo", NONE, p -> 1, false, (p, a) -> BinanceMarketInfo.exchangeInfo(core, p));
        rest.add("GET", "/fapi/v1/depth", NONE, UsdmEndpoints::depthWeight, false, (p, a) -> rest.depth(p));
        rest.add("GET", "/fapi/v1/aggTrades", NONE, p -> 20, false, (p, a) -> core.trades.aggTrades(p));
        for (String v : List.of("v2", "v3")) {
            boolean v3 = v.equals("v3");
            rest.add("GET", "/fapi/" + v + "/account", SIGNED, p -> venue.accountWeight(), false,
                    (p, a) -> margin.usdmAccount(a, v3));
            rest.add("GET", "/fapi/" + v + "/balance", SIGNED, p -> 5, false, (p, a) -> margin.usdmBalance(a));
            rest.add("GET", "/fapi/" + v + "/positionRisk", SIGNED, p -> 5, false,
                    (p, a) -> margin.positionRisk(a, core.symbolOrAll(p), v3));
        }
        rest.add("GET", "/fapi/v1/openOrders", SIGNED, venue::openOrdersWeight, false,
                (p, a) -> BinanceCore.array(orders.openOrders(a, core.symbolOrAll(p))));
        rest.add("GET", "/fapi/v1/allOrders", SIGNED, p -> 5, false, (p, a) -> BinanceCore.array(orders.allOrders(a, p)));
        rest.add("GET", "/fapi/v1/order", SIGNED, p -> venue.orderStatusWeight(), false, (p, a) -> orders.queryOrder(a, p));
        rest.add("POST", "/fapi/v1/order", SIGNED, p -> 1, true, (p, a) -> orders.place(a, orders.parseNewOrder(a, p)));
        rest.add("PUT", "/fapi/v1/order", SIGNED, p -> 1, true, (p, a) -> orders.modify(a, p));
        rest.add("DELETE", "/fapi/v1/order", SIGNED, p -> 1, false, (p, a) -> orders.cancel(a, p));
        rest.add("DELETE", "/fapi/v1/allOpenOrders", SIGNED, p -> 1, false, (p, a) -> {
            orders.cancelAll(a, core.symbol(p));
            return BinanceCore.JSON.createObjectNode().put("code", 200)
                    .put("msg", "The operation of cancel all open order is done.");
        });
        rest.add("POST", "/fapi/v1/listenKey", API_KEY, p -> 1, false,
                (p, a) -> BinanceCore.JSON.createObjectNode().put("listenKey", listenKeys.obtain(a).value));
        rest.add("PUT", "/fapi/v1/listenKey", API_KEY, p -> 1, false,
                (p, a) -> BinanceCore.JSON.createObjectNode().put("listenKey", listenKeys.keepAlive(a).value));
        rest.add("DELETE", "/fapi/v1/listenKey", API_KEY, p -> 1, false, (p, a) -> {
            listenKeys.close(a);
            return BinanceCore.JSON.createObjectNode();
        });
    }

    private static int depthWeight(Map<String, String> p) {
        int limit = BinanceRestServer.parseLimit(p, 500);
        return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
    }

    static void wsApi(UsdmVenue venue, WsApi api, BinanceCore core, ListenKeys listenKeys) {
        api.unsigned("userDataStream.start", c -> BinanceCore.JSON.createObjectNode()
                .put("listenKey", listenKeys.obtain(keyAccount(core, c.params)).value));
        api.unsigned("userDataStream.ping", c -> BinanceCore.JSON.createObjectNode()
                .put("listenKey", listenKeys.keepAlive(keyAccount(core, c.params)).value));
        api.unsigned("userDataStream.stop", c -> {
            listenKeys.close(keyAccount(core, c.params));
            return BinanceCore.JSON.createObjectNode();
        });
        UsdmMargin margin = core.margin;
        api.signed("order.modify", (c, account) -> core.orders.modify(account, c.params));
        api.signed("account.status", (c, account) -> margin.usdmAccount(account, true));
        api.signed("v2/account.status", (c, account) -> margin.usdmAccount(account, false));
        api.signed("account.balance", (c, account) -> margin.usdmBalance(account));
        api.signed("v2/account.balance", (c, account) -> margin.usdmBalance(account));
        api.signed("account.position", (c, account) ->
                margin.positionRisk(account, core.symbolOrAll(c.params), true));
        api.signed("v2/account.position", (c, account) ->
                margin.positionRisk(account, core.symbolOrAll(c.params), false));
    }

    /** The account of a listenKey request: its API key only (security type USER_STREAM). */
    private static String keyAccount(BinanceCore core, Map<String, String> p) {
        return core.accountOfKey(BinanceCore.req(p, "apiKey")).id();
    }
}
