package io.exchangebus.service.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rules for pass-through maps (such as {@code kafka.client}), whose keys belong to another system: a value written
 * {@code env:NAME} or {@code file:/path} is a secret reference, resolved only when the value is used.
 */
public final class PassThrough {
    /** Keys whose plain values are hidden when shown, in case a secret was written in place of a reference. */
    private static final Pattern SENSITIVE_KEY = Pattern.compile("(?i).*(password|secret|jaas|credential|token).*");
    static final String REDACTED = "[redacted]";

    private PassThrough() {
    }

    /** Whether a pass-through value is a secret reference rather than a plain value. */
    public static boolean isSecretReference(String value) {
        return value != null && (value.startsWith("env:") || value.startsWith("file:"));
    }

    /** The map as it may be shown: references as written, plain values of sensitive-looking keys hidden. */
    public static Map<String, String> redacted(Map<String, String> entries) {
        Map<String, String> shown = new LinkedHashMap<>();
        entries.forEach((key, value) -> shown.put(key,
                isSecretReference(value) || !SENSITIVE_KEY.matcher(key).matches() ? value : REDACTED));
        return shown;
    }
}
