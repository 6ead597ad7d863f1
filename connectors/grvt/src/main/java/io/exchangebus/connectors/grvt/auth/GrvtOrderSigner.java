package io.exchangebus.connectors.grvt.auth;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.grvt.GrvtVenue;
import io.exchangebus.events.ErrorKind;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Signs GRVT orders (and transfers) with one account's secp256k1 private key, for one EIP-712 chain id (325
 * production, 326 testnet; {@code GrvtEnvironment}). Keccak is web3j's; the signature of the prehashed digest
 * ({@link RecoverableSignature}, secp256k1 with BouncyCastle) has RFC 6979 deterministic {@code k}, a low {@code s}
 * and the matching {@code v} 27/28, what web3j's {@code Sign.signMessage} gives and GRVT checks (grvt.md §12,
 * §13: flipping {@code s} alone recovers another signer).
 *
 * <p>The key comes from configuration as a {@link Secret} (environment or file, never a literal) and is never
 * shown: not in {@link #toString}, not in an error. Immutable and thread-safe.
 */
public final class GrvtOrderSigner {

    /** secp256k1's group order n. */
    static final BigInteger CURVE_ORDER =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    private final ECKeyPair keys;
    private final String address;
    private final long chainId;

    private GrvtOrderSigner(ECKeyPair keys, long chainId) {
        this.keys = keys;
        this.address = Keys.toChecksumAddress(Keys.getAddress(keys.getPublicKey()));
        this.chainId = chainId;
    }

    /**
     * A signer for {@code chainId} from {@code privateKey}: 64 hex digits, with or without {@code 0x}. A key of
     * another form is an AUTH error value whose message says only what is wrong with its shape.
     */
    public static Result<GrvtOrderSigner> of(Secret privateKey, long chainId) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (chainId <= 0) {
            return Result.err(keyError("chain id must be positive: " + chainId));
        }
        BigInteger key = privateKey.apply(GrvtOrderSigner::parseKey);
        if (key == null) {
            return Result.err(keyError("private key is not 64 hex digits (with or without 0x), or not in 1..n-1"));
        }
        return Result.ok(new GrvtOrderSigner(ECKeyPair.create(key), chainId));
    }

    /** The signer's address, EIP-55 checksummed: GRVT's {@code signature.signer}. */
    public String address() {
        return address;
    }

    public long chainId() {
        return chainId;
    }

    /** Scales, hashes and signs {@code order}; an order that cannot be signed as asked is an INVALID_ORDER value. */
    public Result<SignedOrder> sign(OrderToSign order) {
        return OrderScaling.scale(order).map(this::sign);
    }

    /** Signs an already scaled order message. */
    public SignedOrder sign(OrderMessage message) {
        byte[] digest = GrvtTypedData.digest(chainId, GrvtTypedData.structHash(message));
        return new SignedOrder(message, Numeric.toHexString(digest), signDigest(digest), chainId);
    }

    /** Signs a transfer message. */
    public GrvtSignature sign(TransferMessage transfer) {
        return signDigest(GrvtTypedData.digest(chainId, GrvtTypedData.structHash(transfer)));
    }

    /** Signs a 32-byte EIP-712 digest as it is (no further hashing). */
    GrvtSignature signDigest(byte[] digest) {
        RecoverableSignature sig = RecoverableSignature.sign(keys.getPrivateKey(), digest);
        return new GrvtSignature(address, word(sig.r()), word(sig.s()), sig.v());
    }

    private static String word(BigInteger value) {
        return "0x" + Numeric.toHexStringNoPrefixZeroPadded(value, 64).toLowerCase();
    }

    /** The key as a number, or null; the text is never put into a message. */
    private static BigInteger parseKey(byte[] utf8) {
        String text = new String(utf8, StandardCharsets.UTF_8).strip();
        if (text.startsWith("0x") || text.startsWith("0X")) {
            text = text.substring(2);
        }
        if (text.length() != 64 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        BigInteger key = new BigInteger(text, 16);
        return key.signum() > 0 && key.compareTo(CURVE_ORDER) < 0 ? key : null;
    }

    private static ExchangeError keyError(String message) {
        return new ExchangeError(ErrorKind.AUTH, GrvtVenue.EXCHANGE, "PRIVATE_KEY", message, 0, false, null);
    }

    @Override
    public String toString() {
        return "GrvtOrderSigner[signer=" + address + ", chainId=" + chainId + ", key=redacted]";
    }
}
