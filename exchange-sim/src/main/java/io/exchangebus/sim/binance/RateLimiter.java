package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.fault.RateLimitFault;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed windows as Binance counts them (a minute's weight resets at the start of each minute): request weight for
 * the whole simulator (one IP: REST and WebSocket API share it), order counts per account.
 */
final class RateLimiter {

    /** A fixed window of {@code lengthMillis}, counting up to {@code limit}. */
    static final class Window {
        final String type;
        final String interval;
        final int intervalNum;
        final long lengthMillis;
        final int limit;
        private long start = Long.MIN_VALUE;
        private int count;

        Window(String type, String interval, int intervalNum, int limit) {
            this.type = type;
            this.interval = interval;
            this.intervalNum = intervalNum;
            this.limit = limit;
            this.lengthMillis = switch (interval) {
                case "SECOND" -> 1000L;
                case "MINUTE" -> 60_000L;
                case "DAY" -> 86_400_000L;
                default -> throw new IllegalArgumentException(interval);
            } * intervalNum;
        }

        synchronized int count(long now) {
            roll(now);
            return count;
        }

        /** Adds {@code n}; false (and nothing added) if that would go over the limit. */
        synchronized boolean tryAdd(long now, int n) {
            roll(now);
            if (count + n > limit) {
                return false;
            }
            count += n;
            return true;
        }

        synchronized void force(long now, int n) {
            roll(now);
            count += n;
        }

        long millisToReset(long now) {
            return lengthMillis - Math.floorMod(now, lengthMillis);
        }

        private void roll(long now) {
            long s = now - Math.floorMod(now, lengthMillis);
            if (s != start) {
                start = s;
                count = 0;
            }
        }

        String header() {
            String unit = switch (interval) {
                case "SECOND" -> "S";
                case "MINUTE" -> "M";
                default -> "D";
            };
            return intervalNum + unit;
        }
    }

    private final Clock clock;
    final Window weight;
    private final BinanceVenue venue;
    private final Map<String, Window[]> orders = new ConcurrentHashMap<>();

    RateLimiter(Clock clock, BinanceVenue venue, int weightPerMinute) {
        this.clock = clock;
        this.venue = venue;
        this.weight = new Window("REQUEST_WEIGHT", "MINUTE", 1, weightPerMinute);
    }

    long now() {
        return clock.millis();
    }

    Window[] orders(String account) {
        return orders.computeIfAbsent(account, a -> venue.orderWindows());
    }

    /** Counts {@code n} of weight, or throws Binance's 429/-1003. */
    void useWeight(int n) {
        long now = now();
        if (!weight.tryAdd(now, n)) {
            long retry = (weight.millisToReset(now) + 999) / 1000;
            throw new BinanceException(429, -1003, "Too much request weight used; current limit is " + weight.limit
                    + " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling"
                    + " the API.", null, retry);
        }
    }

    /** Counts one new order for {@code account}, or throws Binance's 429/-1015. */
    void countOrder(String account) {
        long now = now();
        Window[] ws = orders(account);
        for (Window w : ws) {
            if (w.count(now) + 1 > w.limit) {
                throw new BinanceException(429, -1015, "Too many new orders; current limit is " + w.limit
                        + " orders per " + w.intervalNum + " " + w.interval + ".", null,
                        (w.millisToReset(now) + 999) / 1000);
            }
        }
        for (Window w : ws) {
            w.force(now, 1);
        }
    }

    /** The 429/418 -1003 an injected rate-limit fault answers with. */
    BinanceException faultError(RateLimitFault fault) {
        long now = now();
        long until = now + fault.retryAfter().toMillis();
        ObjectNode data = BinanceCore.JSON.createObjectNode().put("serverTime", now).put("retryAfter", until);
        String msg = fault.status() == 418
                ? "Way too much request weight used; IP banned until " + until
                        + ". Please use WebSocket Streams for live updates to avoid bans."
                : "Too much request weight used; current limit is " + weight.limit
                        + " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid"
                        + " polling the API.";
        return new BinanceException(fault.status(), -1003, msg, data, fault.retryAfterSeconds());
    }
}
