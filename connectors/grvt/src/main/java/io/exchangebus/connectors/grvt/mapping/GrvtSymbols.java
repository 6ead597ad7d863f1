package io.exchangebus.connectors.grvt.mapping;

import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.events.OptionType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * GRVT instrument names to our ids (grvt.md §11): {@code BTC_USDT_Perp} → {@code BTC-USDT-PERP},
 * {@code BTC_USDT_Fut_20Oct23} → {@code BTC-USDT-20231020}, {@code ETH_USDT_Call_20Oct23_2800} →
 * {@code ETH-USDT-20231020-2800-C}. Any other form is refused, never guessed.
 */
final class GrvtSymbols {

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("dMMMyy", Locale.ENGLISH);

    private GrvtSymbols() {
    }

    static InstrumentId instrumentId(String name) {
        String[] p = name.split("_");
        if (p.length < 3) {
            throw new GrvtMappingException("instrument name not of GRVT's forms: " + name);
        }
        try {
            return switch (p[2]) {
                case "Perp" -> p.length == 3 ? InstrumentId.perpetual(p[0], p[1]) : unknown(name);
                case "Fut" -> p.length == 4 ? InstrumentId.future(p[0], p[1], expiry(p[3], name)) : unknown(name);
                case "Call", "Put" -> p.length == 5 ? InstrumentId.option(p[0], p[1], expiry(p[3], name),
                        new BigDecimal(p[4]), p[2].equals("Call") ? OptionType.CALL : OptionType.PUT) : unknown(name);
                default -> unknown(name);
            };
        } catch (IllegalArgumentException e) {
            throw new GrvtMappingException("instrument name not of GRVT's forms: " + name);
        }
    }

    private static LocalDate expiry(String text, String name) {
        try {
            return LocalDate.parse(text, EXPIRY);
        } catch (DateTimeParseException e) {
            throw new GrvtMappingException("instrument name has no expiry date of the form 20Oct23: " + name);
        }
    }

    private static InstrumentId unknown(String name) {
        throw new GrvtMappingException("instrument name not of GRVT's forms: " + name);
    }
}
