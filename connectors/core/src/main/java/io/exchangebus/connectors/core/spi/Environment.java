package io.exchangebus.connectors.core.spi;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which of an exchange's deployments a connector talks to, by name. {@link #PRODUCTION}, {@link #TESTNET} and
 * {@link #CUSTOM} exist for every exchange (an exchange without a testnet says so by not declaring it); an exchange
 * may declare others in its {@link ConnectorSchema} (GRVT has {@code staging} and {@code dev}). With {@link #CUSTOM}
 * every endpoint comes from configuration (a simulator, a proxy).
 *
 * @param name lower-case letters, digits and dashes
 */
public record Environment(String name) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /** The exchange's live endpoints: real accounts, real money. */
    public static final Environment PRODUCTION = new Environment("production");
    /** The exchange's public test deployment, where it has one: real protocol, test funds. */
    public static final Environment TESTNET = new Environment("testnet");
    /** Endpoints given in full by configuration ({@link ConnectorSettings#endpoints()}): a simulator, a proxy. */
    public static final Environment CUSTOM = new Environment("custom");

    public Environment {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an environment is named in lower-case letters, digits and dashes, was '"
                    + name + "'");
        }
    }

    /** The environment named {@code text}, in any case: {@code PRODUCTION} is {@link #PRODUCTION}. */
    public static Environment of(String text) {
        return new Environment(text == null ? null : text.strip().toLowerCase(Locale.ROOT));
    }

    public boolean isCustom() {
        return equals(CUSTOM);
    }

    @Override
    public String toString() {
        return name;
    }
}
