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
        return key.apply(bytes -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(bytes, ALGORITHM));
                return mac.doFinal(payload);
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                // Every JDK ships HmacSHA256 and accepts any non-empty key: reaching here is a bug. The message
                // names the algorithm only, never the key.
                throw new IllegalStateException("HmacSHA256 unavailable or key refused: " + e.getClass().getSimpleName());
            }
        });
    }
}
