package io.exchangebus.connectors.core.ws;

import io.exchangebus.connectors.core.Result;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Work that must finish on each new socket before subscriptions are resent and the connection is reported
 * CONNECTED: typically a login on a private stream. It may send on the new socket through the given sender; the
 * answers arrive at the {@link WsHandler} as ordinary frames, where the connector completes the returned stage.
 * An error result, an exceptional stage, or no completion within the connect timeout fails the attempt, which is
 * retried with backoff. Called on the connection's timer thread: return at once, never block.
 */
@FunctionalInterface
public interface WsOpenHook {

    /** No work: the connection is ready as soon as the socket is open. */
    WsOpenHook NONE = sender -> CompletableFuture.completedFuture(Result.ok(Boolean.TRUE));

    /** Starts the work on a fresh socket; the value of a successful result is not used. */
    CompletionStage<? extends Result<?>> onOpen(WsSender sender);
}
