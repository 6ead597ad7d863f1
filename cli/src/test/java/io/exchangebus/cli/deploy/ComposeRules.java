package io.exchangebus.cli.deploy;

import io.exchangebus.service.config.ConfigSchema;
import io.exchangebus.service.ops.LogFormatEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link ComposeFileTest} requires of a Compose file, as functions from the file to the problems found, so that
 * the test can show each rule failing on a file that breaks it. An empty list: no problem.
 */
final class ComposeRules {
    /** Restart policies Compose knows. */
    static final Set<String> RESTART_POLICIES = Set.of("no", "always", "on-failure", "unless-stopped");
    /** {@code EXBUS_} variables without {@code __} that a service reads, though they are not configuration keys. */
    static final Set<String> OTHER_SERVICE_VARIABLES = Set.of(LogFormatEncoder.FORMAT_VARIABLE);

    private static final String ROLES = "KAFKA_PROCESS_ROLES";
    private static final String NODE_ID = "KAFKA_NODE_ID";
    private static final String VOTERS = "KAFKA_CONTROLLER_QUORUM_VOTERS";
    private static final Map<String, String> REPLICATION = Map.of(
            "KAFKA_DEFAULT_REPLICATION_FACTOR", "3",
            "KAFKA_MIN_INSYNC_REPLICAS", "2",
            "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3",
            "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3",
            "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");

    private ComposeRules() {
    }

    /** Every service has a restart policy Compose knows; every one that is restarted has a health check. */
    static List<String> restartAndHealthProblems(ComposeFile compose) {
        List<String> problems = new ArrayList<>();
        for (String service : compose.serviceNames()) {
            String restart = compose.restart(service).orElse(null);
            if (restart == null || !RESTART_POLICIES.contains(restart)) {
                problems.add(service + ": restart is " + restart + ", not one of " + RESTART_POLICIES);
            } else if (!restart.equals("no") && compose.healthcheckTest(service).isEmpty()) {
                problems.add(service + ": runs for good (restart " + restart + ") but has no healthcheck");
            }
        }
        return problems;
    }

    /**
     * Every {@code depends_on} names a service; {@code service_healthy} waits for one with a health check and
     * {@code service_completed_successfully} for a one-shot job (restart "no"), which would otherwise never complete.
     */
    static List<String> dependencyProblems(ComposeFile compose) {
        List<String> problems = new ArrayList<>();
        for (String service : compose.serviceNames()) {
            compose.dependsOn(service).forEach((target, condition) -> {
                String edge = service + " depends on " + target;
                if (!compose.serviceNames().contains(target)) {
                    problems.add(edge + ", which is not a service");
                } else if (condition.equals("service_healthy") && compose.healthcheckTest(target).isEmpty()) {
                    problems.add(edge + " being healthy, but " + target + " has no healthcheck");
                } else if (condition.equals("service_completed_successfully")
                        && !compose.restart(target).orElse("").equals("no")) {
                    problems.add(edge + " completing, but " + target + " is restarted (restart is not \"no\")");
                } else if (!Set.of("service_started", "service_healthy", "service_completed_successfully")
                        .contains(condition)) {
                    problems.add(edge + " with an unknown condition " + condition);
                }
            });
        }
        return problems;
    }

    /** The KRaft nodes whose roles include {@code broker}. */
    static Set<String> brokers(ComposeFile compose) {
        Set<String> brokers = new TreeSet<>();
        for (String service : compose.serviceNames()) {
            if (roles(compose, service).contains("broker")) {
                brokers.add(service);
            }
        }
        return brokers;
    }

    /**
     * At least three brokers, each node with its own id, one cluster id and one quorum of at least three
     * controllers, each voter a service in the controller role at that id; replication factor 3 and
     * min.insync.replicas 2 for topics and for the offsets and transaction logs.
     */
    static List<String> brokerProblems(ComposeFile compose) {
        List<String> problems = new ArrayList<>();
        Set<String> brokers = brokers(compose);
        if (brokers.size() < 3) {
            problems.add("brokers " + brokers + ": a cluster that survives a broker's loss with min.insync.replicas"
                    + " 2 needs at least 3");
        }
        Map<String, String> nodeIds = new HashMap<>();
        Set<String> clusterIds = new TreeSet<>();
        Set<String> quorums = new TreeSet<>();
        for (String node : compose.serviceNames()) {
            if (roles(compose, node).isEmpty()) {
                continue;
            }
            Map<String, String> environment = compose.environment(node);
            String previous = nodeIds.put(environment.get(NODE_ID), node);
            if (environment.get(NODE_ID) == null || previous != null) {
                problems.add(node + ": " + NODE_ID + " " + environment.get(NODE_ID) + " is missing or also "
                        + previous + "'s");
            }
            clusterIds.add(String.valueOf(environment.get("CLUSTER_ID")));
            quorums.add(String.valueOf(environment.get(VOTERS)));
            if (brokers.contains(node)) {
                REPLICATION.forEach((name, value) -> {
                    if (!value.equals(environment.get(name))) {
                        problems.add(node + ": " + name + " is " + environment.get(name) + ", should be " + value);
                    }
                });
            }
        }
        if (clusterIds.size() != 1 || clusterIds.contains("null")) {
            problems.add("the nodes' CLUSTER_IDs differ or are missing: " + clusterIds);
        }
        if (quorums.size() != 1) {
            problems.add("the nodes name different controller quorums: " + quorums);
        } else {
            problems.addAll(voterProblems(compose, quorums.iterator().next(), nodeIds));
        }
        return problems;
    }

    private static List<String> voterProblems(ComposeFile compose, String quorum, Map<String, String> nodeIds) {
        List<String> problems = new ArrayList<>();
        String[] voters = quorum.split(",");
        if (voters.length < 3) {
            problems.add(VOTERS + " " + quorum + ": a quorum that survives a controller's loss needs 3");
        }
        for (String voter : voters) {
            String[] idAndAddress = voter.split("@");
            String node = nodeIds.get(idAndAddress[0]);
            String host = idAndAddress.length == 2 ? idAndAddress[1].split(":")[0] : "";
            if (node == null || !roles(compose, node).contains("controller") || !(node.equals(host)
                    || host.equals(compose.service(node).get("hostname")))) {
                problems.add("voter " + voter + " is not a controller service of that node id and host");
            }
        }
        return problems;
    }

    private static String roles(ComposeFile compose, String service) {
        return compose.environment(service).getOrDefault(ROLES, "");
    }

    /** Every {@code EXBUS_} variable of {@code variables} names a key of {@code schema}, or is one services read. */
    static List<String> environmentProblems(String service, Set<String> variables, ConfigSchema schema) {
        List<String> problems = new ArrayList<>();
        for (String variable : new TreeSet<>(variables)) {
            if (!variable.startsWith(EnvironmentNames.PREFIX)) {
                continue;
            }
            if (EnvironmentNames.namesAKey(variable)) {
                if (EnvironmentNames.keyFor(variable, schema).isEmpty()) {
                    problems.add(service + ": " + variable + " names no configuration key of " + service);
                }
            } else if (!OTHER_SERVICE_VARIABLES.contains(variable)) {
                problems.add(service + ": " + variable + " is no key (no __) and not read by the service");
            }
        }
        return problems;
    }

    /**
     * What would stop {@code service} from running as several containers: a fixed container name or host name, a
     * fixed host port (the second container could not bind it), or a state directory that is not a volume of each
     * container's own (an anonymous volume; a named one would be shared by all).
     */
    static List<String> scalingProblems(ComposeFile compose, String service, String stateDirectory) {
        List<String> problems = new ArrayList<>();
        for (String fixed : List.of("container_name", "hostname")) {
            if (compose.service(service).containsKey(fixed)) {
                problems.add(service + ": a fixed " + fixed + " stops it from scaling");
            }
        }
        compose.fixedHostPorts(service).forEach(port ->
                problems.add(service + ": host port " + port + " is fixed; only one container could bind it"));
        boolean ownVolume = compose.volumes(service).stream()
                .anyMatch(volume -> volume.target().equals(stateDirectory) && volume.isAnonymous());
        if (!ownVolume) {
            problems.add(service + ": its state directory " + stateDirectory + " is not an anonymous volume, one "
                    + "per container");
        }
        return problems;
    }
}
