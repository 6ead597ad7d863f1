package io.exchangebus.connectors.binance.auth;

/**
 * The kinds of API key Binance accepts that we support. RSA keys are not supported: Binance recommends Ed25519,
 * which is also the only kind that can log a WebSocket API session on ({@code session.logon}).
 */
public enum BinanceKeyType {
    /** A shared secret; requests carry a hex HMAC-SHA256 signature. */
    HMAC,
    /** A private key (PKCS#8 PEM) whose public key is registered with Binance; signatures are base64. */
    ED25519
}
