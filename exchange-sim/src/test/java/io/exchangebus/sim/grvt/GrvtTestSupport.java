package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.ManualClock;
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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * Shared test setup: the signing vectors' key and sub-account as a funded GRVT account, a clock just before the
 * vectors' expiration, login over real HTTP, and orders signed with web3j's own EIP-712 encoder
 * ({@link StructuredDataEncoder}), independent of the simulator's {@link OrderTypedData}.
 */
final class GrvtTestSupport {

    static final Path FIXTURES = Path.of("/work/shared/fixtures/grvt");
    /** The key, signer and sub-account of eip712_signing_vectors.json order_vectors_with_intermediates[0]. */
    static final String PRIVATE_KEY = "c0663ca94684aead40c41a1cb3a94b68a24296e87245be3a186e882a29a15ee0";
    static final String SIGNER = "0xee2060eECaC18beC7F8F670D751801294911E445";
    static final BigInteger SUB = new BigInteger("8289849667772468");
    static final String ACCOUNT = "0xc73c0c2538fd9b833d20933ccc88fdaa74fcb0d0";
    static final String API_KEY = "test-api-key";
    /** The vectors' expiration, 1730800479321350000 ns = 2024-11-05T09:54:39.32135Z. */
    static final long VECTOR_EXPIRATION = 1_730_800_479_321_350_000L;
    static final Instant START = Instant.parse("2024-11-05T09:00:00Z");

    private static final AtomicLong NONCES = new AtomicLong(1000);
    private static final AtomicLong CLIENT_IDS = new AtomicLong(Long.MAX_VALUE - 1_000_000);

    private GrvtTestSupport() {
    }

    static GrvtSimulator.Builder builder(ManualClock clock) {
        return GrvtSimulator.builder().clock(clock).publishInterval(null);
    }

    /** A simulator with the vectors' account, funded with 1 000 000 USDT. */
    static GrvtSimulator start(GrvtSimulator.Builder builder) {
        GrvtSimulator sim = builder.build();
        sim.createAccount(ACCOUNT, API_KEY, SUB, SIGNER);
        sim.deposit(SUB, "USDT", "1000000");
        return sim;
    }

    static HttpResponse<String> post(URI base, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        headers.forEach(req::header);
        return HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in with the API key; the headers a private call sends: {@code Cookie} and {@code X-Grvt-Account-Id}. */
    static Map<String, String> login(GrvtSimulator sim) throws Exception {
        HttpResponse<String> r = post(sim.restBaseUri(), "/auth/api_key/login",
                "{\"api_key\":\"" + API_KEY + "\"}", Map.of());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return Map.of("Cookie", cookie, "X-Grvt-Account-Id", r.headers().firstValue("X-Grvt-Account-Id")
                .orElseThrow());
    }

    static GrvtWsClient trades(GrvtSimulator sim) throws Exception {
        return GrvtWsClient.connect(sim.tradesWsUri(), login(sim));
    }

    static JsonNode json(String text) throws Exception {
        return GrvtWsClient.JSON.readTree(text);
    }

    static JsonNode fixture(String file) throws Exception {
        return json(Files.readString(FIXTURES.resolve(file)));
    }

    /** A GTT limit order signed by the vectors' key for chain 326 with a fresh nonce and client order id. */
    static ObjectNode order(String instrument, boolean buy, String size, String price) {
        return order(instrument, buy, size, price, "GOOD_TILL_TIME", false, NONCES.incrementAndGet(),
                BigInteger.valueOf(CLIENT_IDS.incrementAndGet()).add(BigInteger.ONE.shiftLeft(63)).toString());
    }

    static ObjectNode order(String instrument, boolean buy, String size, String price, String tif, boolean postOnly,
                            long nonce, String clientOrderId) {
        ObjectNode o = GrvtWsClient.JSON.createObjectNode().put("sub_account_id", SUB.toString())
                .put("is_market", false).put("time_in_force", tif).put("post_only", postOnly)
                .put("reduce_only", false);
        o.putArray("legs").addObject().put("instrument", instrument).put("size", size).put("limit_price", price)
                .put("is_buying_asset", buy);
        o.putObject("metadata").put("client_order_id", clientOrderId);
        sign(o, PRIVATE_KEY, 326, VECTOR_EXPIRATION, nonce);
        return o;
    }

    /** Puts a {@code signature} on {@code order}, signed with web3j's EIP-712 encoder. */
    static void sign(ObjectNode order, String privateKey, long chainId, long expiration, long nonce) {
        ECKeyPair key = ECKeyPair.create(Numeric.toBigInt(privateKey));
        JsonNode leg = order.get("legs").get(0);
        String hash = leg.get("instrument").asText().startsWith("BTC") ? "0x030501" : "0x030401";
        BigInteger size = new BigDecimal(leg.get("size").asText()).movePointRight(9)
                .setScale(0, RoundingMode.DOWN).toBigInteger();
        BigInteger price = order.get("is_market").asBoolean() ? BigInteger.ZERO
                : new BigDecimal(leg.get("limit_price").asText()).movePointRight(9).setScale(0, RoundingMode.DOWN)
                .toBigInteger();
        int tif = GrvtTimeInForce.valueOf(order.get("time_in_force").asText()).code();
        String typed = "{\"types\":{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},"
                + "{\"name\":\"version\",\"type\":\"string\"},{\"name\":\"chainId\",\"type\":\"uint256\"}],"
                + "\"Order\":[{\"name\":\"subAccountID\",\"type\":\"uint64\"},{\"name\":\"isMarket\",\"type\":\"bool\"},"
                + "{\"name\":\"timeInForce\",\"type\":\"uint8\"},{\"name\":\"postOnly\",\"type\":\"bool\"},"
                + "{\"name\":\"reduceOnly\",\"type\":\"bool\"},{\"name\":\"legs\",\"type\":\"OrderLeg[]\"},"
                + "{\"name\":\"nonce\",\"type\":\"uint32\"},{\"name\":\"expiration\",\"type\":\"int64\"}],"
                + "\"OrderLeg\":[{\"name\":\"assetID\",\"type\":\"uint256\"},{\"name\":\"contractSize\",\"type\":\"uint64\"},"
                + "{\"name\":\"limitPrice\",\"type\":\"uint64\"},{\"name\":\"isBuyingContract\",\"type\":\"bool\"}]},"
                + "\"primaryType\":\"Order\",\"domain\":{\"name\":\"GRVT Exchange\",\"version\":\"0\",\"chainId\":"
                + chainId + "},\"message\":{\"subAccountID\":" + order.get("sub_account_id").asText()
                + ",\"isMarket\":" + order.get("is_market").asBoolean() + ",\"timeInForce\":" + tif
                + ",\"postOnly\":" + order.get("post_only").asBoolean() + ",\"reduceOnly\":"
                + order.get("reduce_only").asBoolean() + ",\"legs\":[{\"assetID\":\"" + hash + "\",\"contractSize\":"
                + size + ",\"limitPrice\":" + price + ",\"isBuyingContract\":" + leg.get("is_buying_asset").asBoolean()
                + "}],\"nonce\":" + nonce + ",\"expiration\":" + expiration + "}}";
        try {
            byte[] digest = new StructuredDataEncoder(typed).hashStructuredData();
            Sign.SignatureData sig = Sign.signMessage(digest, key, false);
            order.putObject("signature").put("signer", "0x" + org.web3j.crypto.Keys.getAddress(key))
                    .put("r", Numeric.toHexString(sig.getR())).put("s", Numeric.toHexString(sig.getS()))
                    .put("v", sig.getV()[0] & 0xff).put("expiration", Long.toString(expiration)).put("nonce", nonce)
                    .put("chain_id", Long.toString(chainId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode createParams(ObjectNode order) {
        ObjectNode params = GrvtWsClient.JSON.createObjectNode();
        params.set("order", order);
        return params;
    }
}
