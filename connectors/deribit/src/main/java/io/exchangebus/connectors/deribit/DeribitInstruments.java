package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentList;
import io.exchangebus.connectors.deribit.config.DeribitEndpoints;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.connectors.deribit.mapping.InstrumentMapping;
import io.exchangebus.events.ErrorKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Every instrument over Deribit's public HTTP JSON-RPC: {@code GET {rest}/public/get_instruments?currency=any}, no
 * account, one request (500 credits), read as text so numbers stay exact ({@link InstrumentMapping}). A JSON-RPC
 * error is classified by {@link DeribitErrors}; an unreadable answer is an error value, never an exception.
 */
final class DeribitInstruments {

    private DeribitInstruments() {
    }

    static CompletableFuture<Result<InstrumentList>> fetch(DeribitEndpoints endpoints, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoints.rest() + "/public/get_instruments"
                        + "?currency=any")).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> failure != null
                        ? Result.<InstrumentList>err(ExchangeError.network(DeribitErrors.EXCHANGE,
                        "public/get_instruments failed: " + failure.getClass().getSimpleName()))
                        : read(response));
    }

    private static Result<InstrumentList> read(HttpResponse<String> response) {
        try {
            java.util.Optional<ExchangeError> refused = DeribitErrors.ofResponse(
                    io.exchangebus.connectors.core.number.ExactNumbers.exactMapper().readTree(response.body()),
                    response.statusCode());
            if (refused.isPresent()) {
                return Result.err(refused.get());
            }
            return Result.ok(InstrumentMapping.fromResponse(response.body()));
        } catch (java.io.IOException | RuntimeException e) {
            return Result.err(new ExchangeError(ErrorKind.UNKNOWN, DeribitErrors.EXCHANGE, null,
                    "public/get_instruments answer unreadable (HTTP " + response.statusCode() + "): "
                            + e.getMessage(), response.statusCode(), response.statusCode() >= 500, null));
        }
    }
}
