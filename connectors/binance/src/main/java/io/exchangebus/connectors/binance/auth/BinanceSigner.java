package io.exchangebus.connectors.binance.auth;

import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.CredentialException;
import io.exchangebus.connectors.core.credentials.HmacSha256;
import io.exchangebus.connectors.core.credentials.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs Binance request payloads with one account's key: HMAC-SHA256 as lower-case hex, or Ed25519 as base64, over
 * the UTF-8 bytes of the payload (Binance's "SIGNED endpoint security"). What the payload is — the REST query string
 * and body, or the WebSocket API's sorted parameters — is for {@link BinanceRequestSigner} and {@link WsApiSigning}.
 *
 * <p>Thread-safe. {@link #toString()} shows the account and the masked key only; the secret never leaves
 * {@link Secret}.
 */
public final class BinanceSigner {

    private final ApiCredentials credentials;
    private final BinanceKeyType type;
    private final PrivateKey ed25519;
    /** The HMAC secret keyed once (a WebSocket API order is one signature): null for an Ed25519 key. */
    private final HmacSha256.Keyed hmac;

    private BinanceSigner(ApiCredentials credentials, BinanceKeyType type, PrivateKey ed25519) {
        this.credentials = credentials;
        this.type = type;
        this.ed25519 = ed25519;
        this.hmac = type == BinanceKeyType.HMAC ? HmacSha256.keyed(credentials.secret()) : null;
    }

    /**
     * A signer for {@code credentials}: for {@link BinanceKeyType#HMAC} the secret is the API secret; for
     * {@link BinanceKeyType#ED25519} it is the private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}).
     *
     * @throws CredentialException if an Ed25519 secret is not a readable Ed25519 private key (the message never
     *     quotes it)
     */
    public static BinanceSigner of(ApiCredentials credentials, BinanceKeyType type) {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(type, "type");
        PrivateKey key = type == BinanceKeyType.ED25519 ? ed25519Key(credentials) : null;
        return new BinanceSigner(credentials, type, key);
    }

    public String apiKey() {
        return credentials.apiKey();
    }

    public String account() {
        return credentials.account();
    }

    public BinanceKeyType type() {
        return type;
    }

    /** The signature of {@code payload}: hex for HMAC, base64 for Ed25519. */
    public String sign(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        if (type == BinanceKeyType.HMAC) {
            return hmac.hex(payload);
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(ed25519);
            signature.update(bytes);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed for account " + credentials.account(), e);
        }
    }

    private static PrivateKey ed25519Key(ApiCredentials credentials) {
        return credentials.secret().apply(pem -> {
            String text = new String(pem, StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            try {
                byte[] der = Base64.getDecoder().decode(text);
                return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                throw new CredentialException("the secret of account " + credentials.account()
                        + " is not an Ed25519 private key in PKCS#8 PEM form");
            }
        });
    }

    @Override
    public String toString() {
        return "BinanceSigner[" + credentials.account() + ", " + type + ", key " + credentials.maskedKey() + "]";
    }
}
