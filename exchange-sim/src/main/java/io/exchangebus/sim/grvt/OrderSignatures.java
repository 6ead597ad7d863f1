package io.exchangebus.sim.grvt;

import java.math.BigInteger;
import java.security.SignatureException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Checks an order's EIP-712 signature as GRVT does (grvt.md §10, §12), in this order: {@code r}/{@code s} are
 * {@code 0x} + 64 hex digits (2006); {@code v} is 27 or 28 (2005); {@code s ≤ n/2} (2007: the high-s twin recovers
 * the same address, so only this check refuses it); a non-zero {@code chain_id} names this simulator's chain (1012);
 * the expiration is in the future (2001) and at most 30 days ahead (2008); the address recovered from the digest
 * ({@link OrderTypedData}) is the {@code signer} the order names (else 2002: another payload or chain was signed);
 * the signer is registered for the sub-account (2000). Curve recovery is web3j's.
 */
final class OrderSignatures {

    private static final Pattern WORD = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final BigInteger HALF_N = Sign.CURVE_PARAMS.getN().shiftRight(1);
    static final Duration MAX_EXPIRY = Duration.ofDays(30);

    private final long chainId;

    OrderSignatures(long chainId) {
        this.chainId = chainId;
    }

    long chainId() {
        return chainId;
    }

    /** Empty when the signature holds; otherwise GRVT's error. */
    Optional<GrvtError> check(SignedOrder order, GrvtInstrument instrument, Instant now, Set<String> signers) {
        SignedOrder.Signature sig = order.signature();
        if (!WORD.matcher(sig.r()).matches() || !WORD.matcher(sig.s()).matches()) {
            return Optional.of(GrvtError.BAD_R_S);
        }
        if (sig.v() != 27 && sig.v() != 28) {
            return Optional.of(GrvtError.BAD_V);
        }
        if (Numeric.toBigInt(sig.s()).compareTo(HALF_N) > 0) {
            return Optional.of(GrvtError.HIGH_S);
        }
        if (sig.chainId() != 0 && sig.chainId() != chainId) {
            return Optional.of(GrvtError.BAD_CHAIN_ID);
        }
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        if (sig.expiration() <= nowNanos) {
            return Optional.of(GrvtError.SIGNATURE_EXPIRED);
        }
        if (sig.expiration() - nowNanos > MAX_EXPIRY.toNanos()) {
            return Optional.of(GrvtError.EXPIRATION_TOO_FAR);
        }
        String recovered = recover(OrderTypedData.digest(order, instrument, chainId), sig);
        if (recovered == null || !recovered.equalsIgnoreCase(sig.signer())) {
            return Optional.of(GrvtError.SIGNATURE_MISMATCH);
        }
        if (!signers.contains(recovered.toLowerCase(Locale.ROOT))) {
            return Optional.of(GrvtError.UNAUTHORIZED_SIGNER);
        }
        return Optional.empty();
    }

    /** The {@code 0x} address (lower case) whose key made {@code sig} over {@code digest}; null if none. */
    static String recover(byte[] digest, SignedOrder.Signature sig) {
        Sign.SignatureData data = new Sign.SignatureData((byte) sig.v(), Numeric.hexStringToByteArray(sig.r()),
                Numeric.hexStringToByteArray(sig.s()));
        try {
            BigInteger key = Sign.signedMessageHashToKey(digest, data);
            return "0x" + Keys.getAddress(key).toLowerCase(Locale.ROOT);
        } catch (SignatureException | IllegalArgumentException e) {
            return null;
        }
    }
}
