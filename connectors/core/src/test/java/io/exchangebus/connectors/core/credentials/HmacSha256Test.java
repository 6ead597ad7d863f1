package io.exchangebus.connectors.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.testing.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HmacSha256Test {

    /** Binance's documented HMAC-SHA256 known-answer vectors (shared/fixtures/binance/signature_vectors.json). */
    static Stream<Arguments> binanceVectors() throws IOException {
        JsonNode vectors = new ObjectMapper().readTree(Fixtures.path("binance/signature_vectors.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (JsonNode v : vectors.path("hmac_sha256")) {
            out.add(Arguments.of(v.path("name").asText(), v.path("secretKey").asText(), v.path("payload").asText(),
                    v.path("signature_hex").asText()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binanceVectors")
    void shouldSignExactlyAsBinancesDocumentedExamples(String name, String secret, String payload, String expected) {
        assertThat(HmacSha256.hex(Secret.of(secret), payload)).isEqualTo(expected);
    }
}
