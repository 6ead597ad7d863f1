package io.exchangebus.connectors.grvt.auth;

import java.util.Objects;

/**
 * An order's signed message, the digest that was signed and the signature: what {@code v1/create_order} sends with
 * the order (with nonce, expiration and chain id from the message and the signer).
 *
 * @param message the integers that were signed
 * @param digest the EIP-712 digest, {@code 0x} + 64 hex digits
 * @param signature the signature
 * @param chainId the EIP-712 chain id it was signed for
 */
public record SignedOrder(OrderMessage message, String digest, GrvtSignature signature, long chainId) {
    public SignedOrder {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(signature, "signature");
    }
}
