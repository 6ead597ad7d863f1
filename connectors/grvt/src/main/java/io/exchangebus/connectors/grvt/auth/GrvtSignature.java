package io.exchangebus.connectors.grvt.auth;

import java.util.Objects;

/**
 * An EIP-712 signature as GRVT's {@code signature} object carries it (grvt.md §12): {@code r} and {@code s} as
 * {@code 0x} and 64 hex digits (2006), {@code s} in the low half of the curve order (2007), {@code v} 27 or 28 (2005),
 * and the signer's checksummed address. Public values only.
 *
 * @param signer the signer's address, EIP-55 checksummed
 * @param r {@code 0x} + 64 lower-case hex digits
 * @param s {@code 0x} + 64 lower-case hex digits, low-s
 * @param v 27 or 28
 */
public record GrvtSignature(String signer, String r, String s, int v) {
    public GrvtSignature {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
    }
}
