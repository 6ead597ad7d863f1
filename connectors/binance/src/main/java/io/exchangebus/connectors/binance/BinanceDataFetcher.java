package io.exchangebus.connectors.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.mapping.BinanceFormat;
import io.exchangebus.connectors.binance.mapping.AccountMapping;
import io.exchangebus.connectors.binance.mapping.InstrumentMapping;
import io.exchangebus.connectors.binance.mapping.MappingContext;
import io.exchangebus.connectors.binance.mapping.OrderMapping;
import io.exchangebus.connectors.binance.mapping.UnmappableMessageException;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.core.role.OrderHistoryQuery;
import io.exchangebus.connectors.core.role.Page;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionUpdate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State recovery over Binance's REST API, spot ({@code /api/v3}) and USD-M ({@code /fapi}); everything returned is
 * {@code source = RECOVERY}. Signed calls carry {@code timestamp}/{@code recvWindow} by the server clock (synced
 * before the first signed call; a {@code -1021} resyncs it and retries that call once) and the signature over the
 * percent-encoded query string ({@link io.exchangebus.connectors.binance.auth.BinanceRequestSigner}).
 *
 * <p>Endpoints and request weights (spot rest-api.md; USD-M "USDⓈ-M Futures" REST docs):
 * <pre>
 *                    spot                                   USD-M
 *   instruments      GET /api/v3/exchangeInfo        20     GET /fapi/v1/exchangeInfo        1
 *   account          GET /api/v3/account             20     GET /fapi/v2/account             5
 *   balances         GET /api/v3/account             20     GET /fapi/v2/balance             5
 *   positions        (none: no POSITIONS capability)        GET /fapi/v2/positionRisk        5
 *   openOrders       GET /api/v3/openOrders   6 (80 all)     GET /fapi/v1/openOrders   1 (40 all)
 *   orderHistory     GET /api/v3/allOrders           20     GET /fapi/v1/allOrders           5
 * </pre>
 * Order history is paged by order id: a page asks {@code orderId=<cursor>} (orders with an id at or above it,
 * ascending), {@code limit} at most 1000; the next cursor is the page's highest order id plus one, and there is no
 * next page once a page is short or passes {@code to}. The first page starts at {@code startTime=from}, or at
 * order id 1 when there is no {@code from} (so the whole history is walked, never only "the most recent" orders).
 * Orders outside [from, to) by their creation {@code time} are left out.
 */
public final class BinanceDataFetcher implements DataFetcher {

    /** Binance's largest allOrders page. */
    public static final int MAX_HISTORY_PAGE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(BinanceDataFetcher.class);

    private final BinanceConfig config;
    private final BinanceVenue venue;
    private final BinanceRestClient rest;
    private final InstrumentRegistry instruments;
    private final MappingContext ctx;
    private final Capabilities capabilities;
    private final Clock clock = Clock.systemUTC();
    private volatile CompletableFuture<Result<Void>> synced;
    private volatile List<InstrumentMapping.Skipped> skipped = List.of();

    public BinanceDataFetcher(BinanceConfig config) {
        this(config, new InstrumentRegistry(config.exchange()));
    }

    /** With the registry to fill with the instruments it fetches (and to map symbols with). */
    public BinanceDataFetcher(BinanceConfig config, InstrumentRegistry instruments) {
        this.config = config;
        this.venue = config.venue();
        this.rest = new BinanceRestClient(config);
        this.instruments = instruments;
        this.ctx = new MappingContext(config.exchange(), config.requireSigner().account(), instruments,
                EventSource.RECOVERY);
        this.capabilities = BinanceCapabilities.dataFetcher(venue);
    }

    @Override
    public String exchange() {
        return config.exchange();
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    BinanceRestClient rest() {
        return rest;
    }

    /** The symbols the last {@link #instruments()} left out, each with its reason. */
    public List<InstrumentMapping.Skipped> skippedInstruments() {
        return skipped;
    }

    @Override
    public CompletableFuture<Result<List<InstrumentDefinition>>> instruments() {
        return ExchangeInfo.fetch(rest, venue).thenApply(r -> r.map(mapped -> {
            skipped = mapped.skipped();
            instruments.replaceAll(mapped.instruments());
            return mapped.instruments();
        }));
    }

    @Override
    public CompletableFuture<Result<AccountUpdate>> account() {
        HttpCall call = HttpCall.get(venue.rest().accountPath()).withWeight(venue.rest().accountWeight());
        return signed(call).thenApply(r -> r.flatMap(body -> mapped("account",
                () -> BinanceFormat.of(venue).account(ctx, body, now()))));
    }

    @Override
    public CompletableFuture<Result<List<BalanceUpdate>>> balances() {
        HttpCall call = HttpCall.get(venue.rest().balancePath()).withWeight(venue.rest().balanceWeight());
        return signed(call).thenApply(r -> r.flatMap(body -> mapped("balances",
                () -> BinanceFormat.of(venue).balances(ctx, body, now()))));
    }

    @Override
    public CompletableFuture<Result<List<PositionUpdate>>> positions() {
        Optional<ExchangeError> unsupported = capabilities.require(Capability.POSITIONS);
        if (unsupported.isPresent()) {
            return CompletableFuture.completedFuture(Result.err(unsupported.get()));
        }
        return withInstruments(() -> signed(HttpCall.get("/fapi/v2/positionRisk").withWeight(5))
                .thenApply(r -> r.flatMap(body -> mapped("positionRisk",
                        () -> AccountMapping.positions(ctx, body, now())))));
    }

    @Override
    public CompletableFuture<Result<List<OrderUpdate>>> openOrders(Optional<InstrumentId> instrument) {
        return withInstruments(() -> {
            HttpCall call = HttpCall.get(venue.restPrefix() + "/openOrders");
            if (instrument.isPresent()) {
                Optional<InstrumentDefinition> def = instruments.byId(instrument.get());
                if (def.isEmpty()) {
                    return CompletableFuture.completedFuture(Result.err(unknown(instrument.get())));
                }
                call = call.withParam("symbol", def.get().symbol()).withWeight(venue.rest().openOrdersSymbolWeight());
            } else {
                call = call.withWeight(venue.rest().openOrdersWeight());
            }
            return signed(call).thenApply(r -> r.flatMap(body -> mapped("openOrders", () -> orders(body))));
        });
    }

    @Override
    public CompletableFuture<Result<Page<OrderUpdate>>> orderHistory(OrderHistoryQuery query) {
        Optional<ExchangeError> unsupported = capabilities.require(Capability.ORDER_HISTORY);
        if (unsupported.isPresent()) {
            return CompletableFuture.completedFuture(Result.err(unsupported.get()));
        }
        return withInstruments(() -> {
            Optional<InstrumentDefinition> def = instruments.byId(query.instrument());
            if (def.isEmpty()) {
                return CompletableFuture.completedFuture(Result.<Page<OrderUpdate>>err(unknown(query.instrument())));
            }
            int limit = Math.min(query.limit(), MAX_HISTORY_PAGE);
            HttpCall call = HttpCall.get(venue.restPrefix() + "/allOrders").withWeight(venue.rest().allOrdersWeight())
                    .withParam("symbol", def.get().symbol());
            if (query.cursor() != null) {
                call = call.withParam("orderId", query.cursor());
            } else if (query.from() != null) {
                call = call.withParam("startTime", Long.toString(query.from().toEpochMilli()));
            } else {
                call = call.withParam("orderId", "1");
            }
            call = call.withParam("limit", Integer.toString(limit));
            return signed(call).thenApply(r -> r.flatMap(body -> mapped("allOrders",
                    () -> page(body, limit, query.from(), query.to()))));
        });
    }

    Page<OrderUpdate> page(JsonNode body, int limit, Instant from, Instant to) {
        if (!body.isArray()) {
            throw new UnmappableMessageException("allOrders answer is not an array");
        }
        List<OrderUpdate> items = new ArrayList<>();
        long highest = -1;
        boolean passedTo = false;
        for (JsonNode o : body) {
            long id = o.path("orderId").asLong(-1);
            highest = Math.max(highest, id);
            long time = o.path("time").asLong(0);
            if (to != null && time >= to.toEpochMilli()) {
                passedTo = true;
                continue;
            }
            if (from != null && time < from.toEpochMilli()) {
                continue;
            }
            items.add(OrderMapping.toUpdate(ctx, o, now()));
        }
        String next = body.size() >= limit && !passedTo && highest >= 0 ? Long.toString(highest + 1) : null;
        return new Page<>(items, next);
    }

    private List<OrderUpdate> orders(JsonNode body) {
        if (!body.isArray()) {
            throw new UnmappableMessageException("order list answer is not an array");
        }
        List<OrderUpdate> out = new ArrayList<>();
        for (JsonNode o : body) {
            out.add(OrderMapping.toUpdate(ctx, o, now()));
        }
        return out;
    }

    /** Runs {@code then} once the registry has instruments (fetching them first if it has none). */
    private <T> CompletableFuture<Result<T>> withInstruments(
            java.util.function.Supplier<CompletableFuture<Result<T>>> then) {
        if (instruments.size() > 0) {
            return then.get();
        }
        return instruments().thenCompose(r -> r.isOk() ? then.get()
                : CompletableFuture.completedFuture(Result.<T>err(r.error())));
    }

    /** A signed call, after the first clock sync; a -1021 resyncs the clock and retries the call once. */
    private CompletableFuture<Result<JsonNode>> signed(HttpCall unsigned) {
        HttpCall call = unsigned.withSigning();
        return clockSynced().thenCompose(s -> {
            if (!s.isOk()) {
                return CompletableFuture.completedFuture(Result.<JsonNode>err(s.error()));
            }
            return rest.call(call).thenCompose(r -> {
                if (r.isOk() || !"-1021".equals(r.error().code())) {
                    return CompletableFuture.completedFuture(r);
                }
                LOG.warn("{}: {} refused with -1021; resyncing the clock and retrying once", exchange(), call);
                return rest.clock().sync(3).thenCompose(again -> rest.call(call));
            });
        });
    }

    private CompletableFuture<Result<Void>> clockSynced() {
        CompletableFuture<Result<Void>> current = synced;
        if (current == null || current.isDone() && !current.join().isOk()) {
            synchronized (this) {
                current = synced;
                if (current == null || current.isDone() && !current.join().isOk()) {
                    current = rest.clock().sync(3)
                            .thenApply(r -> r.isOk() ? Result.<Void>ok() : Result.<Void>err(r.error()));
                    synced = current;
                }
            }
        }
        return current;
    }

    private <T> Result<T> mapped(String what, java.util.function.Supplier<T> mapping) {
        try {
            return Result.ok(mapping.get());
        } catch (UnmappableMessageException | IllegalArgumentException e) {
            return Result.err(new ExchangeError(ErrorKind.UNKNOWN, exchange(), null,
                    what + " answer could not be mapped: " + e.getMessage(), 0, false, null));
        }
    }

    private ExchangeError unknown(InstrumentId id) {
        return new ExchangeError(ErrorKind.NOT_FOUND, exchange(), "UNKNOWN_INSTRUMENT",
                "instrument " + id + " is not listed on " + exchange(), 0, false, null);
    }

    private Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        rest.close();
    }
}
