package io.exchangebus.cli;

import io.exchangebus.avro.json.AvroJson;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderError;
import io.exchangebus.events.OrderUpdate;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Acks and updates as one line each: {@code key=value} words after the record's kind and status, for people and
 * for {@code grep}/{@code awk} ({@code ack ACCEPTED exchange=binance-spot account=main client-order-id=cli-1
 * order-id=42 command=cli-...}); or, with {@code --json}, the record as JSON (decimals as strings). Decimals are
 * printed exactly, without the trailing zeros of the model's scale 18; absent fields are left out.
 */
final class OrderPrinter {
    private final boolean json;

    OrderPrinter(boolean json) {
        this.json = json;
    }

    String ack(OrderAck ack) {
        if (json) {
            return AvroJson.toJson(ack);
        }
        StringBuilder line = new StringBuilder("ack ").append(ack.getStatus());
        word(line, "exchange", ack.getExchange());
        word(line, "account", ack.getAccount());
        word(line, "client-order-id", ack.getClientOrderId());
        word(line, "order-id", ack.getExchangeOrderId());
        word(line, "command", ack.getCommandId());
        OrderError error = ack.getError();
        if (error != null) {
            word(line, "error", error.getKind().name());
            word(line, "code", error.getCode());
            word(line, "message", error.getMessage());
        }
        return line.toString();
    }

    String update(OrderUpdate u) {
        if (json) {
            return AvroJson.toJson(u);
        }
        StringBuilder line = new StringBuilder("update ").append(u.getStatus());
        word(line, "exchange", u.getExchange());
        word(line, "account", u.getAccount());
        word(line, "symbol", u.getSymbol());
        word(line, "side", u.getSide().name());
        word(line, "type", u.getOrderType().name());
        word(line, "time-in-force", u.getTimeInForce() == null ? null : u.getTimeInForce().name());
        word(line, "quantity", decimal(u.getQuantity()));
        word(line, "price", decimal(u.getPrice()));
        word(line, "stop-price", decimal(u.getStopPrice()));
        word(line, "filled", decimal(u.getFilledQuantity()));
        word(line, "average-price", decimal(u.getAveragePrice()));
        word(line, "order-id", u.getExchangeOrderId());
        word(line, "client-order-id", u.getClientOrderId());
        word(line, "reason", u.getReason());
        Instant at = u.getExchangeTime() != null ? u.getExchangeTime() : u.getReceiveTime();
        word(line, "time", at == null ? null : at.toString());
        return line.toString();
    }

    /** A decimal without the trailing zeros of scale 18, never in exponent form; null stays null. */
    static String decimal(BigDecimal value) {
        if (value == null) {
            return null;
        }
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** {@code " name=value"}, the value quoted when it holds a space or a quote; nothing for a null value. */
    private static void word(StringBuilder line, String name, String value) {
        if (value == null) {
            return;
        }
        line.append(' ').append(name).append('=');
        if (value.isEmpty() || value.chars().anyMatch(c -> c == ' ' || c == '"' || c == '\t')) {
            line.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else {
            line.append(value);
        }
    }
}
