package io.exchangebus.connectors.deribit.mapping;

import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.events.OptionType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deribit instrument names to our {@link InstrumentId}, by their documented form (API docs "Naming"; NautilusTrader
 * "Symbology"):
 * <pre>
 *   BTC-PERPETUAL            inverse perpetual, quote USD      -> BTC-USD-PERP
 *   BTC_USDC-PERPETUAL       linear perpetual                  -> BTC-USDC-PERP
 *   BTC-27DEC24, BTC-5AUG23  future, day of 1 or 2 digits      -> BTC-USD-20241227
 *   BTC-27DEC24-100000-C     option (strike in USD)            -> BTC-USD-20241227-100000-C
 *   XRP_USDC-30JUN23-0d625-C linear option, 'd' for the point  -> XRP-USDC-20230630-0.625-C
 *   BTC_USDC                 spot                              -> BTC-USDC
 * </pre>
 * A name without {@code _QUOTE} is quoted in USD. Combos ({@code BTC-FS-…}, {@code BTC-CS-…}) and anything else are
 * refused: they have no id form in the model yet. Pure and stateless: no symbol map is kept.
 */
public final class DeribitSymbols {

    private static final Pattern NAME = Pattern.compile(
            "([A-Z0-9]+)(?:_([A-Z0-9]+))?(?:-(?:(PERPETUAL)|([0-9]{1,2}[A-Z]{3}[0-9]{2})(?:-([0-9]+(?:d[0-9]+)?)-([CP]))?))?");
    private static final DateTimeFormatter EXPIRY = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("dMMMuu").toFormatter(Locale.ENGLISH)
            .withResolverStyle(ResolverStyle.STRICT);
    /** The quote of a name that gives none: Deribit's inverse contracts and coin options are priced against USD. */
    private static final String DEFAULT_QUOTE = "USD";

    private DeribitSymbols() {
    }

    /**
     * Our id of a Deribit instrument name.
     *
     * @throws UnmappableMessageException naming the name when it is not of a mapped form
     */
    public static InstrumentId instrumentId(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name);
        if (!m.matches()) {
            throw new UnmappableMessageException("instrument_name '" + name + "' is not a Deribit perpetual, "
                    + "future, option or spot name");
        }
        String base = m.group(1);
        String quote = m.group(2);
        if (m.group(3) != null) {
            return InstrumentId.perpetual(base, quote != null ? quote : DEFAULT_QUOTE);
        }
        if (m.group(4) == null) {
            if (quote == null) {
                throw new UnmappableMessageException("instrument_name '" + name + "' names no instrument");
            }
            return InstrumentId.spot(base, quote);
        }
        LocalDate expiry = expiry(name, m.group(4));
        String q = quote != null ? quote : DEFAULT_QUOTE;
        if (m.group(5) == null) {
            return InstrumentId.future(base, q, expiry);
        }
        BigDecimal strike = new BigDecimal(m.group(5).replace('d', '.'));
        if (strike.signum() <= 0) {
            throw new UnmappableMessageException("instrument_name '" + name + "' has a strike of zero");
        }
        return InstrumentId.option(base, q, expiry, strike, "C".equals(m.group(6)) ? OptionType.CALL : OptionType.PUT);
    }

    private static LocalDate expiry(String name, String text) {
        try {
            return LocalDate.parse(text, EXPIRY);
        } catch (DateTimeParseException e) {
            throw new UnmappableMessageException("instrument_name '" + name + "' has no valid expiry date '"
                    + text + "'");
        }
    }
}
