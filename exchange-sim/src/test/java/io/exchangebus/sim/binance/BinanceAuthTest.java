package io.exchangebus.sim.binance;

import static io.exchangebus.sim.binance.BinanceTestSupport.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.ManualClock;
import io.exchangebus.sim.account.ApiKey;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signing and timing as Binance does them, with the documented known-answer vectors. */
class BinanceAuthTest {

    private static final String DOC_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private static final String DOC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final BinanceSymbol LTCBTC = new BinanceSymbol("LTCBTC", "LTC", "BTC", new BigDecimal("0.000001"),
            new BigDecimal("0.000001"), new BigDecimal("100000"), new BigDecimal("0.001"), new BigDecimal("0.001"),
            new BigDecimal("100000"), new BigDecimal("10000"), new BigDecimal("0.0001"), 6, 3, new BigDecimal("0.1"));

    private BinanceSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private ManualClock startAt(long millis) {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(millis));
        sim = BinanceSimulator.builder(BinanceFamily.SPOT).clock(clock).symbol(BinanceSymbol.spotBtcUsdt())
                .symbol(LTCBTC).build();
        sim.createAccount("doc");
        sim.addHmacKey("doc", DOC_KEY, DOC_SECRET);
        sim.deposit("doc", "BTC", "10");
        return clock;
    }

    private static JsonNode vectors() throws Exception {
        return BinanceTestSupport.JSON.readTree(Files.readString(
                BinanceTestSupport.FIXTURES.resolve("signature_vectors.json")));
    }

    @Test
    void shouldReproduceEveryHmacVectorOfTheSignatureFixture() throws Exception {
        for (JsonNode v : vectors().get("hmac_sha256")) {
            assertThat(BinanceSignatures.hmacSha256Hex(v.get("secretKey").asText(), v.get("payload").asText()))
                    .as(v.get("name").asText()).isEqualTo(v.get("signature_hex").asText());
        }
    }

    @Test
    void shouldBuildTheWebSocketApiPayloadFromParamsSortedByName() throws Exception {
        JsonNode v = vectors().get("hmac_sha256").get(2);
        Map<String, String> params = new TreeMap<>();
        v.get("request_params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        params.put("signature", "ignored");
        assertThat(BinanceSignatures.wsApiPayload(params)).isEqualTo(v.get("payload").asText());
    }

    @Test
    void shouldAcceptTheDocumentedRestOrderSignedInTheQueryString() throws Exception {
        startAt(1499827319559L + 100);
        JsonNode v = vectors().get("hmac_sha256").get(0);
        var r = BinanceTestSupport.send(sim, "POST", "/api/v3/order",
                v.get("payload").asText() + "&signature=" + v.get("signature_hex").asText(), DOC_KEY);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        assertThat(r.body().get("symbol").asText()).isEqualTo("LTCBTC");
        assertThat(r.header("X-MBX-ORDER-COUNT-10S")).isEqualTo("1");
    }

    @Test
    void shouldSignTheQueryStringFollowedByTheBodyWhenParametersAreSplit() throws Exception {
        startAt(1499827319559L + 100);
        String query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC";
        String body = "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        String signature = BinanceSignatures.hmacSha256Hex(DOC_SECRET, query + body);
        var r = BinanceTestSupport.sendForm(sim, "POST", "/api/v3/order", query, body + "&signature=" + signature,
                DOC_KEY);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    }

    @Test
    void shouldVerifyPercentEncodedValuesAsSentThenRejectTheUnknownSymbolWithMinus1121() throws Exception {
        startAt(1499827319559L + 100);
        JsonNode v = vectors().get("hmac_sha256").get(1);
        var r = BinanceTestSupport.send(sim, "POST", "/api/v3/order",
                v.get("payload").asText() + "&signature=" + v.get("signature_hex").asText(), DOC_KEY);
        assertThat(r.body().get("code").asInt()).isEqualTo(-1121);
    }

    @Test
    void shouldRejectAWrongRestSignatureWithMinus1022() throws Exception {
        startAt(1499827319559L + 100);
        JsonNode v = vectors().get("hmac_sha256").get(0);
        var r = BinanceTestSupport.send(sim, "POST", "/api/v3/order",
                v.get("payload").asText().replace("quantity=1", "quantity=2") + "&signature="
                        + v.get("signature_hex").asText(), DOC_KEY);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("code").asInt()).isEqualTo(-1022);
        assertThat(r.body().get("msg").asText()).isEqualTo("Signature for this request is not valid.");
    }

    @Test
    void shouldAcceptTheDocumentedWebSocketApiOrderAndItsSignature() throws Exception {
        startAt(1645423376532L + 50);
        JsonNode v = vectors().get("hmac_sha256").get(2);
        ObjectNode params = ((ObjectNode) v.get("request_params")).deepCopy();
        params.put("signature", v.get("signature_hex").asText());
        WsClient ws = WsClient.connect(sim.wsApiUri());
        ws.send("{\"id\":\"doc\",\"method\":\"order.place\",\"params\":" + params + "}");
        JsonNode r = ws.await(n -> n.path("id").asText().equals("doc"));
        assertThat(r.get("status").asInt()).as(r.toString()).isEqualTo(200);
        assertThat(r.at("/result/status").asText()).isEqualTo("NEW");
        ws.closeBlocking();
    }

    @Test
    void shouldVerifyNonAsciiWebSocketPayloadsUnencodedThenRejectTheSymbolWithMinus1121() throws Exception {
        startAt(1645423376532L + 50);
        JsonNode v = vectors().get("hmac_sha256").get(3);
        ObjectNode params = BinanceTestSupport.JSON.createObjectNode();
        for (String pair : v.get("payload").asText().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        params.put("signature", v.get("signature_hex").asText());
        WsClient ws = WsClient.connect(sim.wsApiUri());
        ws.send("{\"id\":\"u\",\"method\":\"order.place\",\"params\":" + params + "}");
        JsonNode r = ws.await(n -> n.path("id").asText().equals("u"));
        assertThat(r.at("/error/code").asInt()).as(r.toString()).isEqualTo(-1121);
        ws.closeBlocking();
    }

    @Test
    void shouldRejectAWrongWebSocketSignatureWithMinus1022() throws Exception {
        startAt(1645423376532L + 50);
        JsonNode v = vectors().get("hmac_sha256").get(2);
        ObjectNode params = ((ObjectNode) v.get("request_params")).deepCopy();
        params.put("price", "52000.01");
        params.put("signature", v.get("signature_hex").asText());
        WsClient ws = WsClient.connect(sim.wsApiUri());
        ws.send("{\"id\":\"bad\",\"method\":\"order.place\",\"params\":" + params + "}");
        JsonNode r = ws.await(n -> n.path("id").asText().equals("bad"));
        assertThat(r.get("status").asInt()).isEqualTo(400);
        assertThat(r.at("/error/code").asInt()).isEqualTo(-1022);
        ws.closeBlocking();
    }

    @Test
    void shouldRejectARequestMoreThan1000MsAheadOfServerTimeWithMinus1021() throws Exception {
        startAt(1_700_000_000_000L);
        ApiKey key = sim.createAccount("bob");
        var ahead = BinanceTestSupport.signed(sim, "GET", "/api/v3/account", "", key, 1000);
        assertThat(ahead.status()).isEqualTo(400);
        assertThat(ahead.body().get("code").asInt()).isEqualTo(-1021);
        assertThat(ahead.body().get("msg").asText()).contains("ahead of the server's time");
        assertThat(BinanceTestSupport.signed(sim, "GET", "/api/v3/account", "", key, 999).status()).isEqualTo(200);
    }

    @Test
    void shouldRejectARequestOutsideTheRecvWindowWithMinus1021() throws Exception {
        ManualClock clock = startAt(1_700_000_000_000L);
        ApiKey key = sim.createAccount("bob");
        // The client's clock is 6 s behind the server's: outside the default recvWindow of 5000 ms.
        var late = BinanceTestSupport.signed(sim, "GET", "/api/v3/account", "", key, -6000);
        assertThat(late.body().get("code").asInt()).isEqualTo(-1021);
        assertThat(late.body().get("msg").asText()).contains("outside of the recvWindow");
        assertThat(BinanceTestSupport.signed(sim, "GET", "/api/v3/account", "recvWindow=10000", key, -6000).status())
                .isEqualTo(200);
        assertThat(BinanceTestSupport.signed(sim, "GET", "/api/v3/account", "recvWindow=60001", key, 0)
                .body().get("code").asInt()).isEqualTo(-1131);
        clock.advance(java.time.Duration.ofSeconds(1));
    }

    @Test
    void shouldRejectAWebSocketRequestOutsideTheRecvWindowWithMinus1021() throws Exception {
        startAt(1_700_000_000_000L);
        ApiKey key = sim.createAccount("bob");
        WsClient ws = WsClient.connect(sim.wsApiUri());
        JsonNode r = BinanceTestSupport.wsSigned(ws, sim, "account.status",
                params("timestamp", 1_700_000_000_000L - 5001), key);
        assertThat(r.at("/error/code").asInt()).isEqualTo(-1021);
        JsonNode ahead = BinanceTestSupport.wsSigned(ws, sim, "account.status",
                params("timestamp", 1_700_000_000_000L + 1000), key);
        assertThat(ahead.at("/error/code").asInt()).isEqualTo(-1021);
        ws.closeBlocking();
    }

    @Test
    void shouldRejectMissingOrUnknownApiKeys() throws Exception {
        startAt(1_700_000_000_000L);
        var none = BinanceTestSupport.send(sim, "GET", "/api/v3/account", "timestamp=1700000000000&signature=x", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().get("code").asInt()).isEqualTo(-2014);
        var unknown = BinanceTestSupport.send(sim, "GET", "/api/v3/account",
                "timestamp=1700000000000&signature=x", "nope");
        assertThat(unknown.body().get("code").asInt()).isEqualTo(-2015);
        var noSig = BinanceTestSupport.send(sim, "GET", "/api/v3/account", "timestamp=1700000000000", DOC_KEY);
        assertThat(noSig.body().get("code").asInt()).isEqualTo(-1102);
    }

    @Test
    void shouldLogOnWithEd25519AndPlaceOrdersWithoutPerRequestSignatures() throws Exception {
        startAt(1_700_000_000_000L);
        sim.createAccount("ed");
        sim.deposit("ed", "USDT", "1000");
        KeyPair pair = BinanceTestSupport.ed25519KeyPair();
        sim.addEd25519Key("ed", "ed-key-1", BinanceSignatures.toPem(pair.getPublic()));
        WsClient ws = WsClient.connect(sim.wsApiUri());
        JsonNode logon = BinanceTestSupport.wsSignedEd25519(ws, sim, "session.logon", params(), "ed-key-1",
                pair.getPrivate());
        assertThat(logon.get("status").asInt()).as(logon.toString()).isEqualTo(200);
        assertThat(logon.at("/result/apiKey").asText()).isEqualTo("ed-key-1");
        JsonNode placed = BinanceTestSupport.wsRequest(ws, "order.place", params("symbol", "BTCUSDT", "side", "BUY",
                "type", "LIMIT", "timeInForce", "GTC", "price", "10000.00", "quantity", "0.001",
                "timestamp", sim.simulator().clock().millis()));
        assertThat(placed.get("status").asInt()).as(placed.toString()).isEqualTo(200);
        JsonNode status = BinanceTestSupport.wsRequest(ws, "session.status", null);
        assertThat(status.at("/result/apiKey").asText()).isEqualTo("ed-key-1");
        BinanceTestSupport.wsRequest(ws, "session.logout", null);
        JsonNode unsigned = BinanceTestSupport.wsRequest(ws, "order.status", params("symbol", "BTCUSDT",
                "orderId", placed.at("/result/orderId").asLong(), "timestamp", sim.simulator().clock().millis()));
        assertThat(unsigned.at("/error/code").asInt()).isEqualTo(-1102);
        ws.closeBlocking();
    }

    @Test
    void shouldLogOnButNotAnswerWhileAnswersToSessionLogonAreWithheld() throws Exception {
        startAt(1_700_000_000_000L);
        sim.createAccount("ed");
        KeyPair pair = BinanceTestSupport.ed25519KeyPair();
        sim.addEd25519Key("ed", "ed-key-3", pair.getPublic());
        sim.faults().withholdAnswersTo("session.logon");
        WsClient ws = WsClient.connect(sim.wsApiUri());

        String held = BinanceTestSupport.wsSend(ws, "session.logon",
                BinanceTestSupport.signedEd25519(sim, params(), "ed-key-3", pair.getPrivate()));
        JsonNode status = BinanceTestSupport.wsRequest(ws, "session.status", null);

        assertThat(status.at("/result/apiKey").asText()).as("the logon took effect").isEqualTo("ed-key-3");
        assertThat(ws.all(n -> held.equals(n.path("id").asText()))).as("and got no answer").isEmpty();
        sim.faults().delayAnswersTo("session.logon", java.time.Duration.ZERO);
        JsonNode again = BinanceTestSupport.wsSignedEd25519(ws, sim, "session.logon", params(), "ed-key-3",
                pair.getPrivate());
        assertThat(again.get("status").asInt()).as(again.toString()).isEqualTo(200);
        ws.closeBlocking();
    }

    @Test
    void shouldRefuseSessionLogonWithAnHmacKey() throws Exception {
        startAt(1_700_000_000_000L);
        WsClient ws = WsClient.connect(sim.wsApiUri());
        JsonNode r = BinanceTestSupport.wsSigned(ws, sim, "session.logon", params(),
                new ApiKey(DOC_KEY, DOC_SECRET));
        assertThat(r.get("status").asInt()).isEqualTo(400);
        assertThat(r.has("error")).isTrue();
        ws.closeBlocking();
    }

    @Test
    void shouldVerifyEd25519SignaturesOnRestToo() throws Exception {
        startAt(1_700_000_000_000L);
        sim.createAccount("ed");
        KeyPair pair = BinanceTestSupport.ed25519KeyPair();
        sim.addEd25519Key("ed", "ed-key-2", pair.getPublic());
        String q = "timestamp=" + sim.simulator().clock().millis();
        String sig = java.net.URLEncoder.encode(BinanceTestSupport.ed25519(pair.getPrivate(), q),
                java.nio.charset.StandardCharsets.UTF_8);
        var ok = BinanceTestSupport.send(sim, "GET", "/api/v3/account", q + "&signature=" + sig, "ed-key-2");
        assertThat(ok.status()).as(String.valueOf(ok.body())).isEqualTo(200);
        var bad = BinanceTestSupport.send(sim, "GET", "/api/v3/account", q + "&recvWindow=4000&signature=" + sig, "ed-key-2");
        assertThat(bad.body().get("code").asInt()).isEqualTo(-1022);
    }
}
