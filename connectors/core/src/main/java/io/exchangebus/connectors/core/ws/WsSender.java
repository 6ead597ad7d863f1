package io.exchangebus.connectors.core.ws;

import io.exchangebus.connectors.core.Result;

/** Sends text frames on one socket. Thread-safe; never blocks (frames are queued for the socket's writer). */
@FunctionalInterface
public interface WsSender {

    /** Queues {@code text} for sending; a network error if the socket is not open. */
    Result<Boolean> send(String text);
}
