package io.exchangebus.service.config;

import io.exchangebus.connectors.core.credentials.SecretRef;

/**
 * One entry of {@code accounts}. Holds only where the key and secret are; load them with
 * {@link ServiceConfig#resolve} (or {@code ApiCredentials.load}) when connecting.
 *
 * @param id the account's name in our configuration, e.g. {@code main}
 * @param exchange the id of a configured exchange
 * @param apiKey where the API key is
 * @param secret where the HMAC secret or Ed25519 private key is
 * @param keyType what the secret is
 */
public record AccountSettings(String id, String exchange, SecretRef apiKey, SecretRef secret, KeyType keyType) {
}
