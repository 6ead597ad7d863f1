package io.exchangebus.connectors.grvt.auth;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.grvt.GrvtVenue;
import io.exchangebus.events.ErrorKind;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * GRVT's checks of a signature's form, then the signer it recovers to (grvt.md §10, §12): {@code v} 27 or 28
 * (2005), {@code r}/{@code s} {@code 0x} + 64 hex digits (2006), {@code s} at most n/2 (2007). The last one is
 * needed because the high-s twin ({@code n − s} with {@code v} flipped) recovers the same address. Whether the
 * recovered signer is the one expected is the caller's comparison (2002/2000). Stateless.
 */
public final class GrvtSignatureCheck {

    private static final Pattern WORD = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final BigInteger HALF_ORDER = GrvtOrderSigner.CURVE_ORDER.shiftRight(1);

    private GrvtSignatureCheck() {
    }

    /** The checksummed address that signed {@code digest}, or GRVT's error code for the first rule broken. */
    public static Result<String> recover(byte[] digest, String r, String s, int v) {
        if (v != 27 && v != 28) {
            return refuse("2005", "signature v must be 27 or 28: " + v);
        }
        if (r == null || s == null || !WORD.matcher(r).matches() || !WORD.matcher(s).matches()) {
            return refuse("2006", "signature r and s must be 0x and 64 hex digits");
        }
        BigInteger sValue = Numeric.toBigInt(s);
        if (sValue.compareTo(HALF_ORDER) > 0) {
            return refuse("2007", "signature s must be in the lower half of the curve order");
        }
        try {
            BigInteger key = Sign.signedMessageHashToKey(digest, new Sign.SignatureData((byte) v,
                    Numeric.hexStringToByteArray(r), Numeric.hexStringToByteArray(s)));
            return Result.ok(Keys.toChecksumAddress(Keys.getAddress(key)));
        } catch (SignatureException | IllegalArgumentException e) {
            return refuse("2002", "signature does not recover a key: " + e.getMessage());
        }
    }

    private static Result<String> refuse(String code, String message) {
        return Result.err(new ExchangeError(ErrorKind.INVALID_ORDER, GrvtVenue.EXCHANGE, code, message, 0, false,
                null));
    }
}
