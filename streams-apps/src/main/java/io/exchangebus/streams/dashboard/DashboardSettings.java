package io.exchangebus.streams.dashboard;

import java.time.Duration;

/**
 * How the dashboard's feed behaves.
 *
 * @param recent       events kept per list (trades per book, order acks, order updates, alerts) and sent to a new
 *                     client
 * @param pushInterval least time between two pushes to the clients; changes in between are coalesced, latest per
 *                     key
 * @param maxClients   live feeds served at once; one more is answered 503
 * @param heartbeat    longest silence on a feed: a comment is sent then, which also finds clients that went away
 */
public record DashboardSettings(int recent, Duration pushInterval, int maxClients, Duration heartbeat) {
    /** Heartbeat of a service: often enough for proxies and to notice a closed tab within half a minute. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);

    public DashboardSettings {
        if (recent < 1 || maxClients < 1 || pushInterval.isNegative() || pushInterval.isZero()
                || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("recent and maxClients must be positive, intervals above zero: "
                    + recent + ", " + maxClients + ", " + pushInterval + ", " + heartbeat);
        }
    }
}
