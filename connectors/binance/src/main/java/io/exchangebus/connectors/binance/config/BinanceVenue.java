package io.exchangebus.connectors.binance.config;

import io.exchangebus.connectors.core.book.ContiguousRangeRule;
import io.exchangebus.connectors.core.book.PreviousIdLinkRule;
import io.exchangebus.connectors.core.book.SequenceRule;
import io.exchangebus.connectors.core.limit.OrderRateLimits;
import io.exchangebus.connectors.core.role.Capability;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Collections;
import java.util.Set;

/**
 * Binance's two endpoint families behind the same four roles. Everything that differs between them and is not a
 * message format lives here (formats differ in {@code mapping}); nothing else branches on a boolean "is futures".
 *
 * <p>Limits are Binance's documented defaults (spot: web-socket-streams.md, rest-api.md; USD-M: "Websocket Market
 * Streams" and "General Info"); the exchange's {@code exchangeInfo.rateLimits} is the authority at run time.
 */
public enum BinanceVenue {
    /** Spot: {@code /api/v3}, WebSocket API v3, user data over the WebSocket API. */
    SPOT("binance-spot", "/api/v3", 1024, 6000, ContiguousRangeRule.INSTANCE,
            new Rest("/api/v3/historicalTrades", 25, 50, 20, "/api/v3/account", 20, Map.of("omitZeroBalances", "true"),
                    "/api/v3/account", 20, 6, 80, 20),
            new OrderTypes("LIMIT_MAKER", null, "STOP_LOSS_LIMIT", "STOP_LOSS"), "@trade",
            Duration.ofMillis(300), EnumSet.noneOf(Capability.class), EnumSet.noneOf(Capability.class),
            UserDataTransport.WS_API_SUBSCRIPTION) {
        @Override
        public List<OrderRateLimits.Limit> orderRateLimits() {
            return List.of(new OrderRateLimits.Limit(100, Duration.ofSeconds(10)),
                    new OrderRateLimits.Limit(200_000, Duration.ofDays(1)));
        }
    },
    /** USD-M futures: {@code /fapi/v1}, WebSocket API {@code ws-fapi} v1, user data with a listenKey. */
    USDM("binance-usdm", "/fapi/v1", 200, 2400, PreviousIdLinkRule.INSTANCE,
            new Rest("/fapi/v1/aggTrades", 20, 20, 1, "/fapi/v2/account", 5, Map.of(), "/fapi/v2/balance", 5, 1, 40, 5),
            new OrderTypes("LIMIT", "GTX", "STOP", "STOP_MARKET"), "@aggTrade",
            Duration.ofMillis(150), EnumSet.of(Capability.REDUCE_ONLY, Capability.TIME_IN_FORCE_GTD),
            EnumSet.of(Capability.POSITIONS), UserDataTransport.LISTEN_KEY) {
        @Override
        public List<OrderRateLimits.Limit> orderRateLimits() {
            return List.of(new OrderRateLimits.Limit(300, Duration.ofSeconds(10)),
                    new OrderRateLimits.Limit(1_200, Duration.ofMinutes(1)));
        }
    };

    /**
     * The family's REST endpoints that differ by more than {@link #restPrefix()}, with their documented weights.
     *
     * @param tradeHistoryPath spot {@code historicalTrades}, USD-M {@code aggTrades} (ids of {@link #tradeStream()})
     * @param accountPath the signed account endpoint (spot {@code /api/v3/account}, USD-M {@code /fapi/v2/account})
     * @param recoveryAccountParams what the account request asks for when it recovers balances after a gap (spot
     *     {@code omitZeroBalances})
     * @param balancePath the signed endpoint of the balances alone (spot the account, USD-M {@code /fapi/v2/balance})
     * @param openOrdersSymbolWeight {@code openOrders} of one symbol; {@code openOrdersWeight} of all symbols
     */
    public record Rest(String tradeHistoryPath, int tradeHistoryWeight, int depthWeight, int exchangeInfoWeight,
                       String accountPath, int accountWeight, Map<String, String> recoveryAccountParams,
                       String balancePath, int balanceWeight, int openOrdersSymbolWeight, int openOrdersWeight,
                       int allOrdersWeight) {
    }

    /**
     * The family's names of our order types that it spells differently: a post-only limit (spot {@code LIMIT_MAKER};
     * USD-M {@code LIMIT} with time in force {@code GTX}), stop-limit and stop-market.
     *
     * @param limitMakerTimeInForce null when the type alone says post-only
     */
    public record OrderTypes(String limitMaker, String limitMakerTimeInForce, String stopLimit, String stopMarket) {
    }

    private final String exchange;
    private final String restPrefix;
    private final int streamsPerConnection;
    private final int requestWeightPerMinute;
    private final SequenceRule bookSequenceRule;
    private final Rest rest;
    private final OrderTypes orderTypes;
    private final String tradeStream;
    private final Duration wsRequestInterval;
    private final Set<Capability> orderCapabilities;
    private final Set<Capability> accountCapabilities;
    private final UserDataTransport userDataTransport;

    BinanceVenue(String exchange, String restPrefix, int streamsPerConnection, int requestWeightPerMinute,
                 SequenceRule bookSequenceRule, Rest rest, OrderTypes orderTypes, String tradeStream, Duration wsRequestInterval,
                 EnumSet<Capability> orderCapabilities, EnumSet<Capability> accountCapabilities,
                 UserDataTransport userDataTransport) {
        this.exchange = exchange;
        this.restPrefix = restPrefix;
        this.streamsPerConnection = streamsPerConnection;
        this.requestWeightPerMinute = requestWeightPerMinute;
        this.bookSequenceRule = bookSequenceRule;
        this.rest = rest;
        this.orderTypes = orderTypes;
        this.tradeStream = tradeStream;
        this.wsRequestInterval = wsRequestInterval;
        this.orderCapabilities = Collections.unmodifiableSet(orderCapabilities);
        this.accountCapabilities = Collections.unmodifiableSet(accountCapabilities);
        this.userDataTransport = userDataTransport;
    }

    /** How the family delivers user data: spot over the WebSocket API, USD-M with a listenKey. */
    public UserDataTransport userDataTransport() {
        return userDataTransport;
    }

    /** The family's REST endpoints and weights beyond {@link #restPrefix()}. */
    public Rest rest() {
        return rest;
    }

    /** How the family spells the order types that differ. */
    public OrderTypes orderTypes() {
        return orderTypes;
    }

    /** The suffix of the trade stream whose ids the trade history uses: spot {@code @trade}, USD-M {@code @aggTrade}. */
    public String tradeStream() {
        return tradeStream;
    }

    /** Least time between two requests we send on one stream connection (below Binance's incoming-message limit). */
    public Duration wsRequestInterval() {
        return wsRequestInterval;
    }

    /** Order capabilities beyond the common ones: USD-M has reduce-only and GTD; spot has neither. */
    public Set<Capability> orderCapabilities() {
        return orderCapabilities;
    }

    /** Account capabilities: USD-M has positions; spot has only balances. */
    public Set<Capability> accountCapabilities() {
        return accountCapabilities;
    }

    /** Our venue id: {@code binance-spot} or {@code binance-usdm}. */
    public String exchange() {
        return exchange;
    }

    /** The REST path prefix of the family's main version: {@code /api/v3} or {@code /fapi/v1}. */
    public String restPrefix() {
        return restPrefix;
    }

    /** Most streams Binance allows on one market-data connection (spot 1024, USD-M 200). */
    public int streamsPerConnection() {
        return streamsPerConnection;
    }

    /** The REQUEST_WEIGHT budget per minute per IP (spot 6000, USD-M 2400). */
    public int requestWeightPerMinute() {
        return requestWeightPerMinute;
    }

    /**
     * How depth diffs chain: spot events cover {@code [U, u]} and each {@code U} is the previous {@code u} + 1;
     * USD-M events carry {@code pu}, the previous event's {@code u}.
     */
    public SequenceRule bookSequenceRule() {
        return bookSequenceRule;
    }

    /**
     * The per-account ORDERS limits, kept on our side so an order over them is refused before it is sent (Binance
     * would answer {@code -1015} and count it anyway). Spot (rest-api.md "Unfilled Order Count"): 100 orders per
     * 10 s and 200,000 per day; USD-M ("General Info > Limits"): 300 per 10 s and 1,200 per minute. Counted: new
     * orders, cancel-replace and modify; cancels are not counted by Binance.
     */
    public abstract List<OrderRateLimits.Limit> orderRateLimits();

    /** The venue of one of our venue ids. */
    public static Optional<BinanceVenue> ofExchange(String exchange) {
        return Arrays.stream(values()).filter(v -> v.exchange.equals(exchange)).findFirst();
    }
}
