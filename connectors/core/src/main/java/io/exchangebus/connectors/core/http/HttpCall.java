package io.exchangebus.connectors.core.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One HTTP request to an exchange, immutable. Build with {@link #get(String)} or {@link #post(String)} and the
 * {@code with...} methods.
 *
 * <p>Only GETs are idempotent by default, and only idempotent calls are retried. An order placement must never be
 * marked idempotent: a retry after a timeout could place it twice.
 *
 * <p>{@link #toString()} shows method, path and weight only: the query, headers and body may carry an API key or a
 * signature.
 *
 * @param method the HTTP method
 * @param path path below the transport's base URI, starting with '/'
 * @param query parameters in the order they are sent (and signed)
 * @param body request body, or null
 * @param contentType media type of the body, or null
 * @param headers extra request headers
 * @param weight the exchange's request weight of this call, at least 1
 * @param idempotent whether the call may be retried
 * @param signed whether the transport's {@link RequestSigner} signs it just before each attempt is sent
 */
public record HttpCall(Method method, String path, Map<String, String> query, String body, String contentType,
                       Map<String, String> headers, int weight, boolean idempotent, boolean signed) {

    /** The HTTP methods exchanges' REST APIs use. */
    public enum Method { GET, POST, PUT, DELETE }

    public HttpCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.indexOf('?') >= 0) {
            throw new IllegalArgumentException("path must start with '/' and carry no query: " + method + " " + path);
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be >= 1, was " + weight);
        }
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static HttpCall get(String path) {
        return new HttpCall(Method.GET, path, Map.of(), null, null, Map.of(), 1, true, false);
    }

    public static HttpCall post(String path) {
        return new HttpCall(Method.POST, path, Map.of(), null, null, Map.of(), 1, false, false);
    }

    public static HttpCall put(String path) {
        return new HttpCall(Method.PUT, path, Map.of(), null, null, Map.of(), 1, false, false);
    }

    public static HttpCall delete(String path) {
        return new HttpCall(Method.DELETE, path, Map.of(), null, null, Map.of(), 1, false, false);
    }

    /** This call with one more query parameter, after the others (replacing one of the same name in place). */
    public HttpCall withParam(String name, String value) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new HttpCall(method, path, q, body, contentType, headers, weight, idempotent, signed);
    }

    public HttpCall withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new HttpCall(method, path, query, body, contentType, h, weight, idempotent, signed);
    }

    public HttpCall withBody(String text, String mediaType) {
        return new HttpCall(method, path, query, Objects.requireNonNull(text, "text"),
                Objects.requireNonNull(mediaType, "mediaType"), headers, weight, idempotent, signed);
    }

    public HttpCall withWeight(int value) {
        return new HttpCall(method, path, query, body, contentType, headers, value, idempotent, signed);
    }

    /** Marks the call (not) safe to retry. Never mark an order placement idempotent. */
    public HttpCall withIdempotent(boolean value) {
        return new HttpCall(method, path, query, body, contentType, headers, weight, value, signed);
    }

    /** Asks the transport to sign this call at the last moment, after any rate-limit wait, on every attempt. */
    public HttpCall withSigning() {
        return new HttpCall(method, path, query, body, contentType, headers, weight, idempotent, true);
    }

    /**
     * The query exactly as it is sent: parameters in insertion order, each name and value percent-encoded as
     * RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) pass; empty if there are none. A signer signs
     * this string, so that what is signed is what the exchange receives.
     */
    public String queryString() {
        if (query.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&");
        query.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
        return joined.toString();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    @Override
    public String toString() {
        return method + " " + path + " (weight " + weight + (idempotent ? ", idempotent" : "")
                + (signed ? ", signed" : "") + ")";
    }
}
