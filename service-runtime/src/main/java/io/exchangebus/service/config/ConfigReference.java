package io.exchangebus.service.config;

/** Renders a schema's keys as the Markdown table of the README's configuration reference. */
public final class ConfigReference {
    private ConfigReference() {
    }

    /**
     * One row per key, in declaration order: key, type, default ({@code required} when it must be set) and
     * description, preceded by how environment variables override the file.
     */
    public static String markdown(ConfigSchema schema) {
        StringBuilder out = new StringBuilder();
        out.append("| key | type | default | description |\n");
        out.append("|---|---|---|---|\n");
        for (ConfigKey<?> key : schema.keys()) {
            out.append("| `").append(key.path()).append("` | ").append(cell(key.type().name()))
                    .append(" | ").append(cell(key.defaultText())).append(" | ").append(cell(key.description()))
                    .append(" |\n");
        }
        out.append("\nEvery key can be set by an environment variable, which wins over the file: `EXBUS_` then the "
                + "path with `__` between segments and `_` for `-`, upper case (`kafka.bootstrap-servers` is "
                + "`EXBUS_KAFKA__BOOTSTRAP_SERVERS`, `accounts.main.key-type` is `EXBUS_ACCOUNTS__MAIN__KEY_TYPE`). "
                + "Under a map of strings `_` stands for `.` (`EXBUS_KAFKA__CLIENT__SECURITY_PROTOCOL` sets "
                + "`security.protocol` of `kafka.client`). `*` is the name of an entry.\n");
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
