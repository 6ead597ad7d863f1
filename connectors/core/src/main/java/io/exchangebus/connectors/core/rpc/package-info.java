/**
 * Request/response over WebSocket, exchange-neutral: {@link io.exchangebus.connectors.core.rpc.PendingRequests}
 * (the correlation core: id to waiting caller, per-request timeout, failure of all on a lost socket), used by
 * Binance's WebSocket-API client and by {@link io.exchangebus.connectors.core.rpc.JsonRpcClient} (JSON-RPC 2.0, for
 * Deribit and GRVT).
 *
 * <p>What a venue supplies, none of it named here: a {@link io.exchangebus.connectors.core.rpc.JsonRpcErrorClassifier}
 * (its error codes), a {@link io.exchangebus.connectors.core.rpc.ChannelExtractor} (where a notification names its
 * channel), a {@link io.exchangebus.connectors.core.rpc.SubscriptionProtocol} (subscribe method and answer), a
 * {@link io.exchangebus.connectors.core.rpc.ServerRequestHook} (heartbeats) and a
 * {@link io.exchangebus.connectors.core.rpc.JsonRpcOpenHook} (login on each socket).
 *
 * <p>Outcome-unknown rule: a request that times out or whose socket is lost fails with a retryable TIMEOUT or
 * NETWORK error saying its outcome is unknown; the exchange may have acted on it. The caller finds out by asking,
 * never by resending an order blindly.
 */
package io.exchangebus.connectors.core.rpc;
