package io.exchangebus.avro.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.Schema;

/**
 * A small client of the Confluent Schema Registry REST API (as served by Confluent, Apicurio's ccompat API,
 * Redpanda and Karapace), for Avro schemas. Schemas and ids are cached both ways: after the first call for a
 * subject and schema, or for an id, no request is made again.
 *
 * <p>Network errors, timeouts, 429 and 5xx are retried with exponential backoff and jitter, up to
 * {@link Settings#maxAttempts()}; every request has {@link Settings#requestTimeout()}, so an unreachable or
 * silent registry gives a {@link SchemaRegistryException} in bounded time, never a hang. Other 4xx answers fail
 * at once with the registry's reason and the subject. Thread-safe.
 */
public final class SchemaRegistryClient {
    private static final int CONFLICT = 409;

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final HttpClient http;
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /**
     * @param baseUrl the API root, e.g. {@code http://127.0.0.1:8081} or {@code http://host/apis/ccompat/v7}
     * @param requestTimeout the limit on connecting and on each request
     * @param maxAttempts how many times a retryable failure is tried in all, at least 1
     * @param initialBackoff the wait before the first retry; it doubles up to 20 times, with jitter
     */
    public record Settings(URI baseUrl, Duration requestTimeout, int maxAttempts, Duration initialBackoff) {
        public Settings {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
                throw new IllegalArgumentException("Schema registry URL must be http or https: " + baseUrl);
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
        }

        /** Defaults: 5 s per request, 4 attempts, 100 ms first backoff. */
        public static Settings of(String baseUrl) {
            return new Settings(URI.create(baseUrl), Duration.ofSeconds(5), 4, Duration.ofMillis(100));
        }
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    public SchemaRegistryClient(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    }

    /** The API root this client talks to. */
    public URI baseUrl() {
        return settings.baseUrl();
    }

    /** The API root as it may appear in a message: without user info or query, which may hold credentials. */
    String printableBaseUrl() {
        URI url = settings.baseUrl();
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
                + (url.getPath() == null ? "" : url.getPath());
    }

    /** Registers {@code schema} under {@code subject} (or finds it registered) and returns its id. */
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer;
        try {
            answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), subject);
        } catch (SchemaRegistryException e) {
            // Two clients registering the first schema of a subject at once: Apicurio answers the loser 409 (the
            // subject came into being under it). If the schema is there now, that is the answer; a 409 for an
            // incompatible schema finds nothing and stands.
            if (e.status() == CONFLICT) {
                Optional<Integer> registered = lookup(subject, schema);
                if (registered.isPresent()) {
                    return registered.get();
                }
            }
            throw e;
        }
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw protocolError(subject, "no id in the answer to a registration: " + answer);
        }
        remember(key, id);
        return id;
    }

    /** The id of {@code schema} if it is registered under {@code subject}, without registering it. */
    public Optional<Integer> lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema), subject);
            int id = answer.path("id").asInt(-1);
            if (id < 0) {
                throw protocolError(subject, "no id in the answer to a look-up: " + answer);
            }
            remember(key, id);
            return Optional.of(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The schema with this id.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#isNotFound()} for an unknown id
     */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, null);
        String text = answer.path("schema").asText(null);
        if (text == null) {
            throw protocolError(null, "no schema in the answer for id " + id);
        }
        Schema schema = new Schema.Parser().parse(text);
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    /** Whether {@code schema} may be registered under {@code subject} by the subject's compatibility rule. */
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema), subject);
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    /** Sets the compatibility rule of a subject (NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FULL, ...). */
    public void setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        send("PUT", "/config/" + encode(subject), body.toString(), subject);
    }

    /** One version of a subject: its number and the id of its schema. */
    public record SubjectVersion(String subject, int version, int id) {
    }

    /** Every subject the registry holds, in the order it lists them. */
    public List<String> subjects() {
        JsonNode answer = send("GET", "/subjects", null, null);
        if (!answer.isArray()) {
            throw protocolError(null, "the subject list is not an array: " + answer);
        }
        List<String> subjects = new ArrayList<>();
        answer.forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    /**
     * The latest version of a subject.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#isNotFound()} for an unknown subject
     */
    public SubjectVersion latest(String subject) {
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null, subject);
        int version = answer.path("version").asInt(-1);
        int id = answer.path("id").asInt(-1);
        if (version < 0 || id < 0) {
            throw protocolError(subject, "no version or id in the latest version: " + answer);
        }
        return new SubjectVersion(subject, version, id);
    }

    /**
     * The version under which {@code schema} is registered in {@code subject}, if it is; unlike {@link #latest},
     * not confused by a newer version registered since.
     */
    public Optional<SubjectVersion> version(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema), subject);
            int version = answer.path("version").asInt(-1);
            int id = answer.path("id").asInt(-1);
            if (version < 0 || id < 0) {
                throw protocolError(subject, "no version or id in the answer to a look-up: " + answer);
            }
            return Optional.of(new SubjectVersion(subject, version, id));
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The compatibility rule set on a subject itself, if any (the registry's global rule applies otherwise). */
    public Optional<String> compatibility(String subject) {
        try {
            JsonNode answer = send("GET", "/config/" + encode(subject), null, subject);
            String level = answer.path("compatibilityLevel").asText(answer.path("compatibility").asText(""));
            return level.isEmpty() ? Optional.empty() : Optional.of(level);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void remember(SubjectSchema key, int id) {
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, key.schema());
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, String body, String subject) {
        URI uri = URI.create(stripSlash(settings.baseUrl().toString()) + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long startNanos = System.nanoTime();
        int lastStatus = 0;
        Exception lastError = null;
        String lastReason = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(attempt, subject);
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                lastStatus = response.statusCode();
                if (lastStatus / 100 == 2) {
                    return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
                }
                JsonNode error = parseError(response.body());
                lastReason = error.path("message").asText(response.body());
                if (lastStatus != 429 && lastStatus < 500) {
                    throw refused(method, uri, subject, lastStatus, error.path("error_code").asInt(0), lastReason);
                }
            } catch (IOException e) {
                lastError = e;
                lastReason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted while calling the schema registry at " + printableBaseUrl(), subject,
                        0, 0, true, e);
            }
        }
        long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
        throw new SchemaRegistryException("Schema registry at " + printableBaseUrl() + " is unavailable"
                + (subject == null ? "" : " for subject '" + subject + "'") + " after " + settings.maxAttempts()
                + " attempts in " + elapsedMs + " ms: " + (lastStatus > 0 ? "HTTP " + lastStatus + ", " : "")
                + lastReason, subject, lastStatus, 0, true, lastError);
    }

    private void pause(int attempt, String subject) {
        long base = settings.initialBackoff().toMillis() << Math.min(attempt - 2, 20);
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        try {
            Thread.sleep(jittered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while waiting to retry the schema registry", subject, 0, 0,
                    true, e);
        }
    }

    private static SchemaRegistryException refused(String method, URI uri, String subject, int status, int errorCode,
                                                   String reason) {
        String what = subject != null ? "subject '" + subject + "'" : method + " " + uri.getPath();
        return new SchemaRegistryException("Schema registry refused " + what + " (HTTP " + status
                + (errorCode != 0 ? ", error " + errorCode : "") + "): " + reason, subject, status, errorCode, false,
                null);
    }

    private static SchemaRegistryException protocolError(String subject, String what) {
        return new SchemaRegistryException("Unexpected answer from the schema registry: " + what, subject, 0, 0, false,
                null);
    }

    private static JsonNode parseError(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
