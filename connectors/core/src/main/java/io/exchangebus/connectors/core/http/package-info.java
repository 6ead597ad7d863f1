/**
 * The HTTP transport every exchange's raw REST client uses: {@link io.exchangebus.connectors.core.http.HttpTransport}
 * on Apache HttpClient 5 (async), with Resilience4j's retry, circuit breaker and rate limiter.
 *
 * <p>What an exchange supplies, none of it named here: an {@link
 * io.exchangebus.connectors.core.http.HttpErrorClassifier} (its codes and statuses to {@code ExchangeError}), a
 * {@link io.exchangebus.connectors.core.http.UsedWeightReader} (the used weight it reports in headers), a {@link
 * io.exchangebus.connectors.core.http.RequestSigner} and a {@link
 * io.exchangebus.connectors.core.http.ServerClock.TimeSource}; and its {@link
 * io.exchangebus.connectors.core.http.HttpSettings} (base URI, weight budget per window, call weights).
 *
 * <p>Policies: a ban (418) or a back-off (429, or any RATE_LIMITED answer) stops every call of the transport until
 * the hint has passed, answering at once without the network; calls over the weight budget wait for a later window
 * up to a bound, else are refused with a hint; only idempotent calls are retried, on NETWORK, TIMEOUT and 5xx.
 * Errors the transport answers itself carry a {@code LOCAL_} code ({@link
 * io.exchangebus.connectors.core.http.LocalRefusal}).
 */
package io.exchangebus.connectors.core.http;
