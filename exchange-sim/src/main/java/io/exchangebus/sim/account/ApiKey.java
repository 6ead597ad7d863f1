package io.exchangebus.sim.account;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Random;

/**
 * An API key pair as the exchange would issue it. The secret is what the simulator signs with to check a client's
 * signature; {@link #toString()} never shows it, so it cannot end up in a log line or an assertion message.
 */
public final class ApiKey {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final String keyId;
    private final String secret;

    public ApiKey(String keyId, String secret) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /** A new pair of 64 alphanumeric characters each, from {@code random} (a SecureRandom unless a test seeds). */
    public static ApiKey generate(Random random) {
        return new ApiKey(randomText(random, 64), randomText(random, 64));
    }

    public static ApiKey generate() {
        return generate(new SecureRandom());
    }

    private static String randomText(Random random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    public String keyId() {
        return keyId;
    }

    public String secret() {
        return secret;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other && keyId.equals(other.keyId) && secret.equals(other.secret);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[keyId=" + keyId + ", secret=***]";
    }
}
