package io.exchangebus.connectors.core.credentials;

import java.util.Objects;

/**
 * An account's API key and secret. The key travels in request headers but is still shown only masked
 * ({@link #maskedKey()}); the secret is a {@link Secret}. {@code toString} shows neither.
 *
 * @param account the account name in our configuration
 * @param apiKey the exchange's API key id
 * @param secret the API secret (HMAC key, or private key for Ed25519/EIP-712 signing)
 */
public record ApiCredentials(String account, String apiKey, Secret secret) {
    public ApiCredentials {
        Objects.requireNonNull(account, "account");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("account " + account + " has no API key");
        }
        Objects.requireNonNull(secret, "secret");
    }

    /** Loads the key and the secret from where configuration says they are. */
    public static ApiCredentials load(String account, SecretRef apiKey, SecretRef secret) {
        String key = apiKey.resolve().apply(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        return new ApiCredentials(account, key, secret.resolve());
    }

    /** The key with all but its first and last four characters hidden, for logs and diagnostics. */
    public String maskedKey() {
        return apiKey.length() <= 8 ? "****" : apiKey.substring(0, 4) + "…" + apiKey.substring(apiKey.length() - 4);
    }

    @Override
    public String toString() {
        return "ApiCredentials[account=" + account + ", apiKey=" + maskedKey() + ", secret=" + secret + "]";
    }
}
