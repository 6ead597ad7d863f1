package io.exchangebus.connectors.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRefTest {
    @TempDir
    Path dir;

    @Test
    void shouldNameTheMissingVariableOrFile() {
        assertThatThrownBy(() -> SecretRef.parse("env:BINANCE_SECRET").resolve(Map.<String, String>of()::get))
                .isInstanceOf(CredentialException.class).hasMessage("environment variable BINANCE_SECRET is not set");
        assertThatThrownBy(() -> SecretRef.parse("file:" + dir.resolve("nope")).resolve())
                .isInstanceOf(CredentialException.class).hasMessageContaining(dir.resolve("nope").toString());
    }

    @Test
    void shouldRefuseAValueWhereAReferenceBelongs() {
        assertThatThrownBy(() -> SecretRef.parse("abc123"))
                .hasMessage("a secret is given as env:NAME or file:/path, never as its value");
    }

    @Test
    void shouldReadAFileWithoutItsTrailingNewlineAndSeeWhoCanReadIt() throws Exception {
        Path file = Files.writeString(dir.resolve("s"), "k3y\r\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        SecretRef ref = SecretRef.parse("file:" + file);

        String read = ref.resolve().apply(b -> new String(b, StandardCharsets.UTF_8));
        assertThat(read).isEqualTo("k3y");
        assertThat(ref.isReadableByOthers()).isFalse();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ref.isReadableByOthers()).isTrue();
    }

    @Test
    void shouldWipeTheCopyHandedToAUser() {
        byte[][] handed = new byte[1][];
        Secret.of("abc").apply(bytes -> handed[0] = bytes);

        assertThat(handed[0]).containsOnly(0);
        String text = Secret.of("abc").apply(bytes -> new String(bytes, StandardCharsets.UTF_8));
        assertThat(text).isEqualTo("abc");
    }
}
