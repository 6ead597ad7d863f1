package io.exchangebus.connectors.grvt.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The few pieces of EIP-712 that GRVT's typed data needs, done by hand so that each step can be checked against the
 * SDK's intermediate values: {@code keccak256} of a type string, one 32-byte word per atomic value, and the final
 * {@code keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash)}. The domain is GRVT's {@code EIP712Domain(string
 * name,string version,uint256 chainId)}: no verifying contract, no salt (grvt.md §12). Keccak comes from web3j.
 * Stateless and thread-safe.
 */
final class Eip712 {

    static final String DOMAIN_TYPE = "EIP712Domain(string name,string version,uint256 chainId)";
    static final String DOMAIN_NAME = "GRVT Exchange";
    static final String DOMAIN_VERSION = "0";

    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private Eip712() {
    }

    static byte[] keccak(byte[] bytes) {
        return Hash.sha3(bytes);
    }

    static byte[] typeHash(String encodedType) {
        return keccak(encodedType.getBytes(StandardCharsets.UTF_8));
    }

    /** The domain separator of GRVT's domain for {@code chainId}. */
    static byte[] domainSeparator(long chainId) {
        return keccak(concat(typeHash(DOMAIN_TYPE),
                keccak(DOMAIN_NAME.getBytes(StandardCharsets.UTF_8)),
                keccak(DOMAIN_VERSION.getBytes(StandardCharsets.UTF_8)),
                uint(BigInteger.valueOf(chainId))));
    }

    /** The digest that is signed: {@code keccak256(0x1901 ‖ domainSeparator ‖ structHash)}. */
    static byte[] digest(byte[] domainSeparator, byte[] structHash) {
        byte[] prefixed = new byte[66];
        prefixed[0] = 0x19;
        prefixed[1] = 0x01;
        System.arraycopy(domainSeparator, 0, prefixed, 2, 32);
        System.arraycopy(structHash, 0, prefixed, 34, 32);
        return keccak(prefixed);
    }

    /** An unsigned integer as one word; the caller has checked its width. */
    static byte[] uint(BigInteger value) {
        return Numeric.toBytesPadded(value, 32);
    }

    static byte[] uint(long value) {
        return uint(BigInteger.valueOf(value));
    }

    /** A signed integer ({@code int64}) as one word, two's complement. */
    static byte[] int64(long value) {
        BigInteger v = BigInteger.valueOf(value);
        return uint(v.signum() < 0 ? v.add(TWO_256) : v);
    }

    static byte[] bool(boolean value) {
        return uint(value ? 1 : 0);
    }

    /** A 20-byte address as one word (left-padded). */
    static byte[] address(String hex) {
        return uint(Numeric.toBigInt(hex));
    }

    static byte[] concat(byte[]... words) {
        int length = 0;
        for (byte[] w : words) {
            length += w.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] w : words) {
            System.arraycopy(w, 0, out, at, w.length);
            at += w.length;
        }
        return out;
    }
}
