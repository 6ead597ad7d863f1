package io.exchangebus.connectors.deribit.auth;

import io.exchangebus.connectors.core.credentials.HmacSha256;
import io.exchangebus.connectors.core.credentials.Secret;
import java.util.Objects;

/**
 * Deribit's {@code client_signature} grant of {@code public/auth} (API docs, "Additional authorization method -
 * signature credentials"):
 * <pre>
 *   StringToSign = Timestamp + "\n" + Nonce + "\n" + Data      (both "\n" always, also when Data is empty)
 *   signature    = lower-case hex(HMAC-SHA256(ClientSecret, StringToSign))
 * </pre>
 * The timestamp is in milliseconds and valid for 60 s; a nonce may be used once. The client secret stays inside a
 * {@link Secret}: it appears in no string, exception or {@code toString} of this class. Stateless, thread-safe.
 */
public final class DeribitSigner {

    private DeribitSigner() {
    }

    /** The text that is signed. */
    public static String stringToSign(long timestampMillis, String nonce, String data) {
        return timestampMillis + "\n" + requireNonce(nonce) + "\n" + Objects.requireNonNull(data, "data");
    }

    /** The lower-case hex signature of {@code timestamp}, {@code nonce} and {@code data} under {@code clientSecret}. */
    public static String signature(Secret clientSecret, long timestampMillis, String nonce, String data) {
        Objects.requireNonNull(clientSecret, "clientSecret");
        return HmacSha256.hex(clientSecret, stringToSign(timestampMillis, nonce, data));
    }

    /** The params of a {@code public/auth} request with {@code grant_type: client_signature}. */
    public static ClientSignature clientSignature(String clientId, Secret clientSecret, long timestampMillis,
                                                  String nonce, String data) {
        return new ClientSignature(clientId, timestampMillis, nonce, data,
                signature(clientSecret, timestampMillis, nonce, data));
    }

    private static String requireNonce(String nonce) {
        if (nonce == null || nonce.isEmpty()) {
            throw new IllegalArgumentException("nonce must not be empty");
        }
        return nonce;
    }

    /**
     * The {@code public/auth} params of the signature grant; nothing in them is secret (the signature is single use
     * and says nothing of the key).
     *
     * @param clientId the API key's client id
     * @param timestamp milliseconds since the epoch
     * @param nonce single-use text
     * @param data optional signed text, "" when none
     * @param signature lower-case hex
     */
    public record ClientSignature(String clientId, long timestamp, String nonce, String data, String signature) {
        public ClientSignature {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(signature, "signature");
        }

        /** The grant's name, {@code client_signature}. */
        public String grantType() {
            return "client_signature";
        }
    }
}
