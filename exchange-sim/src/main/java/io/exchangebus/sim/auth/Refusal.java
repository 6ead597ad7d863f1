package io.exchangebus.sim.auth;

/** Why a token or cookie was refused; the exchange simulator turns it into its own error code. */
public enum Refusal {
    /** Never issued here (or malformed). */
    UNKNOWN,
    /** Issued, but its lifetime is over on the simulator's clock. */
    EXPIRED,
    /** Withdrawn before its expiry: a refresh token already used, or its scope closed (e.g. its connection). */
    REVOKED
}
