package io.exchangebus.service.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.deribit.DeribitSimulator;
import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.Side;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For the services' integration tests: a Deribit simulator on loopback with no market data of its own (generators
 * stepped by hand, publishing every 100 ms), a counterparty account that makes the market, JSON-RPC over HTTP as
 * any Deribit client calls it (to set state up through the exchange's own API and to read what the exchange
 * answers), and the YAML that points a service at it.
 */
public final class SimulatedDeribit implements AutoCloseable {
    public static final String EXCHANGE = "deribit";
    public static final String MAKER = "maker";
    public static final String PERPETUAL = "BTC-PERPETUAL";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DeribitSimulator sim;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public SimulatedDeribit() {
        this.sim = DeribitSimulator.builder().seed(7).build();
        sim.createAccount(MAKER);
        sim.fundDemo(MAKER);
    }

    public DeribitSimulator simulator() {
        return sim;
    }

    /** The first listed option (a BTC call). */
    public String option() {
        return sim.options().get(0);
    }

    /** A new account at the simulator: {@code client_id} = key id, {@code client_secret} = secret. */
    public ApiKey createAccount(String id) {
        return sim.createAccount(id);
    }

    /** The maker rests a sell of {@code amount} at {@code price} on {@code instrument}, for a buy to take. */
    public void makerSells(String instrument, String price, String amount) {
        rest(instrument, Side.SELL, price, amount);
    }

    /** The maker rests a buy of {@code amount} at {@code price} on {@code instrument}, for a sell to take. */
    public void makerBuys(String instrument, String price, String amount) {
        rest(instrument, Side.BUY, price, amount);
    }

    private void rest(String instrument, Side side, String price, String amount) {
        CommandResult resting = sim.simulator().place(instrument, OrderRequest.limit(MAKER, side, price, amount));
        if (!resting.isAccepted()) {
            throw new IllegalStateException("maker's order rejected: " + resting.rejectReason());
        }
    }

    /** {@code public/<method>} over HTTP; the {@code result}. */
    public JsonNode publicCall(String method, Map<String, String> params) throws IOException, InterruptedException {
        return call("public/" + method, params, null);
    }

    /** {@code private/<method>} over HTTP as {@code key}'s account (logged in once with client credentials). */
    public JsonNode privateCall(ApiKey key, String method, Map<String, String> params)
            throws IOException, InterruptedException {
        String token = tokens.get(key.keyId());
        if (token == null) {
            token = publicCall("auth", Map.of("grant_type", "client_credentials", "client_id", key.keyId(),
                    "client_secret", key.secret())).get("access_token").asText();
            tokens.put(key.keyId(), token);
        }
        return call("private/" + method, params, token);
    }

    /** {@code private/buy} or {@code private/sell} with these parameters (instrument_name, amount, type, …). */
    public JsonNode order(ApiKey key, String side, String... params) throws IOException, InterruptedException {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return privateCall(key, side, map);
    }

    private JsonNode call(String path, Map<String, String> params, String token)
            throws IOException, InterruptedException {
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.restBaseUri() + "/" + path
                + (params.isEmpty() ? "" : "?" + query))).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || body.has("error")) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return body.get("result");
    }

    /** The YAML of this exchange and of {@code account}: {@link #exchangeYaml} and {@link #accountYaml}. */
    public String yaml(Path dir, String account, ApiKey key) throws IOException {
        return "exchanges:\n" + exchangeYaml() + "accounts:\n" + accountYaml(dir, account, key);
    }

    /** The YAML entry (under {@code exchanges}) of Deribit: CUSTOM endpoints at the simulator. */
    public String exchangeYaml() {
        return "  " + EXCHANGE + ":\n"
                + "    environment: custom\n"
                + "    endpoints:\n"
                + "      ws-url: " + sim.wsUri() + "\n"
                + "      rest-url: " + sim.restBaseUri() + "\n";
    }

    /**
     * The YAML entry (under {@code accounts}) of {@code account}: client id and secret in files under {@code dir},
     * as a Kubernetes secret would give them.
     */
    public String accountYaml(Path dir, String account, ApiKey key) throws IOException {
        Path keyFile = Files.writeString(dir.resolve(account + ".client-id"), key.keyId() + "\n");
        Path secretFile = Files.writeString(dir.resolve(account + ".client-secret"), key.secret() + "\n");
        return "  " + account + ":\n"
                + "    exchange: " + EXCHANGE + "\n"
                + "    api-key: file:" + keyFile + "\n"
                + "    secret: file:" + secretFile + "\n";
    }

    @Override
    public void close() {
        sim.close();
    }
}
