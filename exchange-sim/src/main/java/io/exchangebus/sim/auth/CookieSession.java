package io.exchangebus.sim.auth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * A login session carried by a cookie (GRVT: {@code gravity}, sent with {@code X-Grvt-Account-Id}).
 *
 * @param account the simulator's account id; the exchange simulator decides what it shows of it (e.g. GRVT's
 *                account id header)
 */
public record CookieSession(String name, String value, String account, Instant expiresAt) {

    /** The IMF-fixdate of RFC 9110 §5.6.7, as {@code Expires} wants it: {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    public CookieSession {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The {@code Set-Cookie} header value: {@code name=value; Expires=...; Path=/; Secure; HttpOnly}. */
    public String setCookieHeader() {
        return name + "=" + value + "; Expires=" + HTTP_DATE.format(expiresAt) + "; Path=/; Secure; HttpOnly";
    }
}
