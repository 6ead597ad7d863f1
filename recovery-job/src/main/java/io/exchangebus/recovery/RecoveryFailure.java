package io.exchangebus.recovery;

import io.exchangebus.connectors.core.ExchangeError;

/**
 * Why an account's recovery stopped: a kind (an {@code ErrorKind} name such as {@code AUTH}, or
 * {@code CONFIGURATION}, {@code TIMEOUT}, {@code INTERNAL}) and a message naming the step. Never holds a key or a
 * secret: exchange messages and configuration problems name where a secret is kept, never what it is.
 */
record RecoveryFailure(String kind, String message) {
    static final String CONFIGURATION = "CONFIGURATION";
    static final String TIMEOUT = "TIMEOUT";
    static final String INTERNAL = "INTERNAL";

    static RecoveryFailure of(String step, ExchangeError error) {
        return new RecoveryFailure(error.kind().name(), step + ": " + error);
    }

    @Override
    public String toString() {
        return kind + " " + message;
    }
}
