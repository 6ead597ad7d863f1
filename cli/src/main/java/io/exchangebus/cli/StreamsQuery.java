package io.exchangebus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One GET on the streams-apps query API, with what each answer means for the exit code: 200 the body; 404
 * nothing held for the key (3); 400 a bad path or depth (2); 503 nobody holds the key's partition right now,
 * retried after its {@code Retry-After} (or 1 s) until the timeout, then 1; anything else, or no connection, 1.
 */
final class StreamsQuery {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What came of the query: the exit code, and the body (200) or a message saying why not. */
    record Answer(int exitCode, String body, String message) {
        boolean ok() {
            return exitCode == ExitCodes.OK;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    StreamsQuery(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    Answer get(URI uri) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<String> response;
            try {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(left))
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return new Answer(ExitCodes.FAILED, null, "cannot reach the streams-apps query API at " + uri + ": "
                        + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(ExitCodes.FAILED, null, "interrupted");
            }
            int status = response.statusCode();
            if (status == 200) {
                return new Answer(ExitCodes.OK, response.body(), null);
            }
            String reason = status + " " + errorOf(response.body());
            if (status == 404) {
                return new Answer(ExitCodes.NOT_FOUND, null, "not found: " + reason);
            }
            if (status == 400) {
                return new Answer(ExitCodes.USAGE, null, "refused: " + reason);
            }
            long pause = retryAfterMillis(response);
            if (status != 503 || System.nanoTime() + pause * 1_000_000 > deadline) {
                return new Answer(ExitCodes.FAILED, null, uri + " answered " + reason
                        + (status == 503 ? " (still, after " + timeout.toMillis() + " ms of retries)" : ""));
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(ExitCodes.FAILED, null, "interrupted");
            }
        }
    }

    private static long retryAfterMillis(HttpResponse<String> response) {
        try {
            return Math.max(100, Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")) * 1000);
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    /** The API's {@code {"error": ...}} message, or the body itself. */
    private static String errorOf(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isTextual()) {
                return error.asText();
            }
        } catch (IOException e) {
            // not JSON: the body as it is
        }
        return body == null ? "" : body.strip();
    }
}
