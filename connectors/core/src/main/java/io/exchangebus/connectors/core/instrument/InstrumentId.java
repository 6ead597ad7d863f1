package io.exchangebus.connectors.core.instrument;

import io.exchangebus.events.InstrumentKind;
import io.exchangebus.events.OptionType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our normalized instrument id, the same whatever the exchange calls it:
 * <pre>
 *   spot          BASE-QUOTE                          BTC-USDT
 *   perpetual     BASE-QUOTE-PERP                     BTC-USDT-PERP, BTC-USD-PERP (inverse, settled in BTC)
 *   dated future  BASE-QUOTE-YYYYMMDD                 BTC-USD-20261225
 *   option        BASE-QUOTE-YYYYMMDD-STRIKE-C|P      BTC-USD-20261225-100000-C, XRP-USDC-20261225-0.55-P
 * </pre>
 * Assets are upper-case letters and digits (1000PEPE); the strike is a plain decimal. The settlement asset is not
 * part of the id: an exchange lists at most one instrument per id, and {@code Instrument.settle} says the rest.
 *
 * @param kind spot, perpetual, future or option
 * @param base the base asset
 * @param quote the quote asset
 * @param expiry the expiry date (UTC) of a future or option, else null
 * @param strike an option's strike, else null
 * @param optionType an option's call or put, else null
 */
public record InstrumentId(InstrumentKind kind, String base, String quote, LocalDate expiry, BigDecimal strike,
                           OptionType optionType) {
    private static final Pattern ASSET = Pattern.compile("[A-Z0-9]+");
    private static final Pattern FORM = Pattern.compile(
            "([A-Z0-9]+)-([A-Z0-9]+)(?:-(PERP)|-([0-9]{8})(?:-([0-9]+(?:\\.[0-9]+)?)-([CP]))?)?");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    public InstrumentId {
        Objects.requireNonNull(kind, "kind");
        if (kind == InstrumentKind.UNKNOWN) {
            // The reader's default for a kind added after this build: no id form, no contract arithmetic.
            throw new IllegalArgumentException("instrument kind UNKNOWN (added after this version) has no id");
        }
        requireAsset("base", base);
        requireAsset("quote", quote);
        boolean dated = kind == InstrumentKind.FUTURE || kind == InstrumentKind.OPTION;
        if (dated != (expiry != null)) {
            throw new IllegalArgumentException(kind + " " + (dated ? "needs" : "takes no") + " expiry");
        }
        boolean option = kind == InstrumentKind.OPTION;
        if (option != (strike != null) || option != (optionType != null)) {
            throw new IllegalArgumentException(kind + " " + (option ? "needs" : "takes no") + " strike and option type");
        }
        if (strike != null && strike.signum() <= 0) {
            throw new IllegalArgumentException("strike must be positive: " + strike.toPlainString());
        }
    }

    public static InstrumentId spot(String base, String quote) {
        return new InstrumentId(InstrumentKind.SPOT, base, quote, null, null, null);
    }

    public static InstrumentId perpetual(String base, String quote) {
        return new InstrumentId(InstrumentKind.PERPETUAL, base, quote, null, null, null);
    }

    public static InstrumentId future(String base, String quote, LocalDate expiry) {
        return new InstrumentId(InstrumentKind.FUTURE, base, quote, expiry, null, null);
    }

    public static InstrumentId option(String base, String quote, LocalDate expiry, BigDecimal strike, OptionType type) {
        return new InstrumentId(InstrumentKind.OPTION, base, quote, expiry, strike, type);
    }

    /**
     * Parses an id of the documented form.
     *
     * @throws IllegalArgumentException naming the text when it is not one
     */
    public static InstrumentId parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not an instrument id: '" + text
                    + "' (expected BASE-QUOTE, BASE-QUOTE-PERP, BASE-QUOTE-YYYYMMDD or BASE-QUOTE-YYYYMMDD-STRIKE-C|P)");
        }
        String base = m.group(1);
        String quote = m.group(2);
        if (m.group(3) != null) {
            return perpetual(base, quote);
        }
        if (m.group(4) == null) {
            return spot(base, quote);
        }
        LocalDate expiry;
        try {
            expiry = LocalDate.parse(m.group(4), DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not an instrument id: '" + text + "' has no valid date", e);
        }
        if (m.group(5) == null) {
            return future(base, quote, expiry);
        }
        return option(base, quote, expiry, new BigDecimal(m.group(5)),
                "C".equals(m.group(6)) ? OptionType.CALL : OptionType.PUT);
    }

    @Override
    public String toString() {
        String pair = base + "-" + quote;
        return switch (kind) {
            case SPOT -> pair;
            case PERPETUAL -> pair + "-PERP";
            case FUTURE -> pair + "-" + DATE.format(expiry);
            case OPTION -> pair + "-" + DATE.format(expiry) + "-" + strike.stripTrailingZeros().toPlainString() + "-"
                    + (optionType == OptionType.CALL ? "C" : "P");
            case UNKNOWN -> throw new IllegalStateException("refused by the constructor");
        };
    }

    private static void requireAsset(String what, String asset) {
        if (asset == null || !ASSET.matcher(asset).matches()) {
            throw new IllegalArgumentException(what + " asset must be upper-case letters and digits: '" + asset + "'");
        }
    }
}
