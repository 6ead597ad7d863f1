package io.exchangebus.service.config;

/** What an account's secret is: an HMAC key or an Ed25519 private key (PEM). */
public enum KeyType {
    HMAC,
    ED25519
}
