package io.exchangebus.connectors.core.spi;

import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.CredentialException;
import io.exchangebus.connectors.core.credentials.SecretRef;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One trading account on an exchange, as configuration names it: its id, the kind of key, and where the API key and
 * secret are kept. Holds no secret itself; they are read ({@link #resolve}) only when a private role is built.
 * {@code toString} shows where secrets are kept, never what they are.
 *
 * @param account our name for the account, used as the Kafka key's account part
 * @param keyType the kind of key, as the exchange's connector understands it, in lower case (e.g. {@code hmac}, {@code ed25519});
 *        {@link ExchangeConnector#keyTypes()} lists them
 * @param apiKey where the API key (key id, client id) is kept
 * @param secret where the API secret or private key is kept
 * @param settings the account's own settings by name, as text, which its connector declares
 *        ({@link ConnectorSchema#accountSettings()}) and reads through {@link SettingKey#get(AccountSettings, String)}:
 *        GRVT's {@code sub-account-id}, so that several sub-accounts can trade under one key
 */
public record AccountSettings(String account, String keyType, SecretRef apiKey, SecretRef secret,
                              Map<String, String> settings) {

    public AccountSettings {
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("account must not be blank");
        }
        if (keyType == null || keyType.isBlank()) {
            throw new IllegalArgumentException("account " + account + ": key-type must not be blank");
        }
        keyType = keyType.strip().toLowerCase(Locale.ROOT);
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secret, "secret");
        settings = Map.copyOf(Objects.requireNonNullElse(settings, Map.of()));
    }

    /** An account without settings of its own. */
    public AccountSettings(String account, String keyType, SecretRef apiKey, SecretRef secret) {
        this(account, keyType, apiKey, secret, Map.of());
    }

    /**
     * Reads the key and the secret.
     *
     * @throws ConnectorConfigException naming the account's key ({@code account.<id>.api-key} or
     *     {@code account.<id>.secret}) and where it was looked for, never its content
     */
    public ApiCredentials resolve(String exchange) {
        String key;
        try {
            key = apiKey.resolve().apply(bytes -> new String(bytes, StandardCharsets.UTF_8));
        } catch (CredentialException e) {
            throw new ConnectorConfigException(exchange, "account." + account + ".api-key", e.getMessage());
        }
        try {
            return new ApiCredentials(account, key, secret.resolve());
        } catch (CredentialException e) {
            throw new ConnectorConfigException(exchange, "account." + account + ".secret", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConnectorConfigException(exchange, "account." + account + ".api-key", "is blank");
        }
    }

    @Override
    public String toString() {
        return "AccountSettings[account=" + account + ", keyType=" + keyType + ", apiKey=" + apiKey + ", secret="
                + secret + ", settings=" + settings + "]";
    }
}
