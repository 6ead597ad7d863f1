package io.exchangebus.connectors.grvt.auth;

import io.exchangebus.connectors.core.credentials.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The API-key login request (grvt.md §3): {@code POST https://edge…/auth/api_key/login} with the JSON body
 * {@code {"api_key": "…"}}. The answer sets the session cookie {@code gravity} and the header
 * {@code X-Grvt-Account-Id} ({@link GrvtSession#fromLoginResponse}). No network code here. The key is a
 * {@link Secret}: {@link #toString} never shows it, and the body is built only when it is sent.
 */
public final class GrvtApiKeyLogin {

    /** The path on the edge host. */
    public static final String PATH = "/auth/api_key/login";

    private final Secret apiKey;

    public GrvtApiKeyLogin(Secret apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    /** The request body, to be written to the socket and dropped; holds the key. */
    public byte[] body() {
        return apiKey.apply(key -> {
            String text = new String(key, StandardCharsets.UTF_8);
            StringBuilder json = new StringBuilder(text.length() + 16).append("{\"api_key\":\"");
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    json.append('\\');
                }
                json.append(c);
            }
            return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
        });
    }

    @Override
    public String toString() {
        return "GrvtApiKeyLogin[POST " + PATH + ", api_key=redacted]";
    }
}
