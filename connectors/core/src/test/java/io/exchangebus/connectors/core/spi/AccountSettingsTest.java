package io.exchangebus.connectors.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountSettingsTest {

    private static final String SECRET = "s3cr3t-value-never-shown";

    @TempDir
    Path dir;

    @Test
    void shouldReadKeyAndSecretOnlyWhenResolved() throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "abcdefghijkl\n");
        Path secret = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        AccountSettings account = new AccountSettings("main", "hmac", SecretRef.parse("file:" + key),
                SecretRef.parse("file:" + secret));

        ApiCredentials credentials = account.resolve("binance-spot");

        assertThat(credentials.apiKey()).isEqualTo("abcdefghijkl");
        assertThat(credentials.secret().length()).isEqualTo(SECRET.length());
        assertThat(account.toString()).doesNotContain(SECRET).contains("file:" + secret);
        assertThat(credentials.toString()).doesNotContain(SECRET);
    }

    @Test
    void shouldNameTheAccountsSecretWhenItCannotBeRead() throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "abcdefghijkl");
        AccountSettings account = new AccountSettings("main", "hmac", SecretRef.parse("file:" + key),
                SecretRef.parse("file:" + dir.resolve("missing")));

        assertThatThrownBy(() -> account.resolve("binance-spot"))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessageStartingWith("binance-spot: account.main.secret cannot read secret file")
                .satisfies(e -> assertThat(((ConnectorConfigException) e).key()).isEqualTo("account.main.secret"));
    }

    @Test
    void shouldNameTheAccountsKeyWhenItsVariableIsMissing() {
        AccountSettings account = new AccountSettings("main", "hmac",
                SecretRef.parse("env:EXBUS_TEST_SURELY_UNSET_KEY"), SecretRef.parse("env:EXBUS_TEST_SURELY_UNSET"));

        assertThatThrownBy(() -> account.resolve("binance-spot"))
                .isInstanceOf(ConnectorConfigException.class)
                .hasMessage("binance-spot: account.main.api-key environment variable EXBUS_TEST_SURELY_UNSET_KEY"
                        + " is not set");
    }

    @Test
    void shouldRefuseABlankAccountOrKeyType() {
        SecretRef ref = SecretRef.parse("env:X");
        assertThatThrownBy(() -> new AccountSettings(" ", "hmac", ref, ref))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccountSettings("main", "", ref, ref))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key-type");
    }
}
