package io.exchangebus.connectors.binance.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.connectors.core.http.ServerClock;
import io.exchangebus.connectors.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The known-answer vectors of Binance's docs (shared/fixtures/binance/signature_vectors.json), reproduced exactly. */
class SignatureVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode hmac(int i) throws Exception {
        return JSON.readTree(Files.readString(Fixtures.path("binance/signature_vectors.json"))).get("hmac_sha256").get(i);
    }

    private static BinanceSigner hmacSigner(JsonNode vector) {
        String apiKey = vector.has("apiKey") ? vector.get("apiKey").asText()
                : "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
        return BinanceSigner.of(new ApiCredentials("main", apiKey, Secret.of(vector.get("secretKey").asText())),
                BinanceKeyType.HMAC);
    }

    /** A server clock frozen at {@code millis} (local clock fixed, offset zero: never synced). */
    private static ServerClock clockAt(long millis) {
        return new ServerClock("binance-spot", () -> CompletableFuture.completedFuture(Result.ok(Instant.EPOCH)),
                Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }

    private static HttpCall restOrder(String symbol) {
        return HttpCall.post("/api/v3/order").withParam("symbol", symbol).withParam("side", "BUY")
                .withParam("type", "LIMIT").withParam("timeInForce", "GTC").withParam("quantity", "1")
                .withParam("price", "0.1").withSigning();
    }

    @Test
    void shouldReproduceTheRestHmacVectorOfAnAsciiSymbol() throws Exception {
        JsonNode v = hmac(0);
        BinanceRequestSigner signer = new BinanceRequestSigner(hmacSigner(v), clockAt(1499827319559L),
                Duration.ofMillis(5000));

        HttpCall signed = signer.sign(restOrder("LTCBTC"));

        assertThat(signed.queryString()).startsWith(v.get("payload").asText() + "&signature=");
        assertThat(signed.query().get("signature")).isEqualTo(v.get("signature_hex").asText());
        assertThat(signed.headers()).containsEntry("X-MBX-APIKEY", v.get("apiKey").asText());
    }

    @Test
    void shouldReproduceTheRestHmacVectorOfANonAsciiSymbolSignedPercentEncoded() throws Exception {
        JsonNode v = hmac(1);
        BinanceRequestSigner signer = new BinanceRequestSigner(hmacSigner(v), clockAt(1499827319559L),
                Duration.ofMillis(5000));

        HttpCall signed = signer.sign(restOrder("１２３４５６"));

        assertThat(signed.queryString()).startsWith(v.get("payload").asText() + "&signature=");
        assertThat(signed.query().get("signature")).isEqualTo(v.get("signature_hex").asText());
    }

    @Test
    void shouldReproduceTheWebSocketApiHmacVectorOfAnAsciiSymbol() throws Exception {
        JsonNode v = hmac(2);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("symbol", "BTCUSDT");
        params.put("side", "SELL");
        params.put("type", "LIMIT");
        params.put("timeInForce", "GTC");
        params.put("quantity", "0.01000000");
        params.put("price", "52000.00");
        WsApiSigning signing = new WsApiSigning(hmacSigner(v), clockAt(1645423376532L), Duration.ofMillis(100));

        Map<String, Object> signed = signing.sign(params);

        assertThat(WsApiSigning.payload(signed)).isEqualTo(v.get("payload").asText());
        assertThat(signed.get("signature")).isEqualTo(v.get("signature_hex").asText());
        assertThat(signed).containsEntry("apiKey", v.get("request_params").get("apiKey").asText());
    }

    @Test
    void shouldReproduceTheWebSocketApiHmacVectorOfANonAsciiSymbolSignedAsUtf8() throws Exception {
        JsonNode v = hmac(3);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("symbol", "１２３４５６");
        params.put("side", "BUY");
        params.put("type", "LIMIT");
        params.put("timeInForce", "GTC");
        params.put("quantity", "1.00000000");
        params.put("price", "0.10000000");
        WsApiSigning signing = new WsApiSigning(hmacSigner(v), clockAt(1645423376532L), Duration.ofMillis(5000));

        Map<String, Object> signed = signing.sign(params);

        assertThat(WsApiSigning.payload(signed)).isEqualTo(v.get("payload").asText());
        assertThat(signed.get("signature")).isEqualTo(v.get("signature_hex").asText());
    }

    @Test
    void shouldSignWithAnEd25519KeyWhatItsPublicKeyVerifies() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        BinanceSigner signer = BinanceSigner.of(new ApiCredentials("main", "ed-key", Secret.of(pem)),
                BinanceKeyType.ED25519);
        String payload = "apiKey=ed-key&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL&symbol=１２３４５６"
                + "&timeInForce=GTC&timestamp=1645423376532&type=LIMIT";

        String signature = signer.sign(payload);

        byte[] raw = Base64.getDecoder().decode(signature);
        assertThat(raw).hasSize(64);
        Signature verify = Signature.getInstance("Ed25519");
        verify.initVerify(pair.getPublic());
        verify.update(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(verify.verify(raw)).isTrue();
        verify.initVerify(pair.getPublic());
        verify.update((payload + "0").getBytes(StandardCharsets.UTF_8));
        assertThat(verify.verify(raw)).isFalse();
    }

    @Test
    void shouldPercentEncodeAnEd25519SignatureInTheRestQuery() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----";
        BinanceSigner ed = BinanceSigner.of(new ApiCredentials("main", "ed-key", Secret.of(pem)),
                BinanceKeyType.ED25519);
        BinanceRequestSigner signer = new BinanceRequestSigner(ed, clockAt(1668481559918L), Duration.ofMillis(5000));

        HttpCall signed = signer.sign(restOrder("BTCUSDT"));

        String base64 = signed.query().get("signature");
        assertThat(signed.queryString()).endsWith("&signature=" + java.net.URLEncoder.encode(base64,
                StandardCharsets.UTF_8).replace("+", "%20"));
        Signature verify = Signature.getInstance("Ed25519");
        verify.initVerify(pair.getPublic());
        String payload = signed.queryString().substring(0, signed.queryString().indexOf("&signature="));
        verify.update(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(verify.verify(Base64.getDecoder().decode(base64))).isTrue();
    }
}
