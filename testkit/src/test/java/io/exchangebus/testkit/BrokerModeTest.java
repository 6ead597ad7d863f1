package io.exchangebus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerModeTest {

    @Test
    void shouldRunOnLoopbackWhenNothingChoosesAMode() {
        assertThat(BrokerMode.fromSettings(new Properties(), Map.of())).isEqualTo(BrokerMode.LOOPBACK);
    }

    @Test
    void shouldTakeTheEnvironmentVariableWhenThePropertyIsNotSet() {
        assertThat(BrokerMode.fromSettings(new Properties(), Map.of(BrokerMode.ENV, "containers")))
                .isEqualTo(BrokerMode.CONTAINERS);
    }

    @Test
    void shouldPreferTheSystemPropertyToTheEnvironment() {
        Properties properties = new Properties();
        properties.setProperty(BrokerMode.PROPERTY, "Loopback");

        assertThat(BrokerMode.fromSettings(properties, Map.of(BrokerMode.ENV, "containers")))
                .isEqualTo(BrokerMode.LOOPBACK);
    }

    @Test
    void shouldNameTheSettingWhenItsValueIsNotAMode() {
        Properties properties = new Properties();
        properties.setProperty(BrokerMode.PROPERTY, "docker");

        assertThatThrownBy(() -> BrokerMode.fromSettings(properties, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exbus.testkit.mode must be 'loopback' or 'containers', was 'docker'");
    }
}
