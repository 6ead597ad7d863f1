package io.exchangebus.connectors.core.rpc;

import io.exchangebus.connectors.core.Result;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Per-connection work on each new socket, typically authentication ({@code public/auth}), that must succeed before
 * subscriptions are resent and the connection is reported CONNECTED. Requests go through the given requester, bound
 * to the new socket (the client's own {@code request} refuses until CONNECTED). An error result fails the attempt,
 * which the connection retries with backoff. Called on the connection's timer thread: return at once.
 */
@FunctionalInterface
public interface JsonRpcOpenHook {

    JsonRpcOpenHook NONE = onNewSocket -> CompletableFuture.completedFuture(Result.ok(Boolean.TRUE));

    CompletionStage<? extends Result<?>> onOpen(JsonRpcRequester onNewSocket);
}
