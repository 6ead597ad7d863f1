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

    @Test
    void shouldRefuseATimeBeyondTheModelsMicrosecondsRatherThanThrow() {
        // Found by run-fuzz --exchange binance-spot --seed 5: T * 1000 overflowed a long (ArithmeticException).
        BinanceNormalizer normalizer = BinanceNormalizer.guessingIds(BinanceVenue.SPOT, "main", null);

        OfflineNormalizer.Normalized result = normalizer.normalize("{\"stream\":\"x\",\"data\":{\"e\": "
                + "\"balanceUpdate\",\"E\": 1573200697110,\"a\": \"BTC\",\"d\": \"100.00000000\","
                + "\"T\": 15732006200697068}}", Instant.EPOCH);

        assertThat(result.isRefused()).isTrue();
        assertThat(result.refusal()).isEqualTo("field 'T': 15732006200697068 ms is beyond the event model's epoch "
                + "microseconds");
    }
}
