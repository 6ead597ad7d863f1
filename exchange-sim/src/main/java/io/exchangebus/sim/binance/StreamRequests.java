package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;

/**
 * Live requests on a market-stream (or listenKey) connection: SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS,
 * SET_PROPERTY and GET_PROPERTY, with the documented error bodies.
 */
final class StreamRequests {

    private final BinanceWsServer ws;
    private final int streamLimit;

    StreamRequests(BinanceWsServer ws, int streamLimit) {
        this.ws = ws;
        this.streamLimit = streamLimit;
    }

    void onRequest(WebSocket conn, WsConn c, String text) {
        JsonNode msg;
        try {
            msg = BinanceCore.JSON.readTree(text);
        } catch (Exception e) {
            ws.answer(conn, "{\"code\":3,\"msg\":\"Invalid JSON: expected value at line 1 column 1\",\"id\":null}");
            return;
        }
        JsonNode id = msg.get("id");
        if (id == null || !(id.isIntegralNumber() || id.isTextual() || id.isNull())) {
            ws.answer(conn, error(2, "Invalid request: request ID must be an unsigned integer", id));
            return;
        }
        String method = msg.path("method").asText("");
        switch (method) {
            case "SUBSCRIBE", "UNSUBSCRIBE" -> subscribe(conn, c, msg, id, method.equals("SUBSCRIBE"));
            case "LIST_SUBSCRIPTIONS" -> {
                ArrayNode list = BinanceCore.JSON.createArrayNode();
                c.streamList().forEach(list::add);
                ws.answer(conn, result(list, id));
            }
            case "SET_PROPERTY" -> setProperty(conn, c, msg.path("params"), id);
            case "GET_PROPERTY" -> {
                if (!msg.path("params").path(0).asText().equals("combined")) {
                    ws.answer(conn, error(0, "Unknown property", id));
                } else {
                    ws.answer(conn, result(BinanceCore.JSON.getNodeFactory().booleanNode(c.combined), id));
                }
            }
            default -> ws.answer(conn, error(2, "Invalid request: unknown variant `" + method + "`, expected one of "
                    + "`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`", id));
        }
    }

    private void subscribe(WebSocket conn, WsConn c, JsonNode msg, JsonNode id, boolean add) {
        JsonNode params = msg.get("params");
        if (params == null || !params.isArray()) {
            ws.answer(conn, error(2, "Invalid request: missing field `params`", id));
            return;
        }
        synchronized (c) {
            for (JsonNode p : params) {
                if (add) {
                    c.streams.add(p.asText());
                } else {
                    c.streams.remove(p.asText());
                    c.partial.remove(p.asText());
                }
            }
            if (c.streams.size() > streamLimit) {
                conn.close(CloseFrame.POLICY_VALIDATION, "Too many streams: the limit is " + streamLimit);
                return;
            }
        }
        ws.answer(conn, result(NullNode.getInstance(), id));
    }

    private void setProperty(WebSocket conn, WsConn c, JsonNode params, JsonNode id) {
        if (!params.path(0).asText().equals("combined")) {
            ws.answer(conn, error(0, "Unknown property", id));
        } else if (!params.path(1).isBoolean()) {
            ws.answer(conn, error(1, "Invalid value type: expected Boolean", id));
        } else {
            c.combined = params.path(1).asBoolean();
            ws.answer(conn, result(NullNode.getInstance(), id));
        }
    }

    private static String result(JsonNode result, JsonNode id) {
        ObjectNode o = BinanceCore.JSON.createObjectNode();
        o.set("result", result);
        o.set("id", id == null ? NullNode.getInstance() : id);
        return o.toString();
    }

    private static String error(int code, String msg, JsonNode id) {
        ObjectNode o = BinanceCore.JSON.createObjectNode().put("code", code).put("msg", msg);
        o.set("id", id == null ? NullNode.getInstance() : id);
        return o.toString();
    }
}
