package io.exchangebus.connectors.binance.config;

import io.exchangebus.connectors.core.book.ContiguousRangeRule;
import io.exchangebus.connectors.core.book.PreviousIdLinkRule;
import io.exchangebus.connectors.core.book.SequenceRule;
import io.exchangebus.connectors.core.limit.OrderRateLimits;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Binance's two endpoint families behind the same four roles. Everything that differs between them and is not a
 * message format lives here (formats differ in {@code mapping}); nothing else branches on a boolean "is futures".
 *
 * <p>Limits are Binance's documented defaults (spot: web-socket-streams.md, rest-api.md; USD-M: "Websocket Market
 * Streams" and "General Info"); the exchange's {@code exchangeInfo.rateLimits} is the authority at run time.
 */
public enum BinanceVenue {
    /** Spot: {@code /api/v3}, WebSocket API v3, user data over the WebSocket API. */
    SPOT("binance-spot", "/api/v3", 1024, 6000, ContiguousRangeRule.INSTANCE),
    /** USD-M futures: {@code /fapi/v1}, WebSocket API {@code ws-fapi} v1, user data with a listenKey. */
    USDM("binance-usdm", "/fapi/v1", 200, 2400, PreviousIdLinkRule.INSTANCE);

    private final String exchange;
    private final String restPrefix;
    private final int streamsPerConnection;
    private final int requestWeightPerMinute;
    private final SequenceRule bookSequenceRule;

    BinanceVenue(String exchange, String restPrefix, int streamsPerConnection, int requestWeightPerMinute,
                 SequenceRule bookSequenceRule) {
        this.exchange = exchange;
        this.restPrefix = restPrefix;
        this.streamsPerConnection = streamsPerConnection;
        this.requestWeightPerMinute = requestWeightPerMinute;
        this.bookSequenceRule = bookSequenceRule;
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
    public List<OrderRateLimits.Limit> orderRateLimits() {
        return switch (this) {
            case SPOT -> List.of(new OrderRateLimits.Limit(100, Duration.ofSeconds(10)),
                    new OrderRateLimits.Limit(200_000, Duration.ofDays(1)));
            case USDM -> List.of(new OrderRateLimits.Limit(300, Duration.ofSeconds(10)),
                    new OrderRateLimits.Limit(1_200, Duration.ofMinutes(1)));
        };
    }

    /** The venue of one of our venue ids. */
    public static Optional<BinanceVenue> ofExchange(String exchange) {
        return Arrays.stream(values()).filter(v -> v.exchange.equals(exchange)).findFirst();
    }
}
