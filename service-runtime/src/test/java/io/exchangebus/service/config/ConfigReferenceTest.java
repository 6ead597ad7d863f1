package io.exchangebus.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigReferenceTest {
    @Test
    void shouldListEveryDeclaredKeyWithTypeDefaultAndDescription() {
        ConfigSchema schema = CommonKeys.SCHEMA.with(ServiceKeysTest.MAX_OPEN_ORDERS);

        String markdown = ConfigReference.markdown(schema);

        assertThat(schema.keys()).hasSize(CommonKeys.ALL.size() + 1);
        for (ConfigKey<?> key : schema.keys()) {
            assertThat(markdown).contains("| `" + key.path() + "` | " + key.type().name() + " | "
                    + key.defaultText() + " | " + key.description() + " |");
        }
        assertThat(markdown).contains("| `service.shutdown-timeout` | duration | 30s |",
                "| `kafka.bootstrap-servers` | string | required |",
                "| `accounts.*.key-type` | string | the exchange's first key type |",
                "| `oms.risk.max-open-orders` | int | 200 |",
                "EXBUS_KAFKA__BOOTSTRAP_SERVERS");
    }
}
