package io.exchangebus.connectors.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.ReplaceOrder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What the OMS does differently on each Binance family (replace, cancel-all, the reduce-only exemption), so that
 * {@link BinanceOms} never asks which family it is on. One instance per OMS, chosen once by {@link #of}.
 */
abstract class OmsFamily {

    /** What a family needs of its OMS: the requests out and the answers back to the listener. */
    interface Oms {
        String exchange();

        OmsRequests requests();

        /** Maps an order answer, delivers it, and acknowledges it. */
        OrderAccepted accept(String method, JsonNode order);

        /** Maps an order answer and delivers it; null (reported raw) when it cannot be mapped. */
        OrderUpdate report(String method, JsonNode order);

        CompletableFuture<Result<Optional<OrderUpdate>>> status(String symbol, String clientOrderId);

        void deliver(OrderUpdate update);
    }

    final Oms oms;

    OmsFamily(Oms oms) {
        this.oms = oms;
    }

    static OmsFamily of(BinanceVenue venue, Oms oms) {
        return switch (venue) {
            case SPOT -> new SpotOmsFamily(oms);
            case USDM -> new UsdmOmsFamily(oms);
        };
    }

    /** True when a preflight refusal does not apply to this order on this family (USD-M reduce-only notional). */
    abstract boolean exempt(PlaceOrder order, ExchangeError refusal);

    /** The quantity a replace keeps when it names none. */
    abstract BigDecimal keptQuantity(OrderUpdate current);

    /** @throws IllegalArgumentException naming the rule when the replace cannot be expressed on this family */
    abstract Map<String, Object> replaceParams(OrderUpdate current, ReplaceOrder replace);

    /** Sends a replace whose params {@link #replaceParams} built. */
    abstract CompletableFuture<Result<OrderAccepted>> sendReplace(ReplaceOrder replace, Map<String, Object> params);

    /** Cancels every open order of {@code symbol}, or of every symbol when null; the count canceled. */
    abstract CompletableFuture<Result<Integer>> cancelAll(String symbol);

    /** {@code each} symbol one after the other, summing the counts; the first error stops the chain. */
    static CompletableFuture<Result<Integer>> sequentially(List<String> symbols,
            Function<String, CompletableFuture<Result<Integer>>> each) {
        CompletableFuture<Result<Integer>> chain = done(Result.ok(0));
        for (String s : symbols) {
            chain = chain.thenCompose(sum -> !sum.isOk() ? done(sum)
                    : each.apply(s).thenApply(r -> r.map(n -> n + sum.value())));
        }
        return chain;
    }

    static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
