package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.core.role.OrderHistoryQuery;
import io.exchangebus.connectors.core.role.Page;
import io.exchangebus.connectors.grvt.http.GrvtRestClient;
import io.exchangebus.connectors.grvt.mapping.AccountMapping;
import io.exchangebus.connectors.grvt.mapping.InstrumentMapping;
import io.exchangebus.connectors.grvt.mapping.OrderMapping;
import io.exchangebus.connectors.grvt.mapping.PrivateContext;
import io.exchangebus.connectors.grvt.mapping.UserFill;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionUpdate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * State recovery of one GRVT trading sub-account over REST (grvt.md §11), everything marked {@code RECOVERY}:
 * {@code all_instruments} (public), {@code account_summary} (account and balances), {@code positions},
 * {@code open_orders} (unpaged) and, paged newest first by GRVT's opaque {@code cursor}/{@code next},
 * {@code order_history} and {@code fill_history} (limit at most 1000, times as ns strings). GRVT filters histories by
 * kind, base and quote only, so a page is cut to the query's instrument here, and a page may hold fewer items than
 * asked while {@code next} says there are more. Thread-safe; closes its REST client.
 */
public final class GrvtDataFetcher implements DataFetcher {

    /** GRVT's largest history page. */
    public static final int MAX_PAGE = 1000;

    private final GrvtRestClient rest;
    private final String account;
    private final String subAccount;
    private final InstrumentRegistry instruments;
    private final Clock clock;

    /**
     * @param account    our name of the account, in the events
     * @param subAccount the trading sub-account id (decimal)
     */
    public GrvtDataFetcher(GrvtRestClient rest, String account, String subAccount, InstrumentRegistry instruments,
                           Clock clock) {
        this.rest = Objects.requireNonNull(rest, "rest");
        this.account = Objects.requireNonNull(account, "account");
        this.subAccount = Objects.requireNonNull(subAccount, "subAccount");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String exchange() {
        return GrvtVenue.EXCHANGE;
    }

    @Override
    public Capabilities capabilities() {
        return GrvtCapabilities.dataFetcher();
    }

    /** Every instrument GRVT lists (those that cannot be mapped are left out); fills the registry when empty. */
    @Override
    public CompletableFuture<Result<List<InstrumentDefinition>>> instruments() {
        return rest.publicRead("v1/all_instruments", GrvtRestClient.body()).thenApply(r -> r.flatMap(body ->
                InstrumentMapping.instruments(body.toString()).map(InstrumentMapping.Instruments::definitions)))
                .thenApply(r -> {
                    if (r.isOk() && instruments.all().isEmpty()) {
                        instruments.replaceAll(r.value());
                    }
                    return r;
                });
    }

    @Override
    public CompletableFuture<Result<AccountUpdate>> account() {
        return summary().thenApply(r -> r.flatMap(result ->
                AccountMapping.accountSummary(result, false, context(), clock.instant())));
    }

    /** The sub-account's balances from its {@code account_summary}, each with the sub-account id. */
    @Override
    public CompletableFuture<Result<List<BalanceUpdate>>> balances() {
        return summary().thenApply(r -> r.flatMap(result ->
                AccountMapping.balances(result, false, context(), subAccount, clock.instant())));
    }

    @Override
    public CompletableFuture<Result<List<PositionUpdate>>> positions() {
        return rest.read("v1/positions", subAccountBody()).thenApply(r -> r.flatMap(body ->
                each(body.path("result"), item -> AccountMapping.position(item, false, context(), clock.instant()))));
    }

    @Override
    public CompletableFuture<Result<List<OrderUpdate>>> openOrders(Optional<InstrumentId> instrument) {
        Optional<String> id = instrument.map(InstrumentId::toString);
        return rest.read("v1/open_orders", subAccountBody()).thenApply(r -> r.flatMap(body ->
                each(body.path("result"), item -> OrderMapping.order(item, false, context(), clock.instant()))))
                .thenApply(r -> r.map(orders -> orders.stream()
                        .filter(o -> id.isEmpty() || id.get().equals(o.getInstrumentId())).toList()));
    }

    @Override
    public CompletableFuture<Result<Page<OrderUpdate>>> orderHistory(OrderHistoryQuery query) {
        String id = query.instrument().toString();
        return page("v1/order_history", query.from(), query.to(), query.limit(), query.cursor(),
                item -> OrderMapping.order(item, false, context(), clock.instant()))
                .thenApply(r -> r.map(p -> new Page<>(p.items().stream()
                        .filter(o -> id.equals(o.getInstrumentId())).toList(), p.nextCursor())));
    }

    /** One page of the sub-account's fills, newest first; {@code instrument} empty: every instrument. */
    public CompletableFuture<Result<Page<UserFill>>> fillHistory(Optional<InstrumentId> instrument, Instant from,
                                                                 Instant to, int limit, String cursor) {
        Optional<String> id = instrument.map(InstrumentId::toString);
        return page("v1/fill_history", from, to, limit, cursor, item -> AccountMapping.fill(item, false))
                .thenApply(r -> r.map(p -> new Page<>(p.items().stream()
                        .filter(f -> id.isEmpty() || id.get().equals(f.instrumentId())).toList(), p.nextCursor())));
    }

    @Override
    public void close() {
        rest.close();
    }

    @Override
    public String toString() {
        return "GrvtDataFetcher[" + account + ", sub-account " + subAccount + "]";
    }

    // ---- helpers ----

    private CompletableFuture<Result<JsonNode>> summary() {
        return rest.read("v1/account_summary", subAccountBody()).thenApply(r -> r.flatMap(body ->
                body.has("result") ? Result.ok(body.get("result")) : Result.err(malformed("account_summary"))));
    }

    private <T> CompletableFuture<Result<Page<T>>> page(String method, Instant from, Instant to, int limit,
                                                        String cursor, Function<JsonNode, Result<T>> map) {
        ObjectNode body = subAccountBody().put("limit", Math.min(Math.max(limit, 1), MAX_PAGE));
        if (cursor != null && !cursor.isEmpty()) {
            body.put("cursor", cursor);
        }
        if (from != null) {
            body.put("start_time", nanos(from));
        }
        if (to != null) {
            body.put("end_time", nanos(to));
        }
        return rest.read(method, body).thenApply(r -> r.flatMap(answer -> each(answer.path("result"), map)
                .map(items -> new Page<>(items, answer.path("next").asText("").isEmpty() ? null
                        : answer.path("next").asText()))));
    }

    private static <T> Result<List<T>> each(JsonNode array, Function<JsonNode, Result<T>> map) {
        if (!array.isArray()) {
            return Result.err(malformed("result is not a list"));
        }
        List<T> out = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            Result<T> mapped = map.apply(item);
            if (!mapped.isOk()) {
                return Result.err(mapped.error());
            }
            out.add(mapped.value());
        }
        return Result.ok(out);
    }

    private ObjectNode subAccountBody() {
        return GrvtRestClient.body().put("sub_account_id", subAccount);
    }

    private PrivateContext context() {
        return new PrivateContext(account, EventSource.RECOVERY);
    }

    private static String nanos(Instant t) {
        return java.math.BigInteger.valueOf(t.getEpochSecond()).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                .add(java.math.BigInteger.valueOf(t.getNano())).toString();
    }

    private static ExchangeError malformed(String what) {
        return new ExchangeError(ErrorKind.UNKNOWN, GrvtVenue.EXCHANGE, "MALFORMED", what, 0, false, null);
    }
}
