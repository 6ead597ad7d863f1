/**
 * Request limits of an exchange, kept on our side so that we slow down before the exchange refuses, exchange-neutral
 * (each connector supplies the numbers and error codes from its venue's documentation):
 * <ul>
 *   <li>{@link io.exchangebus.connectors.core.limit.CreditBucket}: a pool of credits refilled continuously up to a
 *       maximum (Deribit's credits); {@link io.exchangebus.connectors.core.limit.RequestClass} says which pool a kind
 *       of request draws on and what it costs (Deribit's matching-engine and other requests).</li>
 *   <li>{@link io.exchangebus.connectors.core.limit.OrderRateLimits}: counts per fixed window, several windows taken
 *       together (Binance's ORDERS limits: 100 per 10 s and 200,000 per day).</li>
 *   <li>{@link io.exchangebus.connectors.core.limit.LimitErrors}: what the exchange's limit errors mean (banned
 *       until a time, back off, or the session is ended as Deribit's 10028 does), turned into a local stop and a
 *       clear retryable error instead of more requests.</li>
 * </ul>
 * A connector asks {@link io.exchangebus.connectors.core.limit.LimitErrors#admit} (or the limiters directly) before
 * it sends, and passes every error answer through {@link io.exchangebus.connectors.core.limit.LimitErrors#onError}.
 * Everything here is thread-safe and never parks a thread: a request that may go later is told how long to wait,
 * and the caller schedules it. Refusals are RATE_LIMITED errors whose codes start with {@code LOCAL_}
 * ({@link io.exchangebus.connectors.core.http.LocalRefusal#isLocal}).
 *
 * <p>Built on Bucket4j rather than on the Resilience4j RateLimiter the HTTP transport uses: Resilience4j's permits
 * do not accumulate above one period's worth (no burst pool refilled at a rate), it has no way to take from several
 * limits at once or not at all, and it reads {@code System.nanoTime()} with no way to drive time in a test.
 */
package io.exchangebus.connectors.core.limit;
