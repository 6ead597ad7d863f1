package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.mapping.OrderMapping;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.ReplaceOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * USD-M: replace is {@code order.modify} in place (same order id and client order id); cancel-all is REST
 * {@code DELETE /fapi/v1/allOpenOrders} per symbol (the WebSocket API has none), counted from the open orders listed
 * just before. Reduce-only orders are exempt from MIN_NOTIONAL, as on Binance.
 */
final class UsdmOmsFamily extends OmsFamily {

    UsdmOmsFamily(Oms oms) {
        super(oms);
    }

    @Override
    boolean exempt(PlaceOrder order, ExchangeError refusal) {
        return order.getReduceOnly() && "MIN_NOTIONAL".equals(refusal.code());
    }

    @Override
    BigDecimal keptQuantity(OrderUpdate current) {
        return current.getQuantity();
    }

    @Override
    Map<String, Object> replaceParams(OrderUpdate current, ReplaceOrder replace) {
        return OrderMapping.modifyParams(current, replace.getPrice(), replace.getQuantity());
    }

    @Override
    CompletableFuture<Result<OrderAccepted>> sendReplace(ReplaceOrder replace, Map<String, Object> params) {
        return oms.requests().signed("order.modify", () -> params)
                .thenApply(r -> r.map(result -> oms.accept("order.modify", result)));
    }

    @Override
    CompletableFuture<Result<Integer>> cancelAll(String symbol) {
        HttpCall list = HttpCall.get("/fapi/v1/openOrders").withWeight(symbol == null ? 40 : 1).withSigning();
        if (symbol != null) {
            list = list.withParam("symbol", symbol);
        }
        OmsRequests requests = oms.requests();
        return requests.restWithResync(list).thenCompose(open -> {
            if (!open.isOk()) {
                return done(Result.<Integer>err(open.error()));
            }
            Map<String, Integer> perSymbol = new LinkedHashMap<>();
            if (symbol != null) {
                perSymbol.put(symbol, 0);
            }
            open.value().forEach(o -> perSymbol.merge(o.path("symbol").asText(), 1, Integer::sum));
            return sequentially(new ArrayList<>(perSymbol.keySet()), s -> requests.restWithResync(
                    HttpCall.delete("/fapi/v1/allOpenOrders").withParam("symbol", s).withWeight(1).withSigning())
                    .thenApply(r -> r.map(body -> perSymbol.get(s))));
        });
    }
}
