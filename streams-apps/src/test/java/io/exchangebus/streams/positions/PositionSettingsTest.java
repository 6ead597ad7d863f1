package io.exchangebus.streams.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PositionSettingsTest {

    @Test
    void shouldRefuseSettingsThatCannotWork() {
        Duration s = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new PositionSettings(new BigDecimal("-0.1"), s, s, s))
                .hasMessageContaining("tolerance");
        assertThatThrownBy(() -> new PositionSettings(new BigDecimal("1e-19"), s, s, s))
                .hasMessageContaining("decimal places");
        assertThatThrownBy(() -> new PositionSettings(BigDecimal.ZERO, s.negated(), s, s))
                .hasMessageContaining("gracePeriod");
        assertThatThrownBy(() -> new PositionSettings(BigDecimal.ZERO, s, Duration.ZERO, s))
                .hasMessageContaining("checkInterval");
        assertThatThrownBy(() -> new PositionSettings(BigDecimal.ZERO, s, s, Duration.ZERO))
                .hasMessageContaining("orderRetention");
        assertThatThrownBy(() -> new PositionSettings(null, s, s, s)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldPurgeAtATenthOfTheRetentionButNotMoreOftenThanItChecks() {
        assertThat(new PositionSettings(BigDecimal.ZERO, Duration.ZERO, Duration.ofSeconds(5), Duration.ofHours(1))
                .purgeInterval()).isEqualTo(Duration.ofMinutes(6));
        assertThat(new PositionSettings(BigDecimal.ZERO, Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(5))
                .purgeInterval()).isEqualTo(Duration.ofMinutes(1));
    }
}
