package io.exchangebus.streams.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BookViewSettingsTest {

    @Test
    void shouldRefuseDepthBelowOneAndNegativeInterval() {
        assertThatThrownBy(() -> new BookViewSettings(0, Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("depth must be at least 1 but was 0");
        assertThatThrownBy(() -> new BookViewSettings(20, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThat(new BookViewSettings(1, Duration.ZERO).depth()).isEqualTo(1);
    }

    @ParameterizedTest(name = "minInterval {0} ms: punctuate every {1} ms")
    @CsvSource({"1, 10", "19, 10", "20, 10", "21, 10", "100, 50", "1000, 500", "60000, 30000"})
    void shouldPunctuateEveryHalfIntervalButNotMoreOftenThanEvery10Ms(long minIntervalMs, long expectedMs) {
        assertThat(BookBuilder.punctuationInterval(minIntervalMs)).isEqualTo(Duration.ofMillis(expectedMs));
    }
}
