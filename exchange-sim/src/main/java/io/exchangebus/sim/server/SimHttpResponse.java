package io.exchangebus.sim.server;

import java.util.List;
import java.util.Map;

/** What a route answers: status, extra headers, body (UTF-8) and its content type. */
public record SimHttpResponse(int status, Map<String, List<String>> headers, String body, String contentType) {

    public SimHttpResponse {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public static SimHttpResponse json(int status, String body) {
        return new SimHttpResponse(status, Map.of(), body, "application/json");
    }

    public static SimHttpResponse text(int status, String body) {
        return new SimHttpResponse(status, Map.of(), body, "text/plain; charset=utf-8");
    }

    public SimHttpResponse withHeader(String name, String value) {
        java.util.Map<String, List<String>> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, List.of(value));
        return new SimHttpResponse(status, copy, body, contentType);
    }
}
