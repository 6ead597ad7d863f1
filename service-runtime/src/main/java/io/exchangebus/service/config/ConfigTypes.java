package io.exchangebus.service.config;

import io.exchangebus.connectors.core.credentials.SecretRef;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The value types a configuration key may have. */
public final class ConfigTypes {
    public static final ConfigType<String> STRING = scalar("string", text -> text);
    public static final ConfigType<Integer> INT = scalar("int", ConfigTypes::parseInt);
    public static final ConfigType<Long> LONG = scalar("long", ConfigTypes::parseLong);
    public static final ConfigType<Boolean> BOOLEAN = scalar("boolean", ConfigTypes::parseBoolean);
    public static final ConfigType<Duration> DURATION = new Scalar<>("duration", ConfigTypes::parseDuration) {
        @Override
        public String show(Duration value) {
            return showDuration(value);
        }
    };
    /** Exact decimals (money, quantities): parsed from the text as written, never through {@code double}. */
    public static final ConfigType<BigDecimal> DECIMAL = new Scalar<>("decimal", ConfigTypes::parseDecimal) {
        @Override
        public String show(BigDecimal value) {
            return value.toPlainString();
        }
    };
    /** An absolute URI (with a scheme). */
    public static final ConfigType<URI> URI_TYPE = scalar("URI", ConfigTypes::parseUri);
    /** A YAML sequence of strings; from the environment, comma-separated. */
    public static final ConfigType<List<String>> STRING_LIST = new StringList();
    /**
     * Where a secret is kept, {@code env:NAME} or {@code file:/path} ({@link SecretRef#parse}); the value of the
     * secret itself is never part of the configuration, and a text that is not a reference is not repeated.
     */
    public static final ConfigType<SecretRef> SECRET_REF = scalar("secret reference", SecretRef::parse);
    /**
     * A pass-through map of strings (keys are another system's own, such as Kafka's {@code security.protocol});
     * nested YAML maps are joined with '.'.
     */
    public static final ConfigType<Map<String, String>> STRING_MAP = new StringMap();

    private static final Pattern DURATION_TEXT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private ConfigTypes() {
    }

    /**
     * One of a fixed list of names: the enum's constants written in lower case with '-' for '_'
     * ({@code ED25519} is {@code ed25519}, {@code SASL_SSL} is {@code sasl-ssl}).
     */
    public static <E extends Enum<E>> ConfigType<E> enumOf(Class<E> type) {
        Map<String, E> byName = new LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            byName.put(enumName(constant), constant);
        }
        String name = "enum (" + String.join(", ", byName.keySet()) + ")";
        return new Scalar<>(name, text -> {
            E value = byName.get(text);
            if (value == null) {
                throw new IllegalArgumentException("must be one of " + String.join(", ", byName.keySet())
                        + ", was '" + text + "'");
            }
            return value;
        }) {
            @Override
            public String show(E value) {
                return enumName(value);
            }
        };
    }

    /** The configuration name of an enum constant: lower case, '-' for '_'. */
    public static String enumName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A duration as written in configuration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
    public static String showDuration(Duration value) {
        long ms = value.toMillis();
        if (ms % 86_400_000 == 0 && ms != 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static <T> ConfigType<T> scalar(String name, Function<String, T> parse) {
        return new Scalar<>(name, parse);
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an int: '" + text + "'");
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a long: '" + text + "'");
        }
    }

    private static boolean parseBoolean(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return t.equals("true");
        }
        throw new IllegalArgumentException("must be true or false, was '" + text + "'");
    }

    private static Duration parseDuration(String text) {
        Matcher m = DURATION_TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration (a whole number with ms, s, m, h or d, e.g. 500ms, "
                    + "30s, 5m): '" + text + "'");
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration out of range: '" + text + "'");
        }
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                return Duration.ofDays(amount);
        }
    }

    private static BigDecimal parseDecimal(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal number: '" + text + "'");
        }
    }

    private static URI parseUri(String text) {
        try {
            URI uri = new URI(text.trim());
            if (!uri.isAbsolute()) {
                throw new IllegalArgumentException("not an absolute URI (scheme://host...): '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: '" + text + "' (" + e.getReason() + ")");
        }
    }

    private static class Scalar<T> implements ConfigType<T> {
        private final String name;
        private final Function<String, T> parse;

        Scalar(String name, Function<String, T> parse) {
            this.name = name;
            this.parse = parse;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public T convert(Object raw) {
            if (!(raw instanceof String)) {
                throw new IllegalArgumentException("must be a single value (" + name + "), not a "
                        + (raw instanceof List ? "list" : "map"));
            }
            return parse.apply((String) raw);
        }
    }

    private static final class StringList implements ConfigType<List<String>> {
        @Override
        public String name() {
            return "list of strings";
        }

        @Override
        public Shape shape() {
            return Shape.LIST;
        }

        @Override
        public List<String> convert(Object raw) {
            if (raw instanceof String) {
                String text = ((String) raw).trim();
                return text.isEmpty() ? List.of()
                        : Arrays.stream(text.split(",")).map(String::trim).collect(Collectors.toUnmodifiableList());
            }
            if (raw instanceof List) {
                @SuppressWarnings("unchecked")
                List<String> items = (List<String>) raw;
                return List.copyOf(items);
            }
            throw new IllegalArgumentException("must be a list of strings, not a map");
        }
    }

    private static final class StringMap implements ConfigType<Map<String, String>> {
        @Override
        public String name() {
            return "map of strings";
        }

        @Override
        public Shape shape() {
            return Shape.MAP;
        }

        @Override
        public Map<String, String> convert(Object raw) {
            if (raw instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, String> entries = (Map<String, String>) raw;
                return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            }
            throw new IllegalArgumentException("must be a map of names to values");
        }

        @Override
        public String show(Map<String, String> value) {
            return PassThrough.redacted(value).toString();
        }
    }
}
