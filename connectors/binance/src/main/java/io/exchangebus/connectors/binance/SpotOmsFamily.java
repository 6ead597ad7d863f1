package io.exchangebus.connectors.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.mapping.OrderMapping;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.ReplaceOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Spot: replace is {@code order.cancelReplace} ({@code STOP_ON_FAILURE}) to a new client order id, keeping the old
 * order's unfilled quantity; cancel-all is {@code openOrders.cancelAll} per symbol, counting the orders answered.
 */
final class SpotOmsFamily extends OmsFamily {

    SpotOmsFamily(Oms oms) {
        super(oms);
    }

    @Override
    boolean exempt(PlaceOrder order, ExchangeError refusal) {
        return false;
    }

    @Override
    BigDecimal keptQuantity(OrderUpdate current) {
        return current.getQuantity().subtract(current.getFilledQuantity());
    }

    @Override
    Map<String, Object> replaceParams(OrderUpdate current, ReplaceOrder replace) {
        return OrderMapping.cancelReplaceParams(current, replace.getNewClientOrderId(), replace.getPrice(),
                replace.getQuantity());
    }

    @Override
    CompletableFuture<Result<OrderAccepted>> sendReplace(ReplaceOrder replace, Map<String, Object> params) {
        return oms.requests().signed("order.cancelReplace", () -> params).thenCompose(r -> {
            if (r.isOk()) {
                JsonNode result = r.value();
                if (result.hasNonNull("cancelResponse")) {
                    oms.report("order.cancelReplace", result.get("cancelResponse"));
                }
                return done(Result.ok(oms.accept("order.cancelReplace", result.path("newOrderResponse"))));
            }
            Result<OrderAccepted> failed = Result.err(r.error());
            if ("-2021".equals(r.error().code())) {
                // partially failed: with STOP_ON_FAILURE the cancel succeeded and the new order did not;
                // report the old order's state as the exchange has it now
                return oms.status(replace.getSymbol(), replace.getClientOrderId()).thenApply(s -> {
                    s.ifOk(o -> o.ifPresent(oms::deliver));
                    return failed;
                });
            }
            return done(failed);
        });
    }

    @Override
    CompletableFuture<Result<Integer>> cancelAll(String symbol) {
        if (symbol != null) {
            return cancelAllOn(symbol);
        }
        return oms.requests().signed("openOrders.status", Map::of).thenCompose(open -> {
            if (!open.isOk()) {
                return done(Result.<Integer>err(open.error()));
            }
            Set<String> symbols = new LinkedHashSet<>();
            open.value().forEach(o -> symbols.add(o.path("symbol").asText()));
            return sequentially(new ArrayList<>(symbols), this::cancelAllOn);
        });
    }

    private CompletableFuture<Result<Integer>> cancelAllOn(String symbol) {
        return oms.requests().signed("openOrders.cancelAll", () -> Map.of("symbol", symbol)).thenApply(r -> {
            if (!r.isOk()) {
                // -2011 "Unknown order sent.": nothing was open
                return r.error().kind() == ErrorKind.NOT_FOUND ? Result.ok(0) : Result.<Integer>err(r.error());
            }
            int count = 0;
            for (JsonNode item : r.value()) {
                if (item.has("orderReports")) {
                    for (JsonNode report : item.get("orderReports")) {
                        oms.report("openOrders.cancelAll", report);
                        count++;
                    }
                } else {
                    oms.report("openOrders.cancelAll", item);
                    count++;
                }
            }
            return Result.ok(count);
        });
    }
}
