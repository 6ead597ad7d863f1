package io.exchangebus.sim.grvt;

import static io.exchangebus.sim.grvt.GrvtTestSupport.createParams;
import static io.exchangebus.sim.grvt.GrvtTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.ManualClock;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/** EIP-712 order signatures against the fixtures' vectors: digests, the accepted SDK vector, each negative vector. */
class GrvtSignatureTest {

    @Test
    void shouldComputeTheDigestOfEveryOrderVector() throws Exception {
        JsonNode sdk = fixture("eip712_signing_vectors.json");
        JsonNode extra = fixture("eip712_extra_vectors.json");
        List<String[]> checked = new ArrayList<>();
        for (JsonNode v : sdk.get("order_vectors_with_intermediates")) {
            String digest = digest(v.get("order"), v.get("instrument"), v.get("expected_domain_data").get("chainId")
                    .asLong());
            assertThat(digest).as(v.get("name").asText())
                    .isEqualTo("0x" + v.get("expected_signed_message").get("message_hash").asText());
            checked.add(new String[] {digest});
        }
        for (JsonNode v : extra.get("order_vectors")) {
            assertThat(digest(v.get("order"), v.get("instrument"), v.get("chain_id").asLong()))
                    .as(v.get("name").asText()).isEqualTo(v.get("expected_digest").asText());
            checked.add(new String[] {v.get("name").asText()});
        }
        assertThat(checked).hasSize(13);
    }

    @Test
    void shouldAcceptTheSdkVectorAndRecoverItsSigner() throws Exception {
        JsonNode v = fixture("eip712_signing_vectors.json").get("order_vectors_with_intermediates").get(0);
        JsonNode signed = v.get("expected_signed_message");
        ObjectNode order = vectorOrder(v.get("order"), GrvtTestSupport.SIGNER, hex(signed.get("r")),
                hex(signed.get("s")), signed.get("v").asInt(), "326");
        SignedOrder parsed = ((SignedOrder.Ok) SignedOrder.parse(order)).order();
        String recovered = OrderSignatures.recover(OrderTypedData.digest(parsed, btc(9), 326), parsed.signature());
        assertThat(recovered).isEqualToIgnoringCase(v.get("expected_signer").asText());

        try (GrvtSimulator sim = GrvtTestSupport.start(GrvtTestSupport.builder(new ManualClock(GrvtTestSupport.START)));
             GrvtWsClient ws = GrvtTestSupport.trades(sim)) {
            JsonNode answer = ws.call("v1/create_order", createParams(order));
            assertThat(answer.path("result").path("order_id").asText()).as(answer.toString()).isEqualTo("0x00");
            assertThat(sim.simulator().engine("BTC_USDT_Perp").openOrders(GrvtTestSupport.SUB.toString())).hasSize(1);
        }
    }

    @Test
    void shouldAcceptAProductionVectorOnChain325() throws Exception {
        JsonNode v = fixture("eip712_extra_vectors.json").get("order_vectors").get(0);
        ObjectNode order = vectorOrder(v.get("order"), v.get("expected_signer").asText(), v.get("expected_r").asText(),
                v.get("expected_s").asText(), v.get("expected_v").asInt(), "325");
        try (GrvtSimulator sim = GrvtTestSupport.start(GrvtTestSupport.builder(new ManualClock(GrvtTestSupport.START))
                .chainId(325)); GrvtWsClient ws = GrvtTestSupport.trades(sim)) {
            assertThat(ws.result("v1/create_order", createParams(order).toString()).get("order_id").asText())
                    .isEqualTo("0x00");
        }
    }

    static Stream<Arguments> negativeVectors() throws Exception {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode n : fixture("eip712_extra_vectors.json").get("negative_vectors")) {
            int code = n.get("grvt_error").isInt() ? n.get("grvt_error").asInt() : 2002;
            out.add(Arguments.of(n.get("name").asText(), n.get("r").asText(), n.get("s").asText(),
                    n.get("v").asInt(), code));
        }
        return out.stream();
    }

    /** The negatives are variants of extra vector 0 (signed for 325); the simulator verifies on 326. */
    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("negativeVectors")
    void shouldRefuseEachNegativeVectorWithItsErrorCode(String name, String r, String s, int v, int code)
            throws Exception {
        JsonNode base = fixture("eip712_extra_vectors.json").get("order_vectors").get(0);
        ObjectNode order = vectorOrder(base.get("order"), base.get("expected_signer").asText(), r, s, v, "326");
        try (GrvtSimulator sim = GrvtTestSupport.start(GrvtTestSupport.builder(new ManualClock(GrvtTestSupport.START)));
             GrvtWsClient ws = GrvtTestSupport.trades(sim)) {
            JsonNode answer = ws.call("v1/create_order", createParams(order));
            assertThat(answer.path("error").path("code").asInt()).as(answer.toString()).isEqualTo(code);
            assertThat(answer.path("method").asText()).isEqualTo("v1/create_order");
            assertThat(sim.simulator().receivedOrders()).isEmpty();
        }
    }

    @Test
    void shouldRefuseASignatureForAnotherChainIdWith1012() throws Exception {
        JsonNode v = fixture("eip712_extra_vectors.json").get("order_vectors").get(0);
        ObjectNode order = vectorOrder(v.get("order"), v.get("expected_signer").asText(), v.get("expected_r").asText(),
                v.get("expected_s").asText(), v.get("expected_v").asInt(), "325");
        try (GrvtSimulator sim = GrvtTestSupport.start(GrvtTestSupport.builder(new ManualClock(GrvtTestSupport.START)));
             GrvtWsClient ws = GrvtTestSupport.trades(sim)) {
            assertThat(ws.call("v1/create_order", createParams(order)).path("error").path("code").asInt())
                    .isEqualTo(1012);
        }
    }

    @Test
    void shouldRefuseAnExpiredSignatureWith2001() throws Exception {
        ManualClock clock = new ManualClock(GrvtTestSupport.START);
        try (GrvtSimulator sim = GrvtTestSupport.start(GrvtTestSupport.builder(clock));
             GrvtWsClient ws = GrvtTestSupport.trades(sim)) {
            ObjectNode order = GrvtTestSupport.order("BTC_USDT_Perp", true, "0.01", "60000.0");
            clock.advance(Duration.ofHours(1));
            assertThat(ws.call("v1/create_order", createParams(order)).path("error").path("code").asInt())
                    .isEqualTo(2001);
        }
    }

    @Test
    void shouldRefuseASignerNotRegisteredForTheSubAccountWith2000() throws Exception {
        ECKeyPair stranger = ECKeyPair.create(BigInteger.valueOf(123_456_789));
        ObjectNode order = GrvtTestSupport.order("BTC_USDT_Perp", true, "0.01", "60000.0");
        GrvtTestSupport.sign(order, stranger.getPrivateKey().toString(16), 326,
                GrvtTestSupport.VECTOR_EXPIRATION, 77);
        assertThat(order.get("signature").get("signer").asText()).isEqualTo("0x" + Keys.getAddress(stranger));
        try (GrvtSimulator sim = GrvtTestSupport.start(GrvtTestSupport.builder(new ManualClock(GrvtTestSupport.START)));
             GrvtWsClient ws = GrvtTestSupport.trades(sim)) {
            assertThat(ws.call("v1/create_order", createParams(order)).path("error").path("code").asInt())
                    .isEqualTo(2000);
        }
    }

    private static String digest(JsonNode vectorOrder, JsonNode instrument, long chainId) {
        ObjectNode order = vectorOrder(vectorOrder, "0x0", "0x0", "0x0", 27, "0");
        SignedOrder parsed = ((SignedOrder.Ok) SignedOrder.parse(order)).order();
        GrvtInstrument i = new GrvtInstrument(instrument.get("instrument").asText(),
                instrument.get("instrument_hash").asText(), "X", "USDT", instrument.get("base_decimals").asInt(), 9,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);
        return "0x" + HexFormat.of().formatHex(OrderTypedData.digest(parsed, i, chainId));
    }

    /** A vector's order as a create request sends it, with the signature given. */
    static ObjectNode vectorOrder(JsonNode vector, String signer, String r, String s, int v, String chainId) {
        ObjectNode order = vector.deepCopy();
        JsonNode sig = vector.get("signature");
        order.putObject("signature").put("signer", signer).put("r", r).put("s", s).put("v", v)
                .put("expiration", sig.get("expiration").asText()).put("nonce", sig.get("nonce").asLong())
                .put("chain_id", chainId);
        if (!order.has("metadata")) {
            order.putObject("metadata").put("client_order_id", "9223372036854775809");
        }
        return order;
    }

    private static GrvtInstrument btc(int baseDecimals) {
        return new GrvtInstrument("BTC_USDT_Perp", "0x030501", "BTC", "USDT", baseDecimals, 6, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);
    }

    private static String hex(JsonNode decimal) {
        return Numeric.toHexStringWithPrefixZeroPadded(new BigInteger(decimal.asText()), 64);
    }
}
