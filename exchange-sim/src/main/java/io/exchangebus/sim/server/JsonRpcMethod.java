package io.exchangebus.sim.server;

/**
 * One entry of a {@link JsonRpcServer}'s dispatch table. Runs on the server's worker thread, one connection's
 * requests in order; may push notifications through the server. An exception is a bug: it is logged and answered
 * with {@code -32603}.
 */
@FunctionalInterface
public interface JsonRpcMethod {

    JsonRpcReply handle(JsonRpcRequest request, JsonRpcSession session);
}
