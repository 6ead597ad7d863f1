package io.exchangebus.connectors.core.credentials;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 request signatures, lower-case hex, as Binance (HMAC keys) and Deribit (client signature) specify.
 * What is signed (the payload) is each exchange's business; this only computes the MAC.
 */
public final class HmacSha256 {
    private static final String ALGORITHM = "HmacSHA256";

    private HmacSha256() {
    }

    /** The lower-case hex HMAC-SHA256 of {@code payload} (UTF-8) under {@code key}. */
    public static String hex(Secret key, String payload) {
        return HexFormat.of().formatHex(sign(key, payload.getBytes(StandardCharsets.UTF_8)));
    }

    /** The raw HMAC-SHA256 of {@code payload} under {@code key}. */
    public static byte[] sign(Secret key, byte[] payload) {
        return keyedMac(key).doFinal(payload);
    }

    /** A signer for many payloads under {@code key}, which it keys once. */
    public static Keyed keyed(Secret key) {
        return new Keyed(keyedMac(key));
    }

    private static Mac keyedMac(Secret key) {
        return key.apply(bytes -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(bytes, ALGORITHM));
                return mac;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                // Every JDK ships HmacSHA256 and accepts any non-empty key: reaching here is a bug. The message
                // names the algorithm only, never the key.
                throw new IllegalStateException("HmacSHA256 unavailable or key refused: " + e.getClass().getSimpleName());
            }
        });
    }

    /**
     * HMAC-SHA256 under one key, keyed once: each signature starts from a copy of the keyed state instead of
     * looking the algorithm's provider up and keying a new Mac (what a request per order spent in signing, in
     * oms-service's profile at 1,000 orders/s). Holds the keyed state, never the key's text; {@code toString} shows
     * neither. Thread-safe: the keyed Mac itself is only copied, never updated.
     */
    public static final class Keyed {
        private final Mac keyed;
        private final boolean copies;

        private Keyed(Mac keyed) {
            this.keyed = keyed;
            this.copies = copyOf(keyed) != null;
        }

        /** The lower-case hex HMAC-SHA256 of {@code payload} (UTF-8). */
        public String hex(String payload) {
            return HexFormat.of().formatHex(sign(payload.getBytes(StandardCharsets.UTF_8)));
        }

        /** The raw HMAC-SHA256 of {@code payload}. */
        public byte[] sign(byte[] payload) {
            if (copies) {
                return copyOf(keyed).doFinal(payload);
            }
            // A provider whose Mac cannot be copied: one signature at a time (doFinal resets it for the next).
            synchronized (keyed) {
                return keyed.doFinal(payload);
            }
        }

        private static Mac copyOf(Mac mac) {
            try {
                return (Mac) mac.clone();
            } catch (CloneNotSupportedException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return "HmacSha256.Keyed[redacted]";
        }
    }
}
