package io.exchangebus.service.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.Side;
import io.exchangebus.sim.grvt.GrvtSimulator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * For the services' integration tests: a GRVT simulator on loopback with no market data of its own (generators
 * stepped by hand, publishing every 100 ms), a maker sub-account that makes the market (at the matching engine),
 * GRVT's REST API as any GRVT client calls it (API-key login, then {@code POST /full/v1/<method>} with the gravity
 * cookie: signed orders of the accounts under test, and what the exchange answers), and the YAML that points a
 * service at it.
 */
public final class SimulatedGrvt implements AutoCloseable {
    public static final String EXCHANGE = "grvt";
    public static final String PERPETUAL = "BTC_USDT_Perp";
    /** A test signing key (not a real one) for every sub-account made here: its address is their signer. */
    public static final String SIGNING_KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private static final BigInteger MAKER = new BigInteger("9000000000000001");
    /** The simulator's default chain: testnet's 326, also what a {@code custom} environment signs for. */
    private static final long CHAIN_ID = 326;
    private static final AtomicLong NONCES = new AtomicLong(1000);
    private static final AtomicLong CLIENT_IDS = new AtomicLong(1000);

    private static final ObjectMapper JSON = new ObjectMapper();
    private final GrvtSimulator sim;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String[]> sessions = new ConcurrentHashMap<>();

    /** A sub-account at the simulator, what its service account is configured with. */
    public record SubAccount(String accountId, String apiKey, BigInteger id) {
    }

    public SimulatedGrvt() {
        this.sim = GrvtSimulator.builder().seed(7).marketData(false).publishInterval(Duration.ofMillis(100)).build();
        sim.createAccount("0x" + "9".repeat(40), "maker-api-key", MAKER, signer());
        sim.deposit(MAKER, "USDT", "100000000");
    }

    public GrvtSimulator simulator() {
        return sim;
    }

    /** A main account {@code name} logging in with API key {@code <name>-api-key}, and its sub-account {@code id}. */
    public SubAccount createAccount(String name, BigInteger id) {
        String accountId = "0x" + String.format("%040x", new BigInteger(1, name.getBytes()))
                .substring(0, 40);
        SubAccount account = new SubAccount(accountId, name + "-api-key", id);
        sim.createAccount(accountId, account.apiKey(), id, signer());
        return account;
    }

    public void deposit(SubAccount account, String currency, String amount) {
        sim.deposit(account.id(), currency, amount);
    }

    /** The maker rests a sell of {@code size} at {@code price} on {@code instrument}, for a buy to take. */
    public void makerSells(String instrument, String price, String size) {
        place(instrument, MAKER, Side.SELL, price, size);
    }

    /** The maker rests a buy of {@code size} at {@code price} on {@code instrument}, for a sell to take. */
    public void makerBuys(String instrument, String price, String size) {
        place(instrument, MAKER, Side.BUY, price, size);
    }

    /**
     * {@code account} places a good-till-time limit order through GRVT's own API ({@code full/v1/create_order},
     * EIP-712 signed with {@link #SIGNING_KEY} for the simulator's chain, as any GRVT client signs it), so that the
     * simulator's private streams and histories report it as they report any order; the {@code result}.
     */
    public JsonNode trade(SubAccount account, String instrument, Side side, String price, String size)
            throws IOException, InterruptedException {
        ObjectNode order = JSON.createObjectNode().put("sub_account_id", account.id().toString())
                .put("is_market", false).put("time_in_force", "GOOD_TILL_TIME").put("post_only", false)
                .put("reduce_only", false);
        order.putArray("legs").addObject().put("instrument", instrument).put("size", size).put("limit_price", price)
                .put("is_buying_asset", side == Side.BUY);
        order.putObject("metadata").put("client_order_id", BigInteger.valueOf(CLIENT_IDS.incrementAndGet())
                .add(BigInteger.ONE.shiftLeft(63)).toString());
        sign(order, instrumentHash(instrument), NONCES.incrementAndGet(),
                (System.currentTimeMillis() + Duration.ofDays(1).toMillis()) * 1_000_000L);
        ObjectNode params = JSON.createObjectNode();
        params.set("order", order);
        return privateCall(account, "v1/create_order", params.toString());
    }

    /** The {@code instrument_hash} {@code all_instruments} lists for {@code instrument} (the signed asset id). */
    private String instrumentHash(String instrument) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUri()
                        + "/full/v1/all_instruments")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode i : JSON.readTree(answer.body()).get("result")) {
            if (i.get("instrument").asText().equals(instrument)) {
                return i.get("instrument_hash").asText();
            }
        }
        throw new IllegalArgumentException("no instrument " + instrument + " at the simulator");
    }

    /** A {@code signature} on {@code order}: GRVT's EIP-712 Order (grvt.md §12) through web3j's own encoder. */
    private static void sign(ObjectNode order, String assetId, long nonce, long expiration) {
        JsonNode leg = order.get("legs").get(0);
        BigInteger size = new BigDecimal(leg.get("size").asText()).movePointRight(9).setScale(0, RoundingMode.DOWN)
                .toBigInteger();
        BigInteger price = new BigDecimal(leg.get("limit_price").asText()).movePointRight(9)
                .setScale(0, RoundingMode.DOWN).toBigInteger();
        String typed = "{\"types\":{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},"
                + "{\"name\":\"version\",\"type\":\"string\"},{\"name\":\"chainId\",\"type\":\"uint256\"}],"
                + "\"Order\":[{\"name\":\"subAccountID\",\"type\":\"uint64\"},{\"name\":\"isMarket\",\"type\":\"bool\"},"
                + "{\"name\":\"timeInForce\",\"type\":\"uint8\"},{\"name\":\"postOnly\",\"type\":\"bool\"},"
                + "{\"name\":\"reduceOnly\",\"type\":\"bool\"},{\"name\":\"legs\",\"type\":\"OrderLeg[]\"},"
                + "{\"name\":\"nonce\",\"type\":\"uint32\"},{\"name\":\"expiration\",\"type\":\"int64\"}],"
                + "\"OrderLeg\":[{\"name\":\"assetID\",\"type\":\"uint256\"},{\"name\":\"contractSize\",\"type\":\"uint64\"},"
                + "{\"name\":\"limitPrice\",\"type\":\"uint64\"},{\"name\":\"isBuyingContract\",\"type\":\"bool\"}]},"
                + "\"primaryType\":\"Order\",\"domain\":{\"name\":\"GRVT Exchange\",\"version\":\"0\",\"chainId\":"
                + CHAIN_ID + "},\"message\":{\"subAccountID\":" + order.get("sub_account_id").asText()
                + ",\"isMarket\":false,\"timeInForce\":1,\"postOnly\":false,\"reduceOnly\":false,"
                + "\"legs\":[{\"assetID\":\"" + assetId + "\",\"contractSize\":" + size + ",\"limitPrice\":" + price
                + ",\"isBuyingContract\":" + leg.get("is_buying_asset").asBoolean() + "}],\"nonce\":" + nonce
                + ",\"expiration\":" + expiration + "}}";
        try {
            ECKeyPair key = ECKeyPair.create(new BigInteger(SIGNING_KEY, 16));
            Sign.SignatureData sig = Sign.signMessage(new StructuredDataEncoder(typed).hashStructuredData(), key,
                    false);
            order.putObject("signature").put("signer", "0x" + Keys.getAddress(key))
                    .put("r", Numeric.toHexString(sig.getR())).put("s", Numeric.toHexString(sig.getS()))
                    .put("v", sig.getV()[0] & 0xff).put("expiration", Long.toString(expiration)).put("nonce", nonce)
                    .put("chain_id", Long.toString(CHAIN_ID));
        } catch (IOException e) {
            throw new IllegalStateException("EIP-712 encoding of an order", e);
        }
    }

    private void place(String instrument, BigInteger sub, Side side, String price, String size) {
        CommandResult result = sim.simulator().place(instrument, OrderRequest.limit(sub.toString(), side, price, size));
        if (!result.isAccepted()) {
            throw new IllegalStateException("order of " + sub + " rejected: " + result.rejectReason());
        }
    }

    /** {@code full/v1/<method>} over REST as {@code account} (logged in once with its API key); the {@code result}. */
    public JsonNode privateCall(SubAccount account, String method, String body) throws IOException,
            InterruptedException {
        String[] session = sessions.get(account.apiKey());
        if (session == null) {
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUri()
                            + "/auth/api_key/login")).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\":\"" + account.apiKey() + "\"}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow(() -> new IllegalStateException(
                    "login answered " + login.statusCode() + ": " + login.body())).split(";")[0];
            session = new String[] {cookie, login.headers().firstValue("X-Grvt-Account-Id").orElseThrow()};
            sessions.put(account.apiKey(), session);
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUri() + "/full/"
                        + method)).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Cookie", session[0])
                .header("X-Grvt-Account-Id", session[1]).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200 || answer.has("code")) {
            throw new IllegalStateException(method + " answered " + response.statusCode() + ": " + response.body());
        }
        return answer.get("result");
    }

    /** {@code full/v1/<method>} for {@code account}'s sub-account: {@code {"sub_account_id": …}}. */
    public JsonNode subAccountCall(SubAccount account, String method) throws IOException, InterruptedException {
        return privateCall(account, method, "{\"sub_account_id\":\"" + account.id() + "\"}");
    }

    /** The YAML of this exchange and of {@code account}: {@link #exchangeYaml} and {@link #accountYaml}. */
    public String yaml(Path dir, String name, SubAccount account) throws IOException {
        return "exchanges:\n" + exchangeYaml() + "accounts:\n" + accountYaml(dir, name, account);
    }

    /** The YAML entry (under {@code exchanges}) of GRVT: custom endpoints at the simulator, accounts polled often. */
    public String exchangeYaml() {
        URI rest = sim.restBaseUri();
        return "  " + EXCHANGE + ":\n"
                + "    environment: custom\n"
                + "    endpoints:\n"
                + "      edge-url: " + rest + "\n"
                + "      trades-url: " + rest + "\n"
                + "      market-data-url: " + rest + "\n"
                + "      trades-ws-url: " + sim.tradesWsUri() + "\n"
                + "      market-data-ws-url: " + sim.marketDataWsUri() + "\n"
                + "    settings:\n"
                + "      account-poll-interval: 200ms\n";
    }

    /**
     * The YAML entry (under {@code accounts}) of {@code name}: API key and signing key in files under {@code dir}, as
     * a Kubernetes secret would give them, and the sub-account id.
     */
    public String accountYaml(Path dir, String name, SubAccount account) throws IOException {
        Path keyFile = Files.writeString(dir.resolve(name + ".api-key"), account.apiKey() + "\n");
        Path secretFile = Files.writeString(dir.resolve(name + ".signing-key"), SIGNING_KEY + "\n");
        return "  " + name + ":\n"
                + "    exchange: " + EXCHANGE + "\n"
                + "    api-key: file:" + keyFile + "\n"
                + "    secret: file:" + secretFile + "\n"
                + "    key-type: api-key\n"
                + "    settings:\n"
                + "      sub-account-id: \"" + account.id() + "\"\n";
    }

    private static String signer() {
        return "0x" + Keys.getAddress(ECKeyPair.create(new BigInteger(SIGNING_KEY, 16)));
    }

    @Override
    public void close() {
        sim.close();
    }
}
