package io.exchangebus.connectors.core.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A secret (API secret, private key, passphrase). Its {@code toString} never shows it, it has no content-based
 * {@code equals}, and it is handed out only to a function that uses it ({@link #apply}), as a copy that is wiped
 * afterwards. Never put one in a log, an exception message or a Kafka record.
 */
public final class Secret {
    private final byte[] value;

    private Secret(byte[] value) {
        this.value = value;
    }

    /** A secret from its text (UTF-8). */
    public static Secret of(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a secret cannot be empty");
        }
        return new Secret(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs {@code use} with a copy of the secret's bytes, wiped when it returns. */
    public <T> T apply(Function<byte[], T> use) {
        byte[] copy = value.clone();
        try {
            return use.apply(copy);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    /** Its length in bytes, which is safe to show. */
    public int length() {
        return value.length;
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
