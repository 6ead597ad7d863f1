package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Spot cancel-replace with its documented partial-failure bodies (-2021 status 409, -2022 status 400). */
final class CancelReplace {

    private CancelReplace() {
    }

    static ObjectNode run(BinanceCore core, String account, Map<String, String> p) {
        String mode = BinanceCore.req(p, "cancelReplaceMode");
        if (!mode.equals("STOP_ON_FAILURE") && !mode.equals("ALLOW_FAILURE")) {
            throw new BinanceException(400, -1100, "Illegal characters found in parameter 'cancelReplaceMode'.");
        }
        BinanceSymbol s = core.symbol(p);
        // The new order may take the client id of the order it replaces.
        BinanceCore.NewOrder order = core.orders.parser.parse(account, new LinkedHashMap<>(p), false);
        ObjectNode data = BinanceCore.JSON.createObjectNode();
        ObjectNode cancelResponse = cancel(core, account, s, p);
        boolean cancelOk = cancelResponse.get("code") == null;
        data.put("cancelResult", cancelOk ? "SUCCESS" : "FAILURE");
        if (!cancelOk && mode.equals("STOP_ON_FAILURE")) {
            data.put("newOrderResult", "NOT_ATTEMPTED");
            data.set("cancelResponse", cancelResponse);
            data.putNull("newOrderResponse");
            throw new BinanceException(400, -2022, "Order cancel-replace failed.", data, -1);
        }
        ObjectNode newResponse;
        boolean newOk;
        try {
            newResponse = core.orders.place(account, order);
            newOk = true;
        } catch (BinanceException e) {
            newResponse = failure(e);
            newOk = false;
        }
        data.put("newOrderResult", newOk ? "SUCCESS" : "FAILURE");
        data.set("cancelResponse", cancelResponse);
        data.set("newOrderResponse", newResponse);
        if (cancelOk && newOk) {
            return data;
        }
        if (cancelOk || newOk) {
            throw new BinanceException(409, -2021, "Order cancel-replace partially failed.", data, -1);
        }
        throw new BinanceException(400, -2022, "Order cancel-replace failed.", data, -1);
    }

    /** The cancel's response, or its failure as {@code {code, msg}}; a missing order id is the whole request's error. */
    private static ObjectNode cancel(BinanceCore core, String account, BinanceSymbol s, Map<String, String> p) {
        try {
            long id = core.orders.resolve(account, s, p, "cancelOrderId", "cancelOrigClientOrderId",
                    BinanceOrders.unknownOrder());
            String cancelCid = p.get("cancelNewClientOrderId");
            return core.orders.cancelById(account, s, id, cancelCid == null ? BinanceCore.newClientId() : cancelCid);
        } catch (BinanceException e) {
            if (e.code == -1102) {
                throw e;
            }
            return failure(e);
        }
    }

    private static ObjectNode failure(BinanceException e) {
        return BinanceCore.JSON.createObjectNode().put("code", e.code).put("msg", e.getMessage());
    }
}
