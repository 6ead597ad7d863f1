package io.exchangebus.service.config;

import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.credentials.SecretRef;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A service's configuration, read and checked against its {@link ConfigSchema}: typed values by {@link ConfigKey}.
 * Plain keys are read with {@link #get(ConfigKey)}; keys of named entries ({@code accounts.*.api-key}) with
 * {@link #get(ConfigKey, String)} for each of {@link #names(String)}. Immutable and thread-safe.
 *
 * <p>Secret references are values like any other ({@code env:NAME}, {@code file:/path}); the secrets themselves are
 * loaded only by {@link #resolve(SecretRef)}, so {@code toString} never shows one.
 */
public final class ServiceConfig {
    private final String serviceName;
    private final ConfigSchema schema;
    private final Map<String, Object> values;
    private final Map<String, SortedSet<String>> entries;
    private final Function<String, String> environment;

    ServiceConfig(String serviceName, ConfigSchema schema, Map<String, Object> values,
                  Map<String, ? extends java.util.Set<String>> entries, Function<String, String> environment) {
        this.serviceName = serviceName;
        this.schema = schema;
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        Map<String, SortedSet<String>> copy = new TreeMap<>();
        entries.forEach((collection, names) -> copy.put(collection,
                Collections.unmodifiableSortedSet(new TreeSet<>(names))));
        this.entries = Collections.unmodifiableMap(copy);
        this.environment = environment;
    }

    /** The service's name, e.g. {@code oms-service}; also the name of its dead-letter topic. */
    public String serviceName() {
        return serviceName;
    }

    public ConfigSchema schema() {
        return schema;
    }

    /**
     * The value of a plain key: as set, else its default.
     *
     * @throws IllegalStateException if the key is optional and not set (use {@link #find(ConfigKey)})
     */
    public <T> T get(ConfigKey<T> key) {
        return find(key).orElseThrow(() -> new IllegalStateException("config key '" + key.path()
                + "' is not set and has no default; read it with find()"));
    }

    /** The value of a plain key, or its default, or empty if it is optional and not set. */
    public <T> Optional<T> find(ConfigKey<T> key) {
        checkDeclared(key);
        if (key.isNamed()) {
            throw new IllegalArgumentException("config key '" + key.path() + "' belongs to named entries: "
                    + "read it with get(key, name)");
        }
        return lookup(key, key.path());
    }

    /**
     * The value of a key of the named entry {@code name}, e.g. {@code get(CommonKeys.ACCOUNT_API_KEY, "main")}.
     *
     * @throws IllegalStateException if the key is optional and not set for that entry
     * @throws IllegalArgumentException if there is no such entry
     */
    public <T> T get(ConfigKey<T> key, String name) {
        return find(key, name).orElseThrow(() -> new IllegalStateException("config key '" + key.pathFor(name)
                + "' is not set and has no default; read it with find()"));
    }

    /** The value of a key of the named entry {@code name}, or empty if it is optional and not set. */
    public <T> Optional<T> find(ConfigKey<T> key, String name) {
        checkDeclared(key);
        String collection = key.collection().orElseThrow(() -> new IllegalArgumentException("config key '"
                + key.path() + "' is not a key of named entries: read it with get(key)"));
        if (!names(collection).contains(name)) {
            throw new IllegalArgumentException("there is no entry '" + name + "' under '" + collection
                    + "'; configured: " + names(collection));
        }
        return lookup(key, key.pathFor(name));
    }

    /** The names of the entries of a collection (e.g. {@code exchanges}), sorted; empty if none. */
    public SortedSet<String> names(String collection) {
        return entries.getOrDefault(collection, Collections.emptySortedSet());
    }

    /**
     * Loads a secret from where its reference says, reading environment variables from the environment the
     * configuration was read with.
     *
     * @throws io.exchangebus.connectors.core.credentials.CredentialException naming the variable or file (never
     *     the secret) if it cannot be loaded
     */
    public Secret resolve(SecretRef ref) {
        return ref.resolve(environment);
    }

    /** Every value set or defaulted, by path; secrets appear as their references only. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("ServiceConfig[").append(serviceName).append("]{");
        String separator = "";
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            out.append(separator).append(entry.getKey()).append('=').append(show(entry.getKey(), entry.getValue()));
            separator = ", ";
        }
        return out.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> lookup(ConfigKey<T> key, String path) {
        return Optional.ofNullable((T) values.get(path));
    }

    @SuppressWarnings("unchecked")
    private String show(String path, Object value) {
        ConfigKey<Object> key = (ConfigKey<Object>) schema.keyAt(ConfigKey.split(path)).orElseThrow();
        return key.type().show(value);
    }

    private void checkDeclared(ConfigKey<?> key) {
        if (!schema.declares(key)) {
            throw new IllegalArgumentException("config key '" + key.path() + "' is not declared in the schema of "
                    + serviceName);
        }
    }
}
