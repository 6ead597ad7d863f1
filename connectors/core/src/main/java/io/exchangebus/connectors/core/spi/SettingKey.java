package io.exchangebus.connectors.core.spi;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting a connector takes, declared once with its type, default, checks and description, as STYLE.md's habit
 * 6 asks: the connector reads its value through it ({@link #get}), {@link ConnectorSchema} checks every configured
 * value with it at start-up, and the configuration reference lists it. Immutable; the {@code check} and
 * {@code defaultShownAs} methods return copies.
 *
 * <p>A value that does not parse or fails a check is a {@link ConnectorConfigException} naming the key
 * ({@code settings.recv-window}, or {@code account.main.settings.sub-account-id} for an account's setting).
 *
 * @param <T> the value's type
 */
public final class SettingKey<T> {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final String name;
    private final String typeName;
    private final Function<String, T> parser;
    private final T defaultValue;
    private final String defaultText;
    private final List<Check<T>> checks;
    private final String description;

    private record Check<T>(Predicate<T> test, Function<T, String> problem) {
    }

    private SettingKey(String name, String typeName, Function<String, T> parser, T defaultValue, String defaultText,
                       List<Check<T>> checks, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.typeName = typeName;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.checks = List.copyOf(checks);
        this.description = Objects.requireNonNull(description, "description");
    }

    /** A duration: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT5S}); never negative. */
    public static SettingKey<Duration> duration(String name, Duration defaultValue, String description) {
        return new SettingKey<>(name, "duration", SettingKey::parseDuration, defaultValue,
                defaultValue == null ? "" : show(defaultValue), List.of(), description);
    }

    /** A 32-bit integer. */
    public static SettingKey<Integer> integer(String name, Integer defaultValue, String description) {
        return new SettingKey<>(name, "integer", text -> parseNumber(text, Integer::parseInt, "an integer"),
                defaultValue, defaultValue == null ? "" : defaultValue.toString(), List.of(), description);
    }

    /** A 64-bit integer. */
    public static SettingKey<Long> longInteger(String name, Long defaultValue, String description) {
        return new SettingKey<>(name, "long", text -> parseNumber(text, Long::parseLong, "an integer"),
                defaultValue, defaultValue == null ? "" : defaultValue.toString(), List.of(), description);
    }

    /** An exact decimal (never through binary floating point). */
    public static SettingKey<BigDecimal> decimal(String name, BigDecimal defaultValue, String description) {
        return new SettingKey<>(name, "decimal", text -> parseNumber(text, BigDecimal::new, "a decimal"),
                defaultValue, defaultValue == null ? "" : defaultValue.toPlainString(), List.of(), description);
    }

    /** {@code true} or {@code false}. */
    public static SettingKey<Boolean> bool(String name, Boolean defaultValue, String description) {
        return new SettingKey<>(name, "boolean", SettingKey::parseBoolean, defaultValue,
                defaultValue == null ? "" : defaultValue.toString(), List.of(), description);
    }

    /** Text, as given (without surrounding blanks); never blank. */
    public static SettingKey<String> text(String name, String defaultValue, String description) {
        return new SettingKey<>(name, "string", SettingKey::parseText, defaultValue,
                defaultValue == null ? "" : defaultValue, List.of(), description);
    }

    /** A copy that also refuses values failing {@code test}, saying {@code problem} (e.g. "must be at most 60s"). */
    public SettingKey<T> check(Predicate<T> test, String problem) {
        return check(test, value -> problem);
    }

    /** {@link #check(Predicate, String)} with a problem that may quote the value. */
    public SettingKey<T> check(Predicate<T> test, Function<T, String> problem) {
        List<Check<T>> more = new ArrayList<>(checks);
        more.add(new Check<>(test, problem));
        return new SettingKey<>(name, typeName, parser, defaultValue, defaultText, more, description);
    }

    /** A copy whose default the reference shows as {@code text} (a default that depends on the exchange). */
    public SettingKey<T> defaultShownAs(String text) {
        return new SettingKey<>(name, typeName, parser, defaultValue, text, checks, description);
    }

    public String name() {
        return name;
    }

    public String typeName() {
        return typeName;
    }

    /** The default as the reference shows it; empty when there is none (the setting is then optional). */
    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    /** The exchange's value: configured, else the default. */
    public T get(ConnectorSettings settings) {
        return find(settings).orElse(defaultValue);
    }

    /** The exchange's configured value, parsed and checked; empty when not configured. */
    public Optional<T> find(ConnectorSettings settings) {
        return parse(settings.settings(), settings.exchange(), "settings.");
    }

    /** The account's value: configured, else the default. */
    public T get(AccountSettings account, String exchange) {
        return find(account, exchange).orElse(defaultValue);
    }

    /** The account's configured value, parsed and checked; empty when not configured. */
    public Optional<T> find(AccountSettings account, String exchange) {
        return parse(account.settings(), exchange, "account." + account.account() + ".settings.");
    }

    private Optional<T> parse(Map<String, String> values, String exchange, String prefix) {
        String text = values.get(name);
        if (text == null) {
            return Optional.empty();
        }
        T value;
        try {
            value = parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConnectorConfigException(exchange, prefix + name, e.getMessage() + ", was '" + text + "'");
        }
        for (Check<T> check : checks) {
            if (!check.test().test(value)) {
                throw new ConnectorConfigException(exchange, prefix + name, check.problem().apply(value));
            }
        }
        return Optional.of(value);
    }

    static Duration parseDuration(String text) {
        String t = text.strip();
        Duration d;
        Matcher m = SIMPLE_DURATION.matcher(t);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else {
                d = Duration.parse(t);
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("must be a duration such as 500ms, 5s, 2m or PT5S");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("must not be negative");
        }
        return d;
    }

    private static <N> N parseNumber(String text, Function<String, N> parse, String what) {
        try {
            return parse.apply(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be " + what);
        }
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static String parseText(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        return text.strip();
    }

    private static String show(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return s % 3600 == 0 && s > 0 ? s / 3600 + "h" : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }

    @Override
    public String toString() {
        return "SettingKey[" + name + ": " + typeName + "]";
    }
}
