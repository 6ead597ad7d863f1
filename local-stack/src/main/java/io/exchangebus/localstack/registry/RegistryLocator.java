package io.exchangebus.localstack.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Function;

import io.exchangebus.localstack.LocalStackException;

/**
 * Finds the schema registry application ({@code quarkus-run.jar} of the {@code schema-registry} module), in order:
 * system property {@value #PROPERTY}, environment variable {@value #ENV}, then
 * {@value #RELATIVE_PATH} in the current directory and each of its parents.
 */
public final class RegistryLocator {

    public static final String PROPERTY = "exbus.registry.app";
    public static final String ENV = "EXBUS_REGISTRY_APP";
    public static final String RELATIVE_PATH = "schema-registry/target/quarkus-app/quarkus-run.jar";
    static final String HOW_TO_BUILD = "Build it from the project root with: mvn -pl schema-registry package";

    private final Function<String, String> properties;
    private final Function<String, String> environment;
    private final Path startDir;

    RegistryLocator(Function<String, String> properties, Function<String, String> environment, Path startDir) {
        this.properties = properties;
        this.environment = environment;
        this.startDir = startDir.toAbsolutePath().normalize();
    }

    /** Looks where this JVM's system properties, environment and working directory say. */
    public static RegistryLocator fromEnvironment() {
        return new RegistryLocator(System::getProperty, System::getenv, Paths.get(""));
    }

    /**
     * @return the path of {@code quarkus-run.jar}, which exists
     * @throws LocalStackException if it is not found, saying where it looked and how to build it
     */
    public Path locate() {
        String property = properties.apply(PROPERTY);
        if (property != null && !property.isBlank()) {
            return existing(Paths.get(property), "system property " + PROPERTY);
        }
        String env = environment.apply(ENV);
        if (env != null && !env.isBlank()) {
            return existing(Paths.get(env), "environment variable " + ENV);
        }
        for (Path dir = startDir; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_PATH);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new LocalStackException("Schema registry application not found: system property " + PROPERTY
                + " and environment variable " + ENV + " are not set, and there is no " + RELATIVE_PATH + " in "
                + startDir + " or any of its parents. " + HOW_TO_BUILD
                + ", or point " + PROPERTY + " / " + ENV + " at its quarkus-run.jar.");
    }

    private static Path existing(Path path, String source) {
        if (!Files.isRegularFile(path)) {
            throw new LocalStackException("Schema registry application not found: " + source + " names " + path
                    + ", which is not a file. " + HOW_TO_BUILD + ".");
        }
        return path.toAbsolutePath().normalize();
    }
}
