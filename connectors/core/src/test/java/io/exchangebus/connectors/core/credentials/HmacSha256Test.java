package io.exchangebus.connectors.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.testing.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("binanceVectors")
    void shouldSignEachPayloadAsTheDocumentedExampleWhenKeyedOnceForMany(String name, String secret, String payload,
                                                                        String expected) throws Exception {
        HmacSha256.Keyed keyed = HmacSha256.keyed(Secret.of(secret));
        // Other payloads before and between: each signature starts from the key alone, not from what came before.
        keyed.hex("timestamp=1");
        assertThat(keyed.hex(payload)).isEqualTo(expected);
        keyed.hex(payload + "&other=1");
        assertThat(keyed.hex(payload)).isEqualTo(expected);
        assertThat(keyed.toString()).doesNotContain(secret);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> signed = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String each = i % 2 == 0 ? payload : payload + "&n=" + i;
                signed.add(pool.submit(() -> keyed.hex(each)));
            }
            for (int i = 0; i < signed.size(); i++) {
                String each = i % 2 == 0 ? payload : payload + "&n=" + i;
                assertThat(signed.get(i).get()).as("signature %d from many threads", i)
                        .isEqualTo(HmacSha256.hex(Secret.of(secret), each));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
