package io.exchangebus.connectors.grvt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.credentials.Secret;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.utils.Numeric;

/**
 * Every order and transfer vector of eip712_signing_vectors.json (the official SDK's tests) and every positive
 * vector of eip712_extra_vectors.json, reproduced exactly: message integers, domain separator and struct hash where
 * given, digest, r, s, v and the signer.
 */
class GrvtOrderSignerVectorsTest {

    static Stream<Object[]> sdkOrderVectors() {
        return SigningVectors.of("eip712_signing_vectors.json", "order_vectors_with_intermediates",
                "order_vectors_rsv_only").stream();
    }

    static Stream<Object[]> extraOrderVectors() {
        return SigningVectors.of("eip712_extra_vectors.json", "order_vectors").stream();
    }

    static Stream<Object[]> transferVectors() {
        return SigningVectors.of("eip712_signing_vectors.json", "transfer_vectors_with_intermediates").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkOrderVectors")
    void shouldReproduceTheSdkOrderVector(String name, JsonNode v) {
        SignedOrder signed = signer(v).sign(SigningVectors.order(v)).value();

        assertThat(signed.signature().v()).isEqualTo(v.has("want_v") ? v.get("want_v").asInt()
                : v.get("expected_signed_message").get("v").asInt());
        if (v.has("want_r")) {
            assertThat(signed.signature().r()).isEqualTo(SigningVectors.word(v.get("want_r")));
            assertThat(signed.signature().s()).isEqualTo(SigningVectors.word(v.get("want_s")));
        } else {
            JsonNode expected = v.get("expected_signed_message");
            assertThat(signed.digest()).isEqualTo("0x" + expected.get("message_hash").asText());
            assertThat(signed.signature().r()).isEqualTo(SigningVectors.word(expected.get("r")));
            assertThat(signed.signature().s()).isEqualTo(SigningVectors.word(expected.get("s")));
            assertThat(signed.signature().signer()).isEqualTo(v.get("expected_signer").asText());
            JsonNode parts = v.get("expected_signable_message");
            assertThat(SigningVectors.hex(GrvtTypedData.domainSeparator(signed.chainId())))
                    .isEqualTo(parts.get("header").asText());
            assertThat(SigningVectors.hex(GrvtTypedData.structHash(signed.message())))
                    .isEqualTo(parts.get("body").asText());
            assertMessage(signed.message(), v.get("expected_message_data"));
        }
        assertRecoversSigner(signed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extraOrderVectors")
    void shouldReproduceTheExtraOrderVector(String name, JsonNode v) {
        SignedOrder signed = signer(v).sign(SigningVectors.order(v)).value();

        assertMessage(signed.message(), v.get("expected_message_data"));
        assertThat(signed.digest()).isEqualTo(v.get("expected_digest").asText());
        assertThat(signed.signature().r()).isEqualTo(v.get("expected_r").asText());
        assertThat(signed.signature().s()).isEqualTo(v.get("expected_s").asText());
        assertThat(signed.signature().v()).isEqualTo(v.get("expected_v").asInt());
        assertThat(signed.signature().signer()).isEqualTo(v.get("expected_signer").asText());
        assertRecoversSigner(signed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transferVectors")
    void shouldReproduceTheSdkTransferVector(String name, JsonNode v) {
        JsonNode t = v.get("transfer");
        TransferMessage transfer = new TransferMessage(t.get("from_account_id").asText(),
                new BigInteger(t.get("from_sub_account_id").asText()), t.get("to_account_id").asText(),
                new BigInteger(t.get("to_sub_account_id").asText()), v.get("currency_id").asInt(),
                TransferMessage.tokens(new java.math.BigDecimal(t.get("num_tokens").asText()), 6),
                t.get("signature").get("nonce").asLong(), Long.parseLong(t.get("signature").get("expiration").asText()));
        GrvtOrderSigner signer = signer(v);

        GrvtSignature sig = signer.sign(transfer);

        JsonNode expected = v.get("expected_signed_message");
        JsonNode data = v.get("expected_message_data");
        assertThat(transfer.numTokens()).isEqualTo(new BigInteger(data.get("numTokens").asText()));
        assertThat(SigningVectors.hex(GrvtTypedData.domainSeparator(SigningVectors.chainId(v))))
                .isEqualTo(v.get("expected_signable_message").get("header").asText());
        assertThat(SigningVectors.hex(GrvtTypedData.structHash(transfer)))
                .isEqualTo(v.get("expected_signable_message").get("body").asText());
        assertThat(SigningVectors.hex(GrvtTypedData.digest(SigningVectors.chainId(v),
                GrvtTypedData.structHash(transfer)))).isEqualTo(expected.get("message_hash").asText());
        assertThat(sig.r()).isEqualTo(SigningVectors.word(expected.get("r")));
        assertThat(sig.s()).isEqualTo(SigningVectors.word(expected.get("s")));
        assertThat(sig.v()).isEqualTo(expected.get("v").asInt());
    }

    private static GrvtOrderSigner signer(JsonNode v) {
        return GrvtOrderSigner.of(Secret.of(v.get("private_key").asText()), SigningVectors.chainId(v)).value();
    }

    private static void assertRecoversSigner(SignedOrder signed) {
        GrvtSignature sig = signed.signature();
        assertThat(GrvtSignatureCheck.recover(Numeric.hexStringToByteArray(signed.digest()), sig.r(), sig.s(),
                sig.v()).value()).isEqualTo(sig.signer());
    }

    /** The SDK's message_data, value by value (numbers as JSON numbers or strings, both forms occur). */
    private static void assertMessage(OrderMessage m, JsonNode expected) {
        assertThat(m.subAccountId()).isEqualTo(new BigInteger(expected.get("subAccountID").asText()));
        assertThat(m.market()).isEqualTo(expected.get("isMarket").asBoolean());
        assertThat(m.timeInForce()).isEqualTo(expected.get("timeInForce").asInt());
        assertThat(m.postOnly()).isEqualTo(expected.get("postOnly").asBoolean());
        assertThat(m.reduceOnly()).isEqualTo(expected.get("reduceOnly").asBoolean());
        assertThat(m.nonce()).isEqualTo(expected.get("nonce").asLong());
        assertThat(m.expiration()).isEqualTo(Long.parseLong(expected.get("expiration").asText()));
        List<OrderMessage.Leg> legs = m.legs();
        assertThat(legs).hasSize(expected.get("legs").size());
        for (int i = 0; i < legs.size(); i++) {
            JsonNode leg = expected.get("legs").get(i);
            assertThat(legs.get(i).assetId()).isEqualTo(Numeric.toBigInt(leg.get("assetID").asText()));
            assertThat(legs.get(i).contractSize()).isEqualTo(new BigInteger(leg.get("contractSize").asText()));
            assertThat(legs.get(i).limitPrice()).isEqualTo(new BigInteger(leg.get("limitPrice").asText()));
            assertThat(legs.get(i).buying()).isEqualTo(leg.get("isBuyingContract").asBoolean());
        }
        if (expected.has("builderFee")) {
            assertThat(m.builder()).isEqualToIgnoringCase(expected.get("builder").asText());
            assertThat(m.builderFee()).isEqualTo(new BigInteger(expected.get("builderFee").asText()));
        } else {
            assertThat(m.builder()).isNull();
        }
    }
}
