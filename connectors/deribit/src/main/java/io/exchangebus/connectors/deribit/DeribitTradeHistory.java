package io.exchangebus.connectors.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.connectors.deribit.http.DeribitHttpClient;
import io.exchangebus.connectors.deribit.mapping.MarketMapping;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.Trade;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An instrument's public trades after a {@code trade_seq}, for filling a gap the stream left:
 * {@code public/get_last_trades_by_instrument {instrument_name, start_seq, count, sorting: asc}} over HTTP (numbers
 * read exactly), answered {@code {trades: […], has_more}}; each trade mapped as the {@code trades.*} channel's are
 * ({@link MarketMapping#trade}), so ids and sequences match the stream's. At most {@value #MAX_COUNT} a call.
 */
final class DeribitTradeHistory {

    /** Deribit's largest {@code count}. */
    static final int MAX_COUNT = 1000;
    static final String METHOD = "public/get_last_trades_by_instrument";

    private final DeribitHttpClient http;
    private final Clock clock;

    DeribitTradeHistory(DeribitHttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * @param symbol     Deribit's instrument name
     * @param lastSeqText the last {@code trade_seq} had, in decimal
     */
    CompletableFuture<Result<List<Trade>>> after(String symbol, String lastSeqText, int limit) {
        long last;
        try {
            last = Long.parseLong(lastSeqText);
        } catch (NumberFormatException | NullPointerException e) {
            return invalid("lastTradeId '" + lastSeqText + "' is not a Deribit trade_seq");
        }
        if (limit < 1) {
            return invalid("limit must be at least 1, was " + limit);
        }
        Map<String, String> params = Map.of("instrument_name", symbol, "start_seq", Long.toString(last + 1),
                "count", Integer.toString(Math.min(limit, MAX_COUNT)), "sorting", "asc");
        return http.publicCall(METHOD, params).thenApply(r -> r.flatMap(result -> read(symbol, last, result)));
    }

    private Result<List<Trade>> read(String symbol, long last, JsonNode result) {
        try {
            JsonNode trades = result.get("trades");
            if (trades == null || !trades.isArray()) {
                throw new IllegalArgumentException("result.trades is not an array");
            }
            return Result.ok(MarketMapping.trades(trades, clock.instant()).stream()
                    .filter(t -> t.getTradeSequence() != null && t.getTradeSequence() > last).toList());
        } catch (RuntimeException e) {
            return Result.err(new ExchangeError(ErrorKind.UNKNOWN, DeribitErrors.EXCHANGE, null,
                    METHOD + " answer for " + symbol + " unreadable: " + e.getMessage(), 0, false, null));
        }
    }

    private static ExchangeError invalidError(String message) {
        return new ExchangeError(ErrorKind.INVALID_ORDER, DeribitErrors.EXCHANGE, "INVALID_ARGUMENT", message, 0,
                false, null);
    }

    private static CompletableFuture<Result<List<Trade>>> invalid(String message) {
        return done(Result.err(invalidError(message)));
    }

    private static <T> CompletableFuture<Result<T>> done(Result<T> result) {
        return CompletableFuture.completedFuture(result);
    }
}
