package io.exchangebus.cli.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A Compose file as {@link ComposeFileTest} reads it, without Docker: SnakeYAML resolves anchors and merge keys
 * ({@code <<: *x}) as Compose does, and {@code ${VAR:-default}} is replaced by its default, as on a machine where the
 * variable is not set. Only the parts of the Compose specification the test needs, in their short and long forms.
 */
final class ComposeFile {
    private static final Pattern INTERPOLATION =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?-([^}]*))?([^}]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|us|h|m|s)");

    private final Path directory;
    private final Map<String, Object> root;

    private ComposeFile(Path directory, Map<String, Object> root) {
        this.directory = directory;
        this.root = root;
    }

    static ComposeFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toAbsolutePath().getParent());
    }

    /** Parses {@code yaml}; relative paths in it are relative to {@code directory}. */
    static ComposeFile parse(String yaml, Path directory) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(document instanceof Map)) {
            throw new AssertionError("a Compose file is a mapping, this is " + describe(document));
        }
        return new ComposeFile(directory, map(document, "the file"));
    }

    Map<String, Object> root() {
        return root;
    }

    Path directory() {
        return directory;
    }

    Set<String> serviceNames() {
        return map(root.get("services"), "services").keySet();
    }

    Map<String, Object> service(String name) {
        Object service = map(root.get("services"), "services").get(name);
        if (service == null) {
            throw new AssertionError("no service '" + name + "' in " + serviceNames());
        }
        return map(service, "services." + name);
    }

    /** The service's {@code environment}, map or list form, interpolated; numbers and booleans as text. */
    Map<String, String> environment(String service) {
        Object environment = service(service).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map) {
            map(environment, service + ".environment").forEach((name, value) ->
                    variables.put(name, interpolate(String.valueOf(value))));
        } else if (environment != null) {
            for (String entry : strings(environment, service + ".environment")) {
                int equals = entry.indexOf('=');
                if (equals < 0) {
                    throw new AssertionError(service + ": environment entry " + entry + " takes its value from the "
                            + "machine; give it in compose.yaml");
                }
                variables.put(entry.substring(0, equals), interpolate(entry.substring(equals + 1)));
            }
        }
        return variables;
    }

    /** The services {@code service} depends on, each with its condition ({@code service_started} in list form). */
    Map<String, String> dependsOn(String service) {
        Object dependsOn = service(service).get("depends_on");
        Map<String, String> conditions = new LinkedHashMap<>();
        if (dependsOn instanceof Map) {
            map(dependsOn, service + ".depends_on").forEach((target, spec) -> conditions.put(target,
                    spec instanceof Map ? String.valueOf(map(spec, target).getOrDefault("condition",
                            "service_started")) : "service_started"));
        } else if (dependsOn != null) {
            strings(dependsOn, service + ".depends_on").forEach(target -> conditions.put(target, "service_started"));
        }
        return conditions;
    }

    /** The restart policy as written; a YAML 1.1 boolean ({@code no} unquoted) is refused, as Compose reads text. */
    Optional<String> restart(String service) {
        Object restart = service(service).get("restart");
        if (restart instanceof Boolean) {
            throw new AssertionError(service + ": restart is the boolean " + restart + "; quote it (\"no\")");
        }
        return Optional.ofNullable(restart).map(String::valueOf);
    }

    /** The healthcheck's test as a list of words (a string test is one word), empty without one or when disabled. */
    List<String> healthcheckTest(String service) {
        Object healthcheck = service(service).get("healthcheck");
        if (healthcheck == null || Boolean.TRUE.equals(map(healthcheck, service + ".healthcheck").get("disable"))) {
            return List.of();
        }
        Object test = map(healthcheck, service + ".healthcheck").get("test");
        return test instanceof String ? List.of((String) test) : test == null ? List.of()
                : strings(test, service + ".healthcheck.test");
    }

    /** {@code stop_grace_period}, Docker's 10 s when not given. */
    Duration stopGracePeriod(String service) {
        Object period = service(service).get("stop_grace_period");
        return period == null ? Duration.ofSeconds(10) : duration(String.valueOf(period));
    }

    /** The host file bind-mounted at {@code containerPath}, if one is. */
    Optional<Path> bindSource(String service, String containerPath) {
        return volumes(service).stream()
                .filter(volume -> volume.target().equals(containerPath) && volume.isBind())
                .map(volume -> directory.resolve(volume.source()).normalize())
                .findFirst();
    }

    /** The service's volumes: {@code source} empty for an anonymous volume. */
    List<Volume> volumes(String service) {
        Object volumes = service(service).get("volumes");
        List<Volume> parsed = new ArrayList<>();
        for (Object volume : volumes == null ? List.of() : list(volumes, service + ".volumes")) {
            if (volume instanceof Map) {
                Map<String, Object> spec = map(volume, service + ".volumes");
                parsed.add(new Volume(String.valueOf(spec.getOrDefault("source", "")),
                        String.valueOf(spec.get("target"))));
            } else {
                String[] parts = interpolate(String.valueOf(volume)).split(":");
                parsed.add(parts.length == 1 ? new Volume("", parts[0]) : new Volume(parts[0], parts[1]));
            }
        }
        return parsed;
    }

    /** The host ports the service publishes at a fixed number (one container could have each). */
    List<String> fixedHostPorts(String service) {
        Object ports = service(service).get("ports");
        List<String> fixed = new ArrayList<>();
        for (Object port : ports == null ? List.of() : list(ports, service + ".ports")) {
            if (port instanceof Map) {
                Object published = map(port, service + ".ports").get("published");
                if (published != null && !String.valueOf(published).isEmpty()) {
                    fixed.add(String.valueOf(published));
                }
                continue;
            }
            String[] parts = interpolate(String.valueOf(port)).split("/")[0].split(":");
            String host = parts.length == 1 ? "" : parts[parts.length - 2];
            if (!host.isEmpty()) {
                fixed.add(host);
            }
        }
        return fixed;
    }

    /** Where the service's secrets are mounted: {@code /run/secrets/<target or name>}. */
    Set<String> secretPaths(String service) {
        Object secrets = service(service).get("secrets");
        Set<String> paths = new LinkedHashSet<>();
        for (Object secret : secrets == null ? List.of() : list(secrets, service + ".secrets")) {
            if (secret instanceof Map) {
                Map<String, Object> spec = map(secret, service + ".secrets");
                String target = String.valueOf(spec.getOrDefault("target", spec.get("source")));
                paths.add(target.startsWith("/") ? target : "/run/secrets/" + target);
            } else {
                paths.add("/run/secrets/" + secret);
            }
        }
        return paths;
    }

    /**
     * Compose's interpolation where no variable is set: {@code ${VAR:-default}} and {@code ${VAR-default}} give the
     * default, {@code $$} is {@code $}; anything else would depend on the machine and fails.
     */
    static String interpolate(String text) {
        Matcher matcher = INTERPOLATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("$$")) {
                replacement = "$";
            } else if (matcher.group(2) != null && matcher.group(4).isEmpty()) {
                replacement = matcher.group(3);
            } else {
                throw new AssertionError("'" + matcher.group() + "' in '" + text + "' has no default: the file "
                        + "would mean something else on each machine");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A Compose duration: {@code 45s}, {@code 1m30s}, {@code 500ms}. */
    static Duration duration(String text) {
        Matcher matcher = DURATION_PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(switch (matcher.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "ms" -> Duration.ofMillis(amount);
                default -> Duration.ofNanos(amount * 1000);
            });
            end = matcher.end();
        }
        if (end == 0 || end != text.length()) {
            throw new AssertionError("not a Compose duration: '" + text + "'");
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new AssertionError(where + " should be a mapping, is " + describe(value));
        }
        return (Map<String, Object>) value;
    }

    static List<?> list(Object value, String where) {
        if (!(value instanceof List)) {
            throw new AssertionError(where + " should be a list, is " + describe(value));
        }
        return (List<?>) value;
    }

    static List<String> strings(Object value, String where) {
        List<String> strings = new ArrayList<>();
        list(value, where).forEach(item -> strings.add(String.valueOf(item)));
        return strings;
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName() + " " + value;
    }

    /** One volume of a service; a bind mount's source is a path (starts with '.', '/' or '~'). */
    record Volume(String source, String target) {
        boolean isAnonymous() {
            return source.isEmpty();
        }

        boolean isBind() {
            return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
        }
    }
}
