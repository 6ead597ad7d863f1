package io.exchangebus.sim.server;

import java.time.Instant;

/** A text frame a WebSocket server received, with its connection and receipt time, for tests to read. */
public record ReceivedFrame(long connectionId, String text, Instant receivedAt) {
}
