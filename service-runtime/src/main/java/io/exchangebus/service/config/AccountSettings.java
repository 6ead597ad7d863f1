package io.exchangebus.service.config;

import io.exchangebus.connectors.core.credentials.SecretRef;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code accounts}. Holds only where the key and secret are; load them with
 * {@link ServiceConfig#resolve} (or {@code ApiCredentials.load}) when connecting.
 *
 * @param id the account's name in our configuration, e.g. {@code main}
 * @param exchange the id of a configured exchange
 * @param apiKey where the API key is
 * @param secret where the secret or private key is
 * @param keyType what the secret is, lower case; empty for the exchange's default
 * @param settings the account's own settings, passed through to its connector
 */
public record AccountSettings(String id, String exchange, SecretRef apiKey, SecretRef secret, Optional<String> keyType,
                              Map<String, String> settings) {
}
