package io.exchangebus.service.kafka;

import io.exchangebus.localstack.LocalStack;
import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.config.ServiceConfig;
import java.util.HashMap;
import java.util.Map;

/** A service configuration pointing at the local stack's broker and registry, as the environment would set it. */
final class StackConfig {
    private StackConfig() {
    }

    static ServiceConfig of(LocalStack stack, String service, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "EXBUS_KAFKA__BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", stack.registryUrl(),
                "EXBUS_SERVICE__INSTANCE_ID", service + "-1"));
        env.putAll(extra);
        return new ConfigLoader(service, CommonKeys.SCHEMA, env).loadYaml("");
    }
}
