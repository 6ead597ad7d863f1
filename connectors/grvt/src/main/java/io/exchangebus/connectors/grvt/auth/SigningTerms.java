package io.exchangebus.connectors.grvt.auth;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the signed order needs to know of an instrument: its {@code instrument_hash} (the leg's {@code assetID}, a
 * {@code uint256}) and {@code base_decimals} (the size's scale, {@code contractSize = size × 10^base_decimals}).
 * Both come from {@code all_instruments}; the instrument mapping keeps them beside the definition.
 *
 * @param instrument GRVT's instrument name, for messages
 * @param instrumentHash {@code 0x} and hex digits, at most 64
 * @param baseDecimals 0 to 18
 */
public record SigningTerms(String instrument, String instrumentHash, int baseDecimals) {
    private static final Pattern HASH = Pattern.compile("0x[0-9a-fA-F]{1,64}");

    public SigningTerms {
        Objects.requireNonNull(instrument, "instrument");
        if (instrumentHash == null || !HASH.matcher(instrumentHash).matches()) {
            throw new IllegalArgumentException(instrument + ": instrument_hash is not 0x and 1 to 64 hex digits: "
                    + instrumentHash);
        }
        if (baseDecimals < 0 || baseDecimals > 18) {
            throw new IllegalArgumentException(instrument + ": base_decimals out of 0..18: " + baseDecimals);
        }
    }
}
