package io.exchangebus.connectors.grvt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/** The negative vectors of eip712_extra_vectors.json are refused with GRVT's documented codes. */
class GrvtSignatureCheckTest {

    private static final JsonNode EXTRA = SigningVectors.file("eip712_extra_vectors.json");
    private static final JsonNode VECTOR_0 = EXTRA.get("order_vectors").get(0);

    @Test
    void shouldRefuseTheHighSTwinThoughItRecoversTheSameSigner() {
        assertThat(code(negative(0))).isEqualTo("2007");
    }

    @Test
    void shouldRefuseVOtherThan27Or28() {
        assertThat(code(negative(1))).isEqualTo("2005");
    }

    @Test
    void shouldRefuseAnSOf63HexDigits() {
        assertThat(code(negative(2))).isEqualTo("2006");
    }

    @Test
    void shouldRecoverAnotherSignerWhenCheckedAgainstTheWrongChain() {
        JsonNode n = EXTRA.get("negative_vectors").get(3);
        Result<String> signer = GrvtSignatureCheck.recover(Numeric.hexStringToByteArray(
                n.get("digest_chain_326").asText()), n.get("r").asText(), n.get("s").asText(), n.get("v").asInt());
        assertThat(signer.value()).isNotEqualTo(VECTOR_0.get("expected_signer").asText());
    }

    @Test
    void shouldAcceptVectorZeroAsSigned() {
        Result<String> signer = GrvtSignatureCheck.recover(Numeric.hexStringToByteArray(
                VECTOR_0.get("expected_digest").asText()), VECTOR_0.get("expected_r").asText(),
                VECTOR_0.get("expected_s").asText(), VECTOR_0.get("expected_v").asInt());
        assertThat(signer.value()).isEqualTo(VECTOR_0.get("expected_signer").asText());
    }

    private static Result<String> negative(int index) {
        JsonNode n = EXTRA.get("negative_vectors").get(index);
        return GrvtSignatureCheck.recover(Numeric.hexStringToByteArray(VECTOR_0.get("expected_digest").asText()),
                n.get("r").asText(), n.get("s").asText(), n.get("v").asInt());
    }

    private static String code(Result<String> result) {
        return result.error().code();
    }
}
