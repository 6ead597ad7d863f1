package io.exchangebus.connectors.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentList;
import io.exchangebus.connectors.core.instrument.SkippedInstrument;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.core.role.OrderHistoryQuery;
import io.exchangebus.connectors.core.role.Page;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.connectors.deribit.http.DeribitHttpClient;
import io.exchangebus.connectors.deribit.mapping.AccountMapping;
import io.exchangebus.connectors.deribit.mapping.InstrumentMapping;
import io.exchangebus.connectors.deribit.mapping.OrderMapping;
import io.exchangebus.connectors.deribit.mapping.PositionMapping;
import io.exchangebus.connectors.deribit.mapping.PrivateContext;
import io.exchangebus.connectors.deribit.mapping.UnmappableMessageException;
import io.exchangebus.connectors.deribit.mapping.UserTradeMapping;
import io.exchangebus.connectors.deribit.mapping.UserTradeMapping.UserFill;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * State recovery over Deribit's JSON-RPC over HTTP ({@link DeribitHttpClient}); everything returned is
 * {@code source = RECOVERY}. Deribit answers private calls per currency, so each is made for every currency of the
 * account's list (configured, or, when none is, the currencies the instruments settle in and spot pairs trade) and
 * the answers joined; the first error fails the whole call.
 *
 * <pre>
 *   instruments   public/get_instruments {currency: any} (every kind: inverse and linear perpetuals and futures,
 *                 options with their tick-size steps, spot); combos and unknown values are skipped with their
 *                 reason (InstrumentMapping), see {@link #skippedInstruments()}
 *   account       private/get_account_summary {currency} → one AccountUpdate, one AccountCurrency each
 *   balances      the same summaries → one BalanceUpdate per currency (free: withdrawable)
 *   positions     private/get_positions {currency} → PositionUpdate (flat positions, size 0, left out)
 *   openOrders    private/get_open_orders_by_currency {currency} (no paging on Deribit), filtered to the
 *                 instrument when one is asked for
 *   orderHistory  private/get_order_history_by_currency {currency of the instrument's settlement, count ≤ 1000,
 *                 offset, include_unfilled true, include_old when the range reaches past 2 days}; newest first;
 *                 the cursor is the next offset; orders of other instruments and outside [from, to) by
 *                 creation_timestamp are left out; no next page once a page is short or older than from
 *   userTrades    private/get_user_trades_by_currency {currency, count ≤ 1000, sorting asc, start/end_timestamp}
 * </pre>
 * Requests take the account's credits ({@code DeribitLimits}, 500 each) and wait for them rather than draw a 10028.
 * Thread-safe; closing it closes its HTTP client.
 */
public final class DeribitDataFetcher implements DataFetcher {

    /** Deribit's largest order-history and user-trades page. */
    public static final int MAX_PAGE = 1000;
    /** Deribit hides orders older than this from the history unless {@code include_old} is set. */
    static final Duration RECENT_HISTORY = Duration.ofDays(2);

    private final DeribitHttpClient http;
    private final PrivateContext ctx;
    private final List<String> configuredCurrencies;
    private final Capabilities capabilities;
    private final Clock clock;
    private volatile List<SkippedInstrument> skipped = List.of();
    private volatile Map<String, InstrumentDefinition> bySymbol = Map.of();
    private volatile List<String> currencies;

    /**
     * @param http the account's HTTP client (with its login); owned from now on, closed by {@link #close()}
     * @param account our account name; {@code subAccount} Deribit's sub-account id or null
     * @param currencies the currencies to recover (e.g. BTC, ETH, USDC); empty: the settlement currencies of
     *     the instruments and the currencies of spot pairs
     * @param capabilities what this role may do (POSITIONS and ORDER_HISTORY are used here)
     */
    public DeribitDataFetcher(DeribitHttpClient http, String account, String subAccount, List<String> currencies,
                              Capabilities capabilities, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.ctx = new PrivateContext(account, subAccount, EventSource.RECOVERY);
        this.configuredCurrencies = List.copyOf(currencies);
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.currencies = configuredCurrencies.isEmpty() ? null : configuredCurrencies;
    }

    /** With the capabilities {@link #defaultCapabilities()} and the system clock. */
    public DeribitDataFetcher(DeribitHttpClient http, String account, List<String> currencies) {
        this(http, account, null, currencies, defaultCapabilities(), Clock.systemUTC());
    }

    /** What this fetcher does: positions and order history (the other calls need no capability). */
    public static Capabilities defaultCapabilities() {
        return Capabilities.of(DeribitErrors.EXCHANGE, EnumSet.of(Capability.POSITIONS, Capability.ORDER_HISTORY));
    }

    @Override
    public String exchange() {
        return DeribitErrors.EXCHANGE;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The instruments the last {@link #instruments()} left out, each with its reason (combos, unknown values). */
    public List<SkippedInstrument> skippedInstruments() {
        return skipped;
    }

    @Override
    public CompletableFuture<Result<List<InstrumentDefinition>>> instruments() {
        return http.publicCall("public/get_instruments", Map.of("currency", "any"))
                .thenApply(r -> r.flatMap(result -> mapped("get_instruments", () -> InstrumentMapping.list(result))))
                .thenApply(r -> r.map(this::remember));
    }

    /** Keeps the listed instruments (by symbol, the first of a repeated one) and the skipped ones. */
    private List<InstrumentDefinition> remember(InstrumentList list) {
        Map<String, InstrumentDefinition> found = new LinkedHashMap<>();
        list.instruments().forEach(i -> found.putIfAbsent(i.symbol(), i));
        skipped = list.skipped();
        bySymbol = Map.copyOf(found);
        return List.copyOf(found.values());
    }

    @Override
    public CompletableFuture<Result<AccountUpdate>> account() {
        return summaries().thenApply(r -> r.flatMap(list -> mapped("get_account_summary",
                () -> AccountMapping.account(list, ctx, now()))));
    }

    @Override
    public CompletableFuture<Result<List<BalanceUpdate>>> balances() {
        return summaries().thenApply(r -> r.flatMap(list -> mapped("get_account_summary", () -> {
            Instant received = now();
            return list.stream().map(s -> AccountMapping.balance(s, ctx, received)).toList();
        })));
    }

    @Override
    public CompletableFuture<Result<List<PositionUpdate>>> positions() {
        Optional<ExchangeError> unsupported = capabilities.require(Capability.POSITIONS);
        if (unsupported.isPresent()) {
            return CompletableFuture.completedFuture(Result.err(unsupported.get()));
        }
        return perCurrency(c -> http.privateCall("private/get_positions", Map.of("currency", c))
                .thenApply(r -> r.flatMap(result -> mapped("get_positions",
                        () -> PositionMapping.positions(result, ctx, now()).stream()
                                .map(PositionMapping.Position::update)
                                .filter(p -> p.getQuantity().signum() != 0)
                                .toList()))))
                .thenApply(r -> r.map(DeribitDataFetcher::flat));
    }

    @Override
    public CompletableFuture<Result<List<OrderUpdate>>> openOrders(Optional<InstrumentId> instrument) {
        String wanted = instrument.map(InstrumentId::toString).orElse(null);
        return perCurrency(c -> http.privateCall("private/get_open_orders_by_currency", Map.of("currency", c))
                .thenApply(r -> r.flatMap(result -> mapped("get_open_orders_by_currency",
                        () -> OrderMapping.orders(array(result), ctx, now())))))
                .thenApply(r -> r.map(lists -> flat(lists).stream()
                        .filter(o -> wanted == null || wanted.equals(o.getInstrumentId()))
                        .toList()));
    }

    @Override
    public CompletableFuture<Result<Page<OrderUpdate>>> orderHistory(OrderHistoryQuery query) {
        Optional<ExchangeError> unsupported = capabilities.require(Capability.ORDER_HISTORY);
        if (unsupported.isPresent()) {
            return CompletableFuture.completedFuture(Result.err(unsupported.get()));
        }
        return currencyOf(query.instrument()).thenCompose(c -> {
            if (!c.isOk()) {
                return CompletableFuture.completedFuture(Result.<Page<OrderUpdate>>err(c.error()));
            }
            int count = Math.min(query.limit(), MAX_PAGE);
            long offset;
            try {
                offset = query.cursor() == null ? 0 : Long.parseLong(query.cursor());
            } catch (NumberFormatException e) {
                return CompletableFuture.completedFuture(Result.<Page<OrderUpdate>>err(
                        ExchangeError.invalidOrder(exchange(), "CURSOR", "cursor '" + query.cursor()
                                + "' is not an offset this fetcher gave")));
            }
            Map<String, String> params = new LinkedHashMap<>();
            params.put("currency", c.value());
            params.put("count", Integer.toString(count));
            params.put("offset", Long.toString(offset));
            params.put("include_unfilled", "true");
            if (query.from() == null || query.from().isBefore(now().minus(RECENT_HISTORY))) {
                params.put("include_old", "true");
            }
            return http.privateCall("private/get_order_history_by_currency", params)
                    .thenApply(r -> r.flatMap(result -> mapped("get_order_history_by_currency",
                            () -> historyPage(array(result), query, count, offset))));
        });
    }

    /**
     * Our trades of one currency, oldest first, from {@code from} (inclusive, or Deribit's default range when null)
     * to {@code to} (exclusive, or now), at most {@code count} (≤ 1000) a page. The cursor is the next page's
     * {@code start_timestamp}; the page boundary's trades of that same millisecond are not repeated.
     */
    public CompletableFuture<Result<Page<UserFill>>> userTrades(String currency, Instant from, Instant to, int count,
                                                                 String cursor) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("currency", currency);
        params.put("count", Integer.toString(Math.min(Math.max(count, 1), MAX_PAGE)));
        params.put("sorting", "asc");
        UserTradesCursor at;
        try {
            at = UserTradesCursor.parse(cursor);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Result.err(ExchangeError.invalidOrder(exchange(), "CURSOR",
                    e.getMessage())));
        }
        Instant start = at != null ? Instant.ofEpochMilli(at.millis()) : from;
        if (start != null) {
            params.put("start_timestamp", Long.toString(start.toEpochMilli()));
        }
        if (to != null) {
            params.put("end_timestamp", Long.toString(to.toEpochMilli() - 1));
        }
        return http.privateCall("private/get_user_trades_by_currency", params)
                .thenApply(r -> r.flatMap(result -> mapped("get_user_trades_by_currency", () -> {
                    List<UserFill> fills = UserTradeMapping.fromResult(result).stream()
                            .filter(f -> at == null || !at.seen(f))
                            .toList();
                    boolean more = result.path("has_more").asBoolean(false);
                    return new Page<>(fills, more && !fills.isEmpty() ? UserTradesCursor.after(fills).text() : null);
                })));
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "DeribitDataFetcher[" + ctx.account() + "]";
    }

    // ---- helpers ----

    private Page<OrderUpdate> historyPage(JsonNode items, OrderHistoryQuery query, int count, long offset) {
        String wanted = query.instrument().toString();
        Instant received = now();
        List<OrderUpdate> out = new ArrayList<>();
        boolean olderThanFrom = false;
        for (JsonNode item : items) {
            Instant created = Instant.ofEpochMilli(item.path("creation_timestamp").asLong(0));
            if (query.from() != null && created.isBefore(query.from())) {
                olderThanFrom = true;
                continue;
            }
            if (query.to() != null && !created.isBefore(query.to())) {
                continue;
            }
            OrderUpdate o = OrderMapping.order(item, ctx, received);
            if (wanted.equals(o.getInstrumentId())) {
                out.add(o);
            }
        }
        boolean last = items.size() < count || olderThanFrom;
        return new Page<>(out, last ? null : Long.toString(offset + items.size()));
    }

    /** The currency Deribit files an instrument's orders under: its settlement currency. */
    private CompletableFuture<Result<String>> currencyOf(InstrumentId id) {
        Optional<InstrumentDefinition> known = bySymbolOf(id);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(Result.ok(known.get().settle()));
        }
        return instruments().thenApply(r -> r.flatMap(list -> bySymbolOf(id).map(d -> Result.ok(d.settle()))
                .orElseGet(() -> Result.err(new ExchangeError(ErrorKind.NOT_FOUND, exchange(), "UNKNOWN_INSTRUMENT",
                        "instrument " + id + " is not listed on " + exchange(), 0, false, null)))));
    }

    private Optional<InstrumentDefinition> bySymbolOf(InstrumentId id) {
        return bySymbol.values().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    private CompletableFuture<Result<List<JsonNode>>> summaries() {
        return perCurrency(c -> http.privateCall("private/get_account_summary", Map.of("currency", c)));
    }

    /** {@code call} for every currency, in order; the first error wins. */
    private <T> CompletableFuture<Result<List<T>>> perCurrency(
            Function<String, CompletableFuture<Result<T>>> call) {
        return currencies().thenCompose(cs -> {
            if (!cs.isOk()) {
                return CompletableFuture.completedFuture(Result.<List<T>>err(cs.error()));
            }
            List<CompletableFuture<Result<T>>> calls = cs.value().stream().map(call).toList();
            return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<T> values = new ArrayList<>(calls.size());
                for (CompletableFuture<Result<T>> f : calls) {
                    Result<T> r = f.join();
                    if (!r.isOk()) {
                        return Result.<List<T>>err(r.error());
                    }
                    values.add(r.value());
                }
                return Result.ok(values);
            });
        });
    }

    /**
     * The configured currencies, else those Deribit settles its instruments in and trades spot (the settlement
     * currencies, and the base and quote of spot pairs; not USD, the quote of inverse contracts, which is no account
     * currency), in alphabetical order, from {@link #instruments()} once.
     */
    private CompletableFuture<Result<List<String>>> currencies() {
        List<String> known = currencies;
        if (known != null) {
            return CompletableFuture.completedFuture(Result.ok(known));
        }
        return instruments().thenApply(r -> r.map(list -> {
            java.util.SortedSet<String> found = new java.util.TreeSet<>();
            for (InstrumentDefinition d : list) {
                found.add(d.settle());
                if (d.id().kind() == io.exchangebus.events.InstrumentKind.SPOT) {
                    found.add(d.id().base());
                    found.add(d.id().quote());
                }
            }
            currencies = List.copyOf(found);
            return currencies;
        }));
    }

    private static JsonNode array(JsonNode result) {
        if (result == null || !result.isArray()) {
            throw new UnmappableMessageException("result is not an array");
        }
        return result;
    }

    private static <T> List<T> flat(List<List<T>> lists) {
        List<T> out = new ArrayList<>();
        lists.forEach(out::addAll);
        return List.copyOf(out);
    }

    private <T> Result<T> mapped(String what, Supplier<T> mapping) {
        try {
            return Result.ok(mapping.get());
        } catch (UnmappableMessageException | IllegalArgumentException e) {
            return Result.err(new ExchangeError(ErrorKind.UNKNOWN, exchange(), null,
                    what + " answer could not be mapped: " + e.getMessage(), 0, false, null));
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
