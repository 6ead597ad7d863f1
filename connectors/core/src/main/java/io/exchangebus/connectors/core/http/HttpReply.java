package io.exchangebus.connectors.core.http;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An exchange's answer: status, headers (names case-insensitive) and body text. Any status: whether it is an error
 * is for the {@link HttpErrorClassifier} to say.
 *
 * @param status the HTTP status code
 * @param headers header values by name, case-insensitive
 * @param body the body as text, empty if none
 */
public record HttpReply(int status, Map<String, List<String>> headers, String body) {

    public HttpReply {
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> h.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(h);
        body = Objects.requireNonNullElse(body, "");
    }

    /** The first value of a header, if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "HTTP " + status + " (" + body.length() + " chars)";
    }
}
