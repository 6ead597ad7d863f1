package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.mapping.InstrumentMapping;
import io.exchangebus.connectors.binance.mapping.UnmappableMessageException;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.events.ErrorKind;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one fetch of {@code exchangeInfo} (spot {@code GET /api/v3/exchangeInfo}, weight 20; USD-M
 * {@code GET /fapi/v1/exchangeInfo}, weight 1) that every role uses to learn the instruments: symbols that cannot
 * be mapped are logged with their reason and left out; an answer that cannot be mapped at all is an error.
 */
final class ExchangeInfo {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeInfo.class);

    private ExchangeInfo() {
    }

    static CompletableFuture<Result<InstrumentMapping.Mapped>> fetch(BinanceRestClient rest, BinanceVenue venue) {
        HttpCall call = HttpCall.get(venue.restPrefix() + "/exchangeInfo")
                .withWeight(venue.rest().exchangeInfoWeight());
        return rest.call(call).thenApply(r -> r.flatMap(body -> {
            try {
                InstrumentMapping.Mapped mapped = InstrumentMapping.fromExchangeInfo(venue, body);
                mapped.skipped().forEach(s -> LOG.warn("{}: instrument {} skipped: {}", venue.exchange(),
                        s.symbol(), s.reason()));
                return Result.ok(mapped);
            } catch (UnmappableMessageException e) {
                return Result.err(new ExchangeError(ErrorKind.UNKNOWN, venue.exchange(), null,
                        "exchangeInfo answer could not be mapped: " + e.getMessage(), 0, false, null));
            }
        }));
    }
}
