package io.exchangebus.connectors.core.rpc;

/**
 * Receives every frame that is neither the answer to a pending request nor a notification with a handler nor a
 * server request taken by the {@link ServerRequestHook}: text that is not JSON, late answers (after their timeout),
 * answers to requests of another client, notifications of channels nobody routes. Nothing read is lost silently.
 * Called on the consumer thread; the text may hold account data: do not log it above DEBUG.
 */
@FunctionalInterface
public interface FallbackHandler {

    void onUnrouted(String raw);
}
