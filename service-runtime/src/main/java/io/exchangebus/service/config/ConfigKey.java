package io.exchangebus.service.config;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One configuration key, declared once: its path, type, default (or that it is required), validation and
 * description. Keys are immutable constants; the {@code with...} methods return a changed copy.
 *
 * <p>A path is dot-separated lower-case segments ({@code kafka.bootstrap-servers}); one segment may be {@code *}
 * for named entries ({@code accounts.*.api-key}): the key then exists once per entry, and its value is read with
 * {@link ServiceConfig#get(ConfigKey, String)}.
 *
 * @param <T> the type of its value
 */
public final class ConfigKey<T> {
    /** The wildcard segment of a path: a named entry. */
    public static final String WILDCARD = "*";
    private static final Pattern SEGMENT = Pattern.compile("[a-z][a-z0-9-]*|\\*");

    private enum Presence { REQUIRED, OPTIONAL, DEFAULTED }

    private final String path;
    private final List<String> segments;
    private final ConfigType<T> type;
    private final Presence presence;
    private final T defaultValue;
    private final String defaultShownAs;
    private final ConfigValidator<? super T> validator;
    private final String description;

    private ConfigKey(String path, ConfigType<T> type, Presence presence, T defaultValue, String defaultShownAs,
                      ConfigValidator<? super T> validator, String description) {
        this.path = Objects.requireNonNull(path, "path");
        this.segments = List.of(path.split("\\.", -1));
        this.type = Objects.requireNonNull(type, "type");
        this.presence = presence;
        this.defaultValue = defaultValue;
        this.defaultShownAs = defaultShownAs;
        this.validator = Objects.requireNonNull(validator, "validator");
        this.description = Objects.requireNonNull(description, "description");
        checkPath();
    }

    /** A key that must be set. */
    public static <T> ConfigKey<T> required(String path, ConfigType<T> type, String description) {
        return new ConfigKey<>(path, type, Presence.REQUIRED, null, null, ConfigValidator.none(), description);
    }

    /** A key that may be left out; {@link ServiceConfig#find} says whether it was set. */
    public static <T> ConfigKey<T> optional(String path, ConfigType<T> type, String description) {
        return new ConfigKey<>(path, type, Presence.OPTIONAL, null, null, ConfigValidator.none(), description);
    }

    /** A key with a default value, used when it is not set. */
    public static <T> ConfigKey<T> withDefault(String path, ConfigType<T> type, T defaultValue, String description) {
        Objects.requireNonNull(defaultValue, "defaultValue");
        return new ConfigKey<>(path, type, Presence.DEFAULTED, defaultValue, null, ConfigValidator.none(),
                description);
    }

    /** This key, with its values checked by {@code validator} (its default is checked too, at start-up). */
    public ConfigKey<T> validatedBy(ConfigValidator<? super T> validator) {
        return new ConfigKey<>(path, type, presence, defaultValue, defaultShownAs, validator, description);
    }

    /**
     * This key, with the text the reference shows as its default, for an optional key whose fallback is computed
     * (e.g. {@code service name + host}).
     */
    public ConfigKey<T> withDefaultShownAs(String text) {
        return new ConfigKey<>(path, type, presence, defaultValue, text, validator, description);
    }

    public String path() {
        return path;
    }

    /** The path's segments, {@code *} for a named entry. */
    public List<String> segments() {
        return segments;
    }

    public ConfigType<T> type() {
        return type;
    }

    public String description() {
        return description;
    }

    public boolean isRequired() {
        return presence == Presence.REQUIRED;
    }

    /** The default value, if the key has one. */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The default as the reference shows it: the value, a described fallback, {@code required} or {@code -}. */
    public String defaultText() {
        if (defaultShownAs != null) {
            return defaultShownAs;
        }
        switch (presence) {
            case REQUIRED:
                return "required";
            case DEFAULTED:
                return type.show(defaultValue);
            default:
                return "-";
        }
    }

    /** Whether the path has a named-entry segment. */
    public boolean isNamed() {
        return segments.contains(WILDCARD);
    }

    /** The collection of named entries this key belongs to, e.g. {@code exchanges}; empty for plain keys. */
    public Optional<String> collection() {
        int at = segments.indexOf(WILDCARD);
        return at < 0 ? Optional.empty() : Optional.of(String.join(".", segments.subList(0, at)));
    }

    /** The concrete path of this key for one named entry, e.g. {@code accounts.main.api-key}. */
    public String pathFor(String name) {
        if (!isNamed()) {
            throw new IllegalArgumentException("config key '" + path + "' has no named entries");
        }
        return path.replace(WILDCARD, name);
    }

    Optional<String> problemWith(T value) {
        return validator.problem(value);
    }

    /** Whether {@code concrete} (segments without wildcards) is this key, for some entry name. */
    boolean matches(List<String> concrete) {
        return matchesPrefix(concrete, segments.size()) && concrete.size() == segments.size();
    }

    /** Whether the first {@code length} segments of {@code concrete} match this key's. */
    boolean matchesPrefix(List<String> concrete, int length) {
        if (concrete.size() < length || segments.size() < length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!segments.get(i).equals(WILDCARD) && !segments.get(i).equals(concrete.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void checkPath() {
        if (!segments.stream().allMatch(s -> SEGMENT.matcher(s).matches())) {
            throw new IllegalArgumentException("a config key path is dot-separated segments of lower-case letters, "
                    + "digits and '-', or '*': '" + path + "'");
        }
        if (segments.stream().filter(WILDCARD::equals).count() > 1 || segments.get(0).equals(WILDCARD)
                || segments.get(segments.size() - 1).equals(WILDCARD)) {
            throw new IllegalArgumentException("a config key path has at most one '*', between named segments: '"
                    + path + "'");
        }
    }

    @Override
    public String toString() {
        return path + " (" + type.name() + ")";
    }

    static String join(List<String> segments) {
        return String.join(".", segments);
    }

    static List<String> split(String path) {
        return Arrays.asList(path.split("\\."));
    }
}
