package io.exchangebus.cli;

import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters of option values. Each refuses a bad value with a message that says what is expected; picocli turns
 * that into "Invalid value for option ..." and exit code 2.
 */
final class OptionTypes {
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private OptionTypes() {
    }

    /**
     * A price or quantity: plain decimal text ({@code 0.002}, {@code 59000.10}), greater than zero, held exactly
     * by the model's {@code decimal(38, 18)}. No sign, exponent, grouping or binary floating point: what is typed is
     * what is sent, to the last digit, or the command is refused.
     */
    static final class PositiveDecimal implements ITypeConverter<BigDecimal> {
        @Override
        public BigDecimal convert(String text) {
            if (!PLAIN_DECIMAL.matcher(text).matches()) {
                throw new TypeConversionException("'" + text + "' is not a decimal number: digits with an optional "
                        + "'.' and fraction, e.g. 0.002 or 59000.10");
            }
            BigDecimal value = new BigDecimal(text);
            if (value.signum() <= 0) {
                throw new TypeConversionException("'" + text + "' must be greater than zero");
            }
            try {
                return ExactDecimals.checked("value", value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' cannot be held exactly (at most 18 decimal places "
                        + "and 20 integer digits)");
            }
        }
    }

    /** A duration: {@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT15S}); never negative. */
    static final class Interval implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            Matcher m = DURATION.matcher(text);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "ms":
                        return Duration.ofMillis(n);
                    case "s":
                        return Duration.ofSeconds(n);
                    case "m":
                        return Duration.ofMinutes(n);
                    default:
                        return Duration.ofHours(n);
                }
            }
            try {
                Duration d = Duration.parse(text);
                if (!d.isNegative()) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // refused below with the forms we accept
            }
            throw new TypeConversionException("'" + text + "' is not a duration: e.g. 500ms, 15s, 2m, 1h or PT15S");
        }
    }

    /** {@code buy} or {@code sell} (any case). */
    static final class SideValue implements ITypeConverter<Side> {
        @Override
        public Side convert(String text) {
            return enumValue(Side.class, text);
        }
    }

    /** The model's order types, written {@code limit}, {@code limit-maker}, {@code stop-market}, … (any case). */
    static final class OrderTypeValue implements ITypeConverter<OrderType> {
        @Override
        public OrderType convert(String text) {
            return enumValue(OrderType.class, text);
        }
    }

    /** {@code gtc}, {@code ioc}, {@code fok} or {@code gtd} (any case). */
    static final class TimeInForceValue implements ITypeConverter<TimeInForce> {
        @Override
        public TimeInForce convert(String text) {
            return enumValue(TimeInForce.class, text);
        }
    }

    /** The option spelling of an enum constant: lower case, '-' for '_'. */
    static String spelling(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> String spellings(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(OptionTypes::spelling).collect(Collectors.joining(", "));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        throw new TypeConversionException("'" + text + "' is not one of " + spellings(type));
    }
}
