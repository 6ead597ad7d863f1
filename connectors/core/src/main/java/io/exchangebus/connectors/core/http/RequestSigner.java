package io.exchangebus.connectors.core.http;

/**
 * Signs a call the exchange's way (e.g. adds a timestamp from {@link ServerClock#now()}, an API-key header and a
 * signature over {@link HttpCall#queryString()}). The transport calls it for calls marked
 * {@link HttpCall#signed()}, once per attempt, just before sending, after any rate-limit wait, so that the
 * timestamp is fresh. Must not block; must not log what it adds.
 */
@FunctionalInterface
public interface RequestSigner {

    /** Signs nothing: signed calls are sent as they are. */
    RequestSigner NONE = call -> call;

    HttpCall sign(HttpCall call);
}
