package io.exchangebus.service.config;

/** Which of an exchange's endpoint sets a service talks to. */
public enum ExchangeEnvironment {
    /** The exchange's live endpoints, as its connector knows them. */
    PRODUCTION,
    /** The exchange's test network, as its connector knows it. */
    TESTNET,
    /** Endpoints given in configuration ({@code rest-url} and {@code stream-url}), e.g. a simulator. */
    CUSTOM
}
