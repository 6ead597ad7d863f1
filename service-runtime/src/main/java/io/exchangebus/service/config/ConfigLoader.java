package io.exchangebus.service.config;

import io.exchangebus.connectors.core.credentials.CredentialException;
import io.exchangebus.connectors.core.credentials.SecretRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a service's configuration: the YAML file (if any), then environment overrides
 * ({@code EXBUS_KAFKA__BOOTSTRAP_SERVERS}, see {@link EnvironmentOverrides}), then defaults; converts and
 * validates every declared key, checks that each secret reference can be loaded, runs the schema's rules, and
 * reports every problem at once in a {@link ConfigException}.
 *
 * <p>The environment is passed in, so that tests need no real variables; it is also where {@code env:NAME}
 * secret references are looked up.
 */
public final class ConfigLoader {
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final String serviceName;
    private final ConfigSchema schema;
    private final Map<String, String> environment;

    /**
     * @param serviceName the service's name, lower-case letters, digits and '-' (e.g. {@code oms-service})
     * @param schema the keys it accepts
     * @param environment the environment variables
     */
    public ConfigLoader(String serviceName, ConfigSchema schema, Map<String, String> environment) {
        if (!SERVICE_NAME.matcher(serviceName).matches()) {
            throw new IllegalArgumentException("A service name is lower-case letters, digits and '-': '"
                    + serviceName + "'");
        }
        this.serviceName = serviceName;
        this.schema = Objects.requireNonNull(schema, "schema");
        this.environment = Map.copyOf(environment);
    }

    /** A loader reading this process's environment variables. */
    public static ConfigLoader withProcessEnvironment(String serviceName, ConfigSchema schema) {
        return new ConfigLoader(serviceName, schema, System.getenv());
    }

    /**
     * Reads the file (empty: environment and defaults only).
     *
     * @throws ConfigException listing every problem, the file's absence included
     */
    public ServiceConfig load(Optional<Path> file) {
        if (file.isEmpty()) {
            return build(null, null);
        }
        try {
            return build(Files.readString(file.get(), StandardCharsets.UTF_8), "config file " + file.get());
        } catch (NoSuchFileException e) {
            throw new ConfigException(java.util.List.of("config file " + file.get() + " does not exist"));
        } catch (IOException e) {
            throw new ConfigException(java.util.List.of("config file " + file.get() + " cannot be read: "
                    + e.getClass().getSimpleName()));
        }
    }

    /** Reads YAML text, as if it were the file. */
    public ServiceConfig loadYaml(String yaml) {
        return build(yaml, "the configuration");
    }

    private ServiceConfig build(String yaml, String where) {
        ConfigErrors errors = new ConfigErrors();
        RawConfig raw = new RawConfig();
        if (yaml != null) {
            new YamlReader(schema, raw, errors).read(yaml, where);
        }
        new EnvironmentOverrides(schema).apply(environment, raw, errors);
        Map<String, Object> values = new HashMap<>();
        for (ConfigKey<?> key : schema.keys()) {
            if (key.isNamed()) {
                String collection = key.collection().orElseThrow();
                raw.entries(collection).forEach(name -> convert(key, key.pathFor(name), raw, values, errors));
            } else {
                convert(key, key.path(), raw, values, errors);
            }
        }
        ServiceConfig config = new ServiceConfig(serviceName, schema, values, raw.allEntries(), environment::get);
        schema.rules().forEach(rule -> rule.check(config, errors));
        errors.throwIfAny();
        return config;
    }

    private <T> void convert(ConfigKey<T> key, String path, RawConfig raw, Map<String, Object> values,
                             ConfigErrors errors) {
        RawConfig.RawValue written = raw.get(path);
        if (written == null) {
            if (key.isRequired()) {
                errors.add(path, "required, not set");
            }
            key.defaultValue().ifPresent(value -> values.put(path, value));
            return;
        }
        T value;
        try {
            value = key.type().convert(written.value());
        } catch (IllegalArgumentException e) {
            errors.add(path, e.getMessage() + written.origin());
            return;
        }
        Optional<String> problem = key.problemWith(value);
        if (problem.isPresent()) {
            errors.add(path, problem.get() + written.origin());
            return;
        }
        if (value instanceof SecretRef && !loadable((SecretRef) value, path, errors)) {
            return;
        }
        values.put(path, value);
    }

    /** Whether the secret can be loaded now, so that a missing one stops start-up rather than the first use. */
    private boolean loadable(SecretRef ref, String path, ConfigErrors errors) {
        try {
            ref.resolve(environment::get);
            return true;
        } catch (CredentialException e) {
            // Its message names the variable or the file, never the content.
            errors.add(path, e.getMessage());
            return false;
        }
    }
}
