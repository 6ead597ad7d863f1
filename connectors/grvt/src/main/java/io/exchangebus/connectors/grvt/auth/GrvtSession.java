package io.exchangebus.connectors.grvt.auth;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.grvt.GrvtVenue;
import io.exchangebus.events.ErrorKind;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A logged-in session (grvt.md §3): the {@code gravity} cookie, when it expires (the cookie's {@code expires}), and
 * the account id from the response header {@code X-Grvt-Account-Id}. Every private REST call and the trades
 * WebSocket handshake send {@link #cookieHeader()} and {@link #ACCOUNT_HEADER}. The cookie is a {@link Secret}.
 *
 * @param cookie the {@code gravity} cookie's value
 * @param expires when it stops working; refresh before (the SDK does when under 5 s remain)
 * @param accountId the {@code X-Grvt-Account-Id} header's value
 */
public record GrvtSession(Secret cookie, Instant expires, String accountId) {

    public static final String COOKIE_NAME = "gravity";
    public static final String ACCOUNT_HEADER = "X-Grvt-Account-Id";

    public GrvtSession {
        Objects.requireNonNull(cookie, "cookie");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(accountId, "accountId");
    }

    /**
     * The session in a login response's headers (names case-insensitive): {@code Set-Cookie: gravity=…;
     * expires=…} and {@code X-Grvt-Account-Id}. Missing or unreadable parts are an AUTH error value that never
     * repeats the cookie.
     */
    public static Result<GrvtSession> fromLoginResponse(Map<String, List<String>> headers) {
        String accountId = null;
        String cookie = null;
        Instant expires = null;
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (ACCOUNT_HEADER.equalsIgnoreCase(h.getKey()) && !h.getValue().isEmpty()) {
                accountId = h.getValue().get(0).trim();
            }
            if ("Set-Cookie".equalsIgnoreCase(h.getKey())) {
                for (String setCookie : h.getValue()) {
                    String[] parts = setCookie.split(";");
                    if (!parts[0].trim().startsWith(COOKIE_NAME + "=")) {
                        continue;
                    }
                    cookie = parts[0].trim().substring(COOKIE_NAME.length() + 1);
                    expires = expires(parts);
                }
            }
        }
        if (cookie == null || cookie.isEmpty()) {
            return refuse("login response has no " + COOKIE_NAME + " cookie");
        }
        if (expires == null) {
            return refuse("the " + COOKIE_NAME + " cookie has no readable expires attribute");
        }
        if (accountId == null || accountId.isEmpty()) {
            return refuse("login response has no " + ACCOUNT_HEADER + " header");
        }
        return Result.ok(new GrvtSession(Secret.of(cookie), expires, accountId));
    }

    /** {@code gravity=…}, the value of a {@code Cookie} header; holds the secret, send it and drop it. */
    public String cookieHeader() {
        return cookie.apply(bytes -> COOKIE_NAME + "=" + new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Instant expires(String[] attributes) {
        for (int i = 1; i < attributes.length; i++) {
            String a = attributes[i].trim();
            if (a.regionMatches(true, 0, "expires=", 0, 8)) {
                try {
                    return ZonedDateTime.parse(a.substring(8).trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static Result<GrvtSession> refuse(String message) {
        return Result.err(new ExchangeError(ErrorKind.AUTH, GrvtVenue.EXCHANGE, "LOGIN", message, 0, false, null));
    }

    @Override
    public String toString() {
        return "GrvtSession[account=" + accountId + ", expires=" + expires + ", cookie=redacted]";
    }
}
