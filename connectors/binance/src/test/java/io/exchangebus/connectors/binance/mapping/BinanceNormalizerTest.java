package io.exchangebus.connectors.binance.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BinanceNormalizerTest {

    @Test
    void shouldRefuseANumberJacksonCannotReadRatherThanThrow() {
        // Found by benchmarks/run-fuzz --exchange binance-spot --seed 3: Jackson's BigDecimal reading throws a
        // NumberFormatException (not a JsonProcessingException) on an exponent beyond int.
        BinanceNormalizer normalizer = BinanceNormalizer.guessingIds(BinanceVenue.SPOT, "main", null);

        OfflineNormalizer.Normalized result = normalizer.normalize(
                "{\n  \"code\": 1e3123456789012345678901.5,\n  \"msg\": \"error message\"\n}", Instant.EPOCH);

        assertThat(result.isRefused()).isTrue();
        assertThat(result.refusal()).contains("a number that cannot be read");
    }
}
