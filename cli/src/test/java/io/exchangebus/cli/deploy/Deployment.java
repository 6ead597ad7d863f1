package io.exchangebus.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.config.ConfigSchema;
import io.exchangebus.service.config.ServiceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's deployment files as {@link ComposeFileTest} reads them: compose.yaml, the Dockerfile each service
 * is built from, the configuration file compose mounts for it, and the topic list.
 */
final class Deployment {
    /** {@code export NAME=} in an entrypoint script: a variable the image sets before the service starts. */
    static final Pattern EXPORTED = Pattern.compile("export ([A-Z_][A-Z0-9_]*)=");
    private static final Pattern SECRET_FILE = Pattern.compile("file:(/run/secrets/[A-Za-z0-9._-]+)");
    private static final Pattern ENV_REFERENCE = Pattern.compile("env:([A-Za-z_][A-Za-z0-9_]*)");

    private final Path root;
    private final ComposeFile compose;

    private Deployment(Path root, ComposeFile compose) {
        this.root = root;
        this.compose = compose;
    }

    /** The deployment of the repository this test runs in: the first directory up with compose.yaml and pom.xml. */
    static Deployment ofThisRepository() throws IOException {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !(Files.isRegularFile(directory.resolve("compose.yaml"))
                && Files.isRegularFile(directory.resolve("pom.xml")))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new AssertionError("no compose.yaml beside a pom.xml in " + Path.of("").toAbsolutePath()
                    + " or above");
        }
        return new Deployment(directory, ComposeFile.read(directory.resolve("compose.yaml")));
    }

    Path root() {
        return root;
    }

    ComposeFile compose() {
        return compose;
    }

    /** The Dockerfile compose builds {@code service} from, which must be {@code deploy/<service>/Dockerfile}. */
    Dockerfile dockerfile(String service) throws IOException {
        Map<String, Object> build = ComposeFile.map(compose.service(service).get("build"), service + ".build");
        Path context = root.resolve(String.valueOf(build.getOrDefault("context", "."))).normalize();
        Path file = context.resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile"))).normalize();
        assertThat(file).as(service).isEqualTo(root.resolve("deploy/" + service + "/Dockerfile")).isRegularFile();
        return Dockerfile.read(file);
    }

    /** What the service's process sees: compose's environment, and what the image's entrypoint exports if unset. */
    Map<String, String> environmentOf(String service) throws IOException {
        Map<String, String> environment = new HashMap<>();
        Matcher exported = EXPORTED.matcher(String.join(" ", dockerfile(service).execForm("ENTRYPOINT")));
        while (exported.find()) {
            environment.put(exported.group(1), "container-host");
        }
        environment.putAll(compose.environment(service));
        return environment;
    }

    /**
     * Loads the configuration {@code service}'s container would: the file compose mounts where its Dockerfile's
     * {@code --config} points, which must be {@code deploy/config/<service>.yaml}, with the environment compose and
     * the image give it. Every secret file it references must be a compose secret of that service; here it is a
     * dummy file in {@code scratch}. Every {@code env:NAME} reference must be a variable compose sets.
     */
    ServiceConfig loadConfiguration(String service, ConfigSchema schema, Path scratch) throws IOException {
        String containerPath = dockerfile(service).javaLaunch().configFile().orElseThrow(() -> new AssertionError(
                service + ": no --config"));
        Path file = compose.bindSource(service, containerPath).orElseThrow(() -> new AssertionError(service
                + ": nothing is mounted at " + containerPath));
        assertThat(file).as(service).isEqualTo(root.resolve("deploy/config/" + service + ".yaml")).isRegularFile();
        Map<String, String> environment = environmentOf(service);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String everything = text + "\n" + String.join("\n", environment.values());

        Path secrets = Files.createDirectories(scratch.resolve("secrets"));
        Matcher secret = SECRET_FILE.matcher(everything);
        while (secret.find()) {
            assertThat(compose.secretPaths(service)).as(service + " mounts the secret " + secret.group(1))
                    .contains(secret.group(1));
            Files.writeString(secrets.resolve(Path.of(secret.group(1)).getFileName()), "dummy-secret\n");
        }
        Matcher reference = ENV_REFERENCE.matcher(everything);
        while (reference.find()) {
            assertThat(environment).as(service + " is given the variable of " + reference.group())
                    .containsKey(reference.group(1));
        }
        String local = "file:" + secrets + "/";
        environment.replaceAll((name, value) -> value.replace("file:/run/secrets/", local));
        Path copy = Files.writeString(scratch.resolve(service + ".yaml"), text.replace("file:/run/secrets/", local));
        return new ConfigLoader(service, schema, environment).load(Optional.of(copy));
    }

    /** The service running the Apicurio registry image. */
    String registryService() {
        return compose.serviceNames().stream()
                .filter(s -> String.valueOf(compose.service(s).get("image")).startsWith("apicurio/apicurio-registry"))
                .findFirst().orElseThrow(() -> new AssertionError("no Apicurio registry service"));
    }

    /** The service running create-topics.sh. */
    String topicJob() {
        return compose.serviceNames().stream()
                .filter(s -> String.valueOf(compose.service(s).get("command")).contains("create-topics.sh"))
                .findFirst().orElseThrow(() -> new AssertionError("no service runs create-topics.sh"));
    }

    /** The lines of a topic list: topic to "partitions cleanup.policy". */
    static Map<String, String> topicLines(Path list) throws IOException {
        Map<String, String> topics = new LinkedHashMap<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.trim().split("\\s+");
            assertThat(words).as(line).hasSize(3);
            assertThat(topics.put(words[0], words[1] + " " + words[2])).as(words[0] + " listed twice").isNull();
        }
        return topics;
    }

    /** The root pom's version. */
    String projectVersion() throws IOException {
        Matcher version = Pattern.compile("<artifactId>exchangebus-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8));
        assertThat(version.find()).as("the root pom's version").isTrue();
        return version.group(1);
    }
}
