package io.exchangebus.sim.binance;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** USDⓈ-M listenKeys: one per account while valid (POST returns the same key), extended by PUT, closed by DELETE. */
final class ListenKeys {

    static final class Key {
        final String value;
        final String account;
        volatile long expiresAt;
        volatile boolean expired;

        Key(String value, String account, long expiresAt) {
            this.value = value;
            this.account = account;
            this.expiresAt = expiresAt;
        }
    }

    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Clock clock;
    private final Duration validity;
    private final Map<String, Key> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Key> byValue = new ConcurrentHashMap<>();

    ListenKeys(Clock clock, Duration validity) {
        this.clock = clock;
        this.validity = validity;
    }

    synchronized Key obtain(String account) {
        Key key = byAccount.get(account);
        long now = clock.millis();
        if (key != null && !key.expired && key.expiresAt > now) {
            key.expiresAt = now + validity.toMillis();
            return key;
        }
        char[] c = new char[64];
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < c.length; i++) {
            c[i] = ALNUM[r.nextInt(ALNUM.length)];
        }
        key = new Key(new String(c), account, now + validity.toMillis());
        byAccount.put(account, key);
        byValue.put(key.value, key);
        return key;
    }

    synchronized Key keepAlive(String account) {
        Key key = byAccount.get(account);
        if (key == null || key.expired || key.expiresAt <= clock.millis()) {
            throw new BinanceException(400, -1125, "This listenKey does not exist.");
        }
        key.expiresAt = clock.millis() + validity.toMillis();
        return key;
    }

    synchronized Optional<Key> close(String account) {
        Key key = byAccount.remove(account);
        if (key != null) {
            key.expired = true;
        }
        return Optional.ofNullable(key);
    }

    Key byValue(String value) {
        return byValue.get(value);
    }

    Optional<Key> current(String account) {
        return Optional.ofNullable(byAccount.get(account)).filter(k -> !k.expired);
    }

    /** Marks keys past their validity expired and returns them (each once). */
    synchronized List<Key> expireDue() {
        long now = clock.millis();
        List<Key> due = byValue.values().stream().filter(k -> !k.expired && k.expiresAt <= now).toList();
        due.forEach(k -> {
            k.expired = true;
            byAccount.remove(k.account, k);
        });
        return due;
    }
}
