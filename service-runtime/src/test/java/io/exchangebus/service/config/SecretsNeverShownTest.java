package io.exchangebus.service.config;

import static io.exchangebus.service.config.ConfigLoaderTest.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.credentials.SecretRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret references are configuration; the secrets they point at never appear in what the configuration shows. */
class SecretsNeverShownTest {
    private static final String SECRET = "hmac-secret-5f2a9c71e";
    private static final String API_KEY = "api-key-value-8d1b";

    @TempDir
    Path dir;

    private String yaml(Path secretFile) {
        return MINIMAL.replace("kafka:\n", "kafka:\n  client:\n    sasl.jaas.config: file:" + secretFile + "\n")
                + "exchanges:\n  binance-spot:\n"
                + "accounts:\n  main:\n    exchange: binance-spot\n    api-key: env:API_KEY\n"
                + "    secret: file:" + secretFile + "\n";
    }

    @Test
    void shouldShowReferencesButNeverTheSecrets() throws Exception {
        Path file = Files.writeString(dir.resolve("binance"), SECRET + "\n");

        ServiceConfig config = new ConfigLoader("pms-service", CommonKeys.SCHEMA, Map.of("API_KEY", API_KEY))
                .loadYaml(yaml(file));

        assertThat(config.toString()).contains("accounts.main.secret=file:" + file, "accounts.main.api-key=env:API_KEY")
                .doesNotContain(SECRET).doesNotContain(API_KEY);
        assertThat(CommonConfig.of(config).accounts().toString()).doesNotContain(SECRET).doesNotContain(API_KEY);
        SecretRef ref = config.get(CommonKeys.ACCOUNT_SECRET, "main");
        String loaded = config.resolve(ref).apply(bytes -> new String(bytes, StandardCharsets.UTF_8));
        assertThat(loaded).isEqualTo(SECRET);
    }

    @Test
    void shouldNotPutSecretsInErrorMessages() throws Exception {
        Path file = Files.writeString(dir.resolve("binance"), SECRET + "\n");
        String broken = yaml(file).replace("exchange: binance-spot", "exchange: nowhere")
                + "service:\n  http-port: " + SECRET + "\n";

        ConfigException e = ConfigLoaderTest.failure(broken.replace("env:API_KEY", API_KEY),
                Map.of("API_KEY", API_KEY));

        // The port's own text is repeated (it is not a secret key), the secret file's and the pasted key are not.
        assertThat(e.problems()).anyMatch(p -> p.startsWith("config key 'accounts.main.api-key': a secret is given"));
        assertThat(e.problems()).anyMatch(p -> p.startsWith("config key 'accounts.main.exchange': names exchange"));
        assertThat(e.getMessage().replace("'" + SECRET + "'", "")).doesNotContain(SECRET).doesNotContain(API_KEY);
    }

    @Test
    void shouldNameAnUnreadableSecretFileWithoutShowingAnyContent() {
        Path absent = dir.resolve("absent");

        ConfigException e = ConfigLoaderTest.failure(yaml(absent), Map.of("API_KEY", API_KEY));

        assertThat(e.problems()).containsExactly("config key 'accounts.main.secret': cannot read secret file "
                + absent + ": NoSuchFileException");
    }

    @Test
    void shouldHidePlainValuesOfSensitivePassThroughKeys() {
        ServiceConfig config = ConfigLoaderTest.load(MINIMAL, Map.of(
                "EXBUS_KAFKA__CLIENT__SASL_JAAS_CONFIG", "PlainLoginModule required password=\"" + SECRET + "\";",
                "EXBUS_KAFKA__CLIENT__SSL_TRUSTSTORE_PASSWORD", "env:TRUSTSTORE_PASSWORD",
                "EXBUS_KAFKA__CLIENT__SECURITY_PROTOCOL", "SASL_SSL"));

        assertThat(config.toString()).doesNotContain(SECRET).contains("sasl.jaas.config=[redacted]",
                "ssl.truststore.password=env:TRUSTSTORE_PASSWORD", "security.protocol=SASL_SSL");
    }
}
