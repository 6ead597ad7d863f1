package io.exchangebus.sim.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Server-initiated heartbeats of one connection, as an exchange enables them on request (Deribit's
 * {@code public/set_heartbeat}): every {@code interval} the server sends {@code testRequest}; if no request whose
 * method is in {@code answeredBy} arrives within {@code answerWithin}, it closes the connection with
 * {@code closeCode} and {@code closeReason}. The exchange simulator checks the interval the client asked for.
 *
 * @param testRequest the whole frame, in the exchange's format (e.g. Deribit's
 *                    {@code {"jsonrpc":"2.0","method":"heartbeat","params":{"type":"test_request"}}})
 */
public record HeartbeatPolicy(Duration interval, Duration answerWithin, String testRequest, Set<String> answeredBy,
                              int closeCode, String closeReason) {

    public HeartbeatPolicy {
        requirePositive(interval, "interval");
        requirePositive(answerWithin, "answerWithin");
        Objects.requireNonNull(testRequest, "testRequest");
        answeredBy = Set.copyOf(answeredBy);
        Objects.requireNonNull(closeReason, "closeReason");
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
