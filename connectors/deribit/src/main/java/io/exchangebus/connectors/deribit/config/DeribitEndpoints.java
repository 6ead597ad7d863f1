package io.exchangebus.connectors.deribit.config;

import java.net.URI;
import java.util.Objects;

/**
 * Where Deribit is reached (deribit.md §1): the JSON-RPC WebSocket and the HTTP JSON-RPC base (to which
 * {@code /public/…} and {@code /private/…} method paths are appended).
 *
 * @param ws   e.g. {@code wss://www.deribit.com/ws/api/v2}
 * @param rest e.g. {@code https://www.deribit.com/api/v2}, without a trailing slash
 */
public record DeribitEndpoints(URI ws, URI rest) {

    public static final DeribitEndpoints PRODUCTION = new DeribitEndpoints(
            URI.create("wss://www.deribit.com/ws/api/v2"), URI.create("https://www.deribit.com/api/v2"));
    /** Testnet needs its own account and API keys. */
    public static final DeribitEndpoints TESTNET = new DeribitEndpoints(
            URI.create("wss://test.deribit.com/ws/api/v2"), URI.create("https://test.deribit.com/api/v2"));

    public DeribitEndpoints {
        Objects.requireNonNull(ws, "ws");
        String text = Objects.requireNonNull(rest, "rest").toString();
        rest = text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : rest;
    }
}
