package io.exchangebus.sim.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as received, recorded for tests and handed to routes.
 *
 * @param rawQuery the query string as sent (signatures are computed over it), or empty
 * @param headers header names in lower case
 */
public record SimHttpRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                             String body, Instant receivedAt) {

    public SimHttpRequest {
        headers = Map.copyOf(headers);
        rawQuery = rawQuery == null ? "" : rawQuery;
    }

    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Query parameters, decoded, in order; the last value wins for repeated names. */
    public Map<String, String> queryParameters() {
        return parseForm(rawQuery);
    }

    /** Parses {@code a=1&b=2} (a query string or a form body). */
    public static Map<String, String> parseForm(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return params;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
