package io.exchangebus.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A service composing the common section with keys of its own, as oms-service will. */
class ServiceKeysTest {
    static final ConfigKey<Integer> MAX_OPEN_ORDERS = ConfigKey.withDefault("oms.risk.max-open-orders",
            ConfigTypes.INT, 200, "Open orders per account before new ones are rejected.")
            .validatedBy(Validators.atLeast(0));
    static final ConfigSchema OMS = CommonKeys.SCHEMA.with(MAX_OPEN_ORDERS);

    @Test
    void shouldReadAServicesOwnKey() {
        ServiceConfig config = new ConfigLoader("oms-service", OMS, Map.of("EXBUS_OMS__RISK__MAX_OPEN_ORDERS", "7"))
                .loadYaml(ConfigLoaderTest.MINIMAL);

        assertThat(config.get(MAX_OPEN_ORDERS)).isEqualTo(7);
    }

    @Test
    void shouldNameTheServicesKeyWhenItsValueIsOutOfRange() {
        assertThatThrownBy(() -> new ConfigLoader("oms-service", OMS, Map.of())
                .loadYaml(ConfigLoaderTest.MINIMAL + "oms:\n  risk:\n    max-open-orders: -3\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config key 'oms.risk.max-open-orders': must be >= 0, was -3");
    }

    @Test
    void shouldRefuseTheServicesKeyInAnotherServicesSchema() {
        assertThatThrownBy(() -> new ConfigLoader("ingest", CommonKeys.SCHEMA, Map.of())
                .loadYaml(ConfigLoaderTest.MINIMAL + "oms:\n  risk:\n    max-open-orders: 3\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config key 'oms': unknown key");
    }

    @Test
    void shouldRefuseAKeyDeclaredTwice() {
        assertThatThrownBy(() -> OMS.with(ConfigKey.withDefault("oms.risk.max-open-orders", ConfigTypes.INT, 1, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config key 'oms.risk.max-open-orders' is declared twice");
    }

    @Test
    void shouldRefuseAKeyUnderAPassThroughMap() {
        assertThatThrownBy(() -> CommonKeys.SCHEMA.with(ConfigKey.optional("kafka.client.x", ConfigTypes.INT, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lies under the pass-through map 'kafka.client'");
    }
}
