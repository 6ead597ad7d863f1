package io.exchangebus.sim.grvt;

import io.exchangebus.sim.server.JsonRpcReply;
import java.util.List;
import java.util.function.Function;

/**
 * The methods both transports serve, by GRVT's JSON-RPC name ({@code v1/create_order}); over REST each is
 * {@code POST /full/<name>}. A handler answers the REST body ({@code {"result": ..}}, or for {@code v2/bulk_orders}
 * and histories the documented top-level members); the WebSocket's JSON-RPC {@code result} is the body's
 * {@code result} when that is its only member, else the whole body.
 *
 * @param isPrivate needs a login (cookie and account header)
 * @param limited   counted by the rate limiter (order entry and cancels)
 */
record GrvtApi(String name, Function<GrvtCall, JsonRpcReply> handler, boolean isPrivate, boolean limited) {

    static List<GrvtApi> table(GrvtCore core) {
        GrvtQueries q = new GrvtQueries(core);
        return List.of(
                new GrvtApi("v1/all_instruments", q::allInstruments, false, false),
                new GrvtApi("v1/instrument", q::instrument, false, false),
                new GrvtApi("v1/create_order", core.orders()::create, true, true),
                new GrvtApi("v1/cancel_order", core.cancels()::cancel, true, true),
                new GrvtApi("v1/cancel_all_orders", core.cancels()::cancelAll, true, true),
                new GrvtApi("v2/bulk_orders", core.cancels()::bulk, true, true),
                new GrvtApi("v1/open_orders", q::openOrders, true, false),
                new GrvtApi("v1/order_history", q::orderHistory, true, false),
                new GrvtApi("v1/fill_history", q::fillHistory, true, false),
                new GrvtApi("v1/positions", q::positions, true, false),
                new GrvtApi("v1/account_summary", q::accountSummary, true, false));
    }
}
