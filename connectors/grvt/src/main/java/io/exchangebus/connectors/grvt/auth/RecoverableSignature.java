package io.exchangebus.connectors.grvt.auth;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * A secp256k1 ECDSA signature of a 32-byte digest with its recovery id, as Ethereum signs: RFC 6979 deterministic
 * {@code k} (HMAC-SHA256), low {@code s}. The same {@code r}, {@code s} and {@code v} as web3j's
 * {@code Sign.signMessage(digest, keys, false)}, which finds the recovery id by recovering the public key for each
 * candidate id in turn (one to four scalar multiplications of two points, three quarters of a signature's cost);
 * here it is read from the nonce point {@code R = k·G} the signature is made of: the parity of its {@code y}
 * (flipped with {@code s} when {@code s} is lowered) and whether its {@code x} reached the group order.
 * {@code RecoverableSignatureTest} checks equality with web3j on random keys and digests.
 */
record RecoverableSignature(BigInteger r, BigInteger s, int recoveryId) {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = CURVE.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final ECMultiplier BASE = new FixedPointCombMultiplier();

    /** Ethereum's {@code v}: 27 plus the recovery id. */
    int v() {
        return 27 + recoveryId;
    }

    /** Signs {@code digest} (32 bytes, already hashed) with {@code key} in 1..n−1. */
    static RecoverableSignature sign(BigInteger key, byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a digest is 32 bytes, was " + digest.length);
        }
        BigInteger e = new BigInteger(1, digest); // n has 256 bits: the whole digest, as ECDSASigner takes it
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, key, digest);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint point = BASE.multiply(CURVE.getG(), k).normalize();
            BigInteger x = point.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = BigIntegers.modOddInverse(N, k).multiply(e.add(key.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            int id = (point.getAffineYCoord().testBitZero() ? 1 : 0) | (x.compareTo(N) >= 0 ? 2 : 0);
            if (s.compareTo(HALF_N) > 0) {
                s = N.subtract(s); // -s is the signature of the point -R, whose y has the other parity
                id ^= 1;
            }
            return new RecoverableSignature(r, s, id);
        }
    }
}
