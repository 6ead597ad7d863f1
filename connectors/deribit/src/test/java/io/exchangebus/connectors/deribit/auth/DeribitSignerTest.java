package io.exchangebus.connectors.deribit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.deribit.DeribitFixtures;
import org.junit.jupiter.api.Test;

class DeribitSignerTest {

    private static final JsonNode VECTOR = DeribitFixtures.document("signature_vectors.json").get("client_signature_ws");

    @Test
    void shouldBuildTheDocumentedStringToSignWithBothNewlinesWhenDataIsEmpty() {
        assertThat(DeribitSigner.stringToSign(VECTOR.get("timestamp").longValue(), VECTOR.get("nonce").textValue(),
                VECTOR.get("data").textValue())).isEqualTo(VECTOR.get("string_to_sign").textValue());
    }

    @Test
    void shouldReproduceTheDocsKnownAnswer() {
        Secret secret = Secret.of(VECTOR.get("client_secret").textValue());

        DeribitSigner.ClientSignature params = DeribitSigner.clientSignature(VECTOR.get("client_id").textValue(),
                secret, VECTOR.get("timestamp").longValue(), VECTOR.get("nonce").textValue(),
                VECTOR.get("data").textValue());

        assertThat(params.signature()).isEqualTo(VECTOR.get("signature_hex").textValue())
                .isEqualTo("56590594f97921b09b18f166befe0d1319b198bbcdad7ca73382de2f88fe9aa1");
        assertThat(params.clientId()).isEqualTo("AMANDA");
        assertThat(params.grantType()).isEqualTo("client_signature");
    }

    @Test
    void shouldNeverShowTheSecret() {
        String secretText = VECTOR.get("client_secret").textValue();
        Secret secret = Secret.of(secretText);
        DeribitSigner.ClientSignature params = DeribitSigner.clientSignature("AMANDA", secret, 1576074319000L,
                "1iqt2wls", "");

        assertThat(params.toString()).doesNotContain(secretText);
        assertThat(secret.toString()).doesNotContain(secretText);
        assertThatThrownBy(() -> DeribitSigner.signature(secret, 1L, "", ""))
                .hasMessageNotContaining(secretText).hasMessageContaining("nonce");
    }

    @Test
    void shouldSignDataWhenGiven() {
        Secret secret = Secret.of("AMANDASECRECT");
        assertThat(DeribitSigner.signature(secret, 1576074319000L, "1iqt2wls", "x"))
                .hasSize(64).isNotEqualTo(VECTOR.get("signature_hex").textValue());
    }
}
