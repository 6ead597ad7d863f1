package io.exchangebus.connectors.core.spi;

/** Which of an exchange's deployments a connector talks to. */
public enum Environment {
    /** The exchange's production endpoints: real accounts, real money. */
    PRODUCTION,
    /** The exchange's public test deployment, where it has one: real protocol, test funds. */
    TESTNET,
    /** Endpoints given in full by configuration ({@link ConnectorSettings#endpoints()}): a simulator, a proxy. */
    CUSTOM
}
