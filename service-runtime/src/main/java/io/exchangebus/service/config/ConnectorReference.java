package io.exchangebus.service.config;

import io.exchangebus.connectors.core.spi.ConnectorSchema;
import io.exchangebus.connectors.core.spi.EndpointSpec;
import io.exchangebus.connectors.core.spi.Environment;
import io.exchangebus.connectors.core.spi.KeyTypeSpec;
import io.exchangebus.connectors.core.spi.SettingKey;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Renders what one exchange's connector declares ({@link ConnectorSchema}) as the Markdown of the configuration
 * reference: environments, endpoints with their URI per environment, settings of the exchange and of each account,
 * key types. Generated, so that the reference and the checks never disagree.
 */
public final class ConnectorReference {
    private ConnectorReference() {
    }

    /** The section of one exchange, under a heading of level {@code ###}. */
    public static String markdown(ConnectorSchema schema) {
        StringBuilder out = new StringBuilder("### ").append(schema.exchange()).append("\n\n");
        out.append("Environments (`exchanges.").append(schema.exchange()).append(".environment`): ")
                .append(schema.allEnvironments().stream().map(e -> "`" + e.name() + "`")
                        .collect(Collectors.joining(", ")))
                .append(". With `custom`, every endpoint comes from `endpoints`.\n\n");
        out.append("| endpoint | schemes | ").append(schema.environments().stream().map(Environment::name)
                .collect(Collectors.joining(" | "))).append(" | description |\n");
        out.append("|---|---|").append("---|".repeat(schema.environments().size())).append("---|\n");
        for (EndpointSpec e : schema.endpoints()) {
            out.append("| `endpoints.").append(e.name()).append("` | ")
                    .append(String.join(", ", new TreeSet<>(e.schemes()))).append(" | ");
            for (Environment env : schema.environments()) {
                out.append(e.defaults().containsKey(env) ? "`" + e.defaults().get(env) + "`" : "required").append(" | ");
            }
            out.append(cell(e.description())).append(" |\n");
        }
        settings(out, "settings.", schema.settings());
        if (!schema.accountSettings().isEmpty()) {
            out.append("\nPer account, under `accounts.<id>.settings`:\n");
            settings(out, "", schema.accountSettings());
        }
        out.append("\nKey types (`accounts.<id>.key-type`; the first is the default):\n\n");
        for (KeyTypeSpec k : schema.keyTypes()) {
            out.append("- `").append(k.name()).append("`: ").append(k.description()).append('\n');
        }
        return out.toString();
    }

    private static void settings(StringBuilder out, String prefix, List<SettingKey<?>> keys) {
        if (keys.isEmpty()) {
            return;
        }
        out.append("\n| key | type | default | description |\n|---|---|---|---|\n");
        for (SettingKey<?> key : keys) {
            out.append("| `").append(prefix).append(key.name()).append("` | ").append(key.typeName()).append(" | ")
                    .append(key.defaultText().isEmpty() ? "" : "`" + key.defaultText() + "`").append(" | ")
                    .append(cell(key.description())).append(" |\n");
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
