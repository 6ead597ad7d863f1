package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.account.ApiKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** A small Binance client for tests: signed REST over HttpClient, signed WS API requests, fixture samples. */
final class BinanceTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path FIXTURES = Path.of("/work/shared/fixtures/binance");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BinanceTestSupport() {
    }

    record Response(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    static Response send(BinanceSimulator sim, String method, String path, String query, String apiKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.restBaseUri() + path
                + (query == null || query.isEmpty() ? "" : "?" + query))).timeout(Duration.ofSeconds(5));
        if (apiKey != null) {
            b.header("X-MBX-APIKEY", apiKey);
        }
        b.method(method, HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body().isEmpty() ? null : JSON.readTree(r.body());
        return new Response(r.statusCode(), body, r);
    }

    static Response sendForm(BinanceSimulator sim, String method, String path, String query, String body,
                             String apiKey) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(sim.restBaseUri() + path + "?" + query))
                .timeout(Duration.ofSeconds(5)).header("X-MBX-APIKEY", apiKey)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        return new Response(resp.statusCode(), resp.body().isEmpty() ? null : JSON.readTree(resp.body()), resp);
    }

    static Response get(BinanceSimulator sim, String path, String query) throws IOException, InterruptedException {
        return send(sim, "GET", path, query, null);
    }

    /** A signed (HMAC) REST request with {@code timestamp} = server time + {@code skewMillis}. */
    static Response signed(BinanceSimulator sim, String method, String path, String query, ApiKey key,
                           long skewMillis) throws IOException, InterruptedException {
        String q = (query == null || query.isEmpty() ? "" : query + "&") + "timestamp="
                + (sim.simulator().clock().millis() + skewMillis);
        String sig = BinanceSignatures.hmacSha256Hex(key.secret(), q);
        return send(sim, method, path, q + "&signature=" + sig, key.keyId());
    }

    static Response signed(BinanceSimulator sim, String method, String path, String query, ApiKey key)
            throws IOException, InterruptedException {
        return signed(sim, method, path, query, key, 0);
    }

    /** A WS API request signed with HMAC over the sorted params. */
    static JsonNode wsSigned(WsClient ws, BinanceSimulator sim, String method, Map<String, Object> params, ApiKey key)
            throws Exception {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("apiKey", key.keyId());
        p.putIfAbsent("timestamp", sim.simulator().clock().millis());
        Map<String, String> text = new TreeMap<>();
        p.forEach((k, v) -> text.put(k, String.valueOf(v)));
        p.put("signature", BinanceSignatures.hmacSha256Hex(key.secret(), BinanceSignatures.wsApiPayload(text)));
        return wsRequest(ws, method, p);
    }

    /** A WS API request signed with Ed25519. */
    static JsonNode wsSignedEd25519(WsClient ws, BinanceSimulator sim, String method, Map<String, Object> params,
                                    String apiKey, PrivateKey key) throws Exception {
        return wsRequest(ws, method, signedEd25519(sim, params, apiKey, key));
    }

    /** {@code params} with apiKey, timestamp (if absent) and their Ed25519 signature. */
    static Map<String, Object> signedEd25519(BinanceSimulator sim, Map<String, Object> params, String apiKey,
                                             PrivateKey key) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("apiKey", apiKey);
        p.putIfAbsent("timestamp", sim.simulator().clock().millis());
        Map<String, String> text = new TreeMap<>();
        p.forEach((k, v) -> text.put(k, String.valueOf(v)));
        p.put("signature", ed25519(key, BinanceSignatures.wsApiPayload(text)));
        return p;
    }

    static String ed25519(PrivateKey key, String payload) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(s.sign());
    }

    static KeyPair ed25519KeyPair() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** Sends a request and returns its response (skipping pushed events). */
    static JsonNode wsRequest(WsClient ws, String method, Map<String, Object> params) throws Exception {
        String id = wsSend(ws, method, params);
        return ws.await(n -> id.equals(n.path("id").asText()));
    }

    /** Sends a request without waiting for its response; returns its id. */
    static String wsSend(WsClient ws, String method, Map<String, Object> params) {
        String id = UUID.randomUUID().toString();
        ObjectNode req = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            req.set("params", JSON.valueToTree(params));
        }
        ws.send(req.toString());
        return id;
    }

    // ---- fixtures ------------------------------------------------------------------------------------------

    /** The {@code message} of the first fixture line of {@code file} whose section contains {@code section}. */
    static JsonNode sample(String file, String section, int index) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        List<JsonNode> exact = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(FIXTURES.resolve(file))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = JSON.readTree(line);
                String s = n.path("section").asText();
                if (s.contains(section) && n.hasNonNull("message")) {
                    found.add(n.get("message"));
                    if (s.equals(section) || s.endsWith("> " + section) || s.startsWith(section + " >")) {
                        exact.add(n.get("message"));
                    }
                }
            }
        }
        if (!exact.isEmpty()) {
            found = exact;
        }
        if (found.size() <= index) {
            throw new AssertionError("no sample " + index + " for " + section + " in " + file);
        }
        return found.get(index);
    }

    static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(keys::add);
        return keys;
    }

    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
