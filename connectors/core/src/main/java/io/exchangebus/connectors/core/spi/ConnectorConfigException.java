package io.exchangebus.connectors.core.spi;

/**
 * A connector cannot be built from its configuration: an unknown or badly typed setting, a missing endpoint, an
 * unresolvable secret, an unknown exchange. The message names the exchange and the key; it never holds a secret's
 * value (secrets are only ever named by where they are kept). A start-up error, not a runtime one.
 */
public final class ConnectorConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String exchange;
    private final String key;

    /**
     * @param exchange the exchange id the configuration is for
     * @param key the configuration key at fault, e.g. {@code settings.recv-window} or {@code account.secret}
     * @param problem what is wrong, without any secret value
     */
    public ConnectorConfigException(String exchange, String key, String problem) {
        super(exchange + ": " + key + " " + problem);
        this.exchange = exchange;
        this.key = key;
    }

    /** The exchange id the configuration is for. */
    public String exchange() {
        return exchange;
    }

    /** The configuration key at fault. */
    public String key() {
        return key;
    }
}
