package io.exchangebus.sim.auth;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Issued credential values with their sessions and expiry; revoked values are remembered so that they are refused
 * as {@link Refusal#REVOKED}, not {@link Refusal#UNKNOWN}. Not thread-safe: its owner synchronizes.
 */
final class CredentialTable<T> {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private record Entry<T>(T session, Instant expiresAt, boolean revoked) {
    }

    private final Map<String, Entry<T>> byValue = new HashMap<>();

    /** A fresh value of {@code length} alphanumeric characters, not issued before. */
    String newValue(Random random, int length) {
        while (true) {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            String value = new String(chars);
            if (!byValue.containsKey(value)) {
                return value;
            }
        }
    }

    void put(String value, T session, Instant expiresAt) {
        byValue.put(value, new Entry<>(session, expiresAt, false));
    }

    /** Valid while {@code now} is before the expiry. */
    Checked<T> check(String value, Instant now) {
        Entry<T> entry = value == null ? null : byValue.get(value);
        if (entry == null) {
            return new Checked.Refused<>(Refusal.UNKNOWN);
        }
        if (entry.revoked) {
            return new Checked.Refused<>(Refusal.REVOKED);
        }
        if (!now.isBefore(entry.expiresAt)) {
            return new Checked.Refused<>(Refusal.EXPIRED);
        }
        return new Checked.Valid<>(entry.session);
    }

    void revoke(String value) {
        byValue.computeIfPresent(value, (v, e) -> new Entry<>(e.session, e.expiresAt, true));
    }

    /** Revokes every value whose session matches; returns how many were still unrevoked. */
    int revokeIf(Predicate<T> matches) {
        int count = 0;
        for (Map.Entry<String, Entry<T>> e : byValue.entrySet()) {
            if (!e.getValue().revoked && matches.test(e.getValue().session)) {
                e.setValue(new Entry<>(e.getValue().session, e.getValue().expiresAt, true));
                count++;
            }
        }
        return count;
    }
}
