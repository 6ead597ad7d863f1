package io.exchangebus.connectors.core.limit;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.http.LocalRefusal;
import io.exchangebus.events.ErrorKind;
import java.time.Duration;

/**
 * Codes of the refusals this package answers itself, without sending anything. They start with
 * {@link LocalRefusal#PREFIX}, as the HTTP transport's do; a ban or back-off uses {@link LocalRefusal#BANNED} and
 * {@link LocalRefusal#BACKING_OFF} (through {@link io.exchangebus.connectors.core.http.BanGate}).
 */
public final class LimitRefusal {

    /** Not enough credits in the pool within the allowed wait. */
    public static final String CREDITS = "LOCAL_CREDITS";
    /** The request costs more than the whole pool holds: it can never be sent. */
    public static final String CREDITS_OVER_CAPACITY = "LOCAL_CREDITS_OVER_CAPACITY";
    /** A count-per-window limit (e.g. orders per 10 s) is spent. */
    public static final String ORDER_RATE = "LOCAL_ORDER_RATE";
    /** The exchange ended the session for exceeding its limits; nothing is sent until it is reconnected. */
    public static final String SESSION_ENDED = "LOCAL_SESSION_ENDED";

    private LimitRefusal() {
    }

    static ExchangeError credits(String exchange, String pool, long cost, Duration wait) {
        return ExchangeError.rateLimited(exchange, CREDITS, "cost " + cost + " does not fit the " + pool
                + " credits within the allowed wait; request not sent", 0, wait);
    }

    static ExchangeError creditsOverCapacity(String exchange, String pool, long cost, long capacity) {
        return new ExchangeError(ErrorKind.RATE_LIMITED, exchange, CREDITS_OVER_CAPACITY, "cost " + cost
                + " exceeds the whole " + pool + " pool of " + capacity + " credits; request not sent", 0, false,
                null);
    }
}
