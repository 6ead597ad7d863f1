package io.exchangebus.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.exchangebus.avro.topics.Topic;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.ingest.IngestKeys;
import io.exchangebus.ingest.IngestMain;
import io.exchangebus.oms.OmsKeys;
import io.exchangebus.oms.OmsServiceMain;
import io.exchangebus.pms.PmsKeys;
import io.exchangebus.pms.PmsServiceMain;
import io.exchangebus.recovery.RecoveryJobMain;
import io.exchangebus.recovery.RecoveryKeys;
import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigSchema;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.streams.StreamsAppsKeys;
import io.exchangebus.streams.StreamsAppsMain;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compose.yaml} and {@code deploy/}, checked on a machine without Docker: the file is a valid Compose
 * mapping; every service it builds has a Dockerfile on a JRE image that runs that service's main class (found on
 * this class path) with a file of {@code deploy/config} that loads with the service's own configuration schema and
 * the environment compose gives it; every {@code EXBUS_} variable names a key the service declares; restart
 * policies, health checks and dependencies hold together; the brokers are a KRaft cluster of three with replication
 * 3 and min.insync.replicas 2; the topic job creates the catalogue; streams-apps can scale. No container is started:
 * whether the images build and the services come up on a Docker engine is not shown here.
 *
 * <p>One test is conditional, and only this one: {@link #shouldBeValidForDockerCompose} runs
 * {@code docker-compose -f compose.yaml config -q} when a {@code docker-compose} binary is on the PATH (the Debian
 * package {@code docker-compose}), and is skipped when there is none. {@code .ci/run} does not install it, so CI
 * skips that test; every other test here always runs.
 */
class ComposeFileTest {
    /** The services compose.yaml builds, by their names: main class, configuration schema, restart policy. */
    private static final Map<String, Service> SERVICES = Map.of(
            IngestMain.SERVICE, new Service(IngestMain.class, IngestKeys.SCHEMA, "unless-stopped"),
            PmsServiceMain.SERVICE_NAME, new Service(PmsServiceMain.class, PmsKeys.SCHEMA, "unless-stopped"),
            OmsServiceMain.SERVICE, new Service(OmsServiceMain.class, OmsKeys.SCHEMA, "unless-stopped"),
            RecoveryJobMain.SERVICE_NAME, new Service(RecoveryJobMain.class, RecoveryKeys.SCHEMA, "no"),
            StreamsAppsMain.SERVICE_NAME, new Service(StreamsAppsMain.class, StreamsAppsKeys.SCHEMA, "unless-stopped"));
    private static final String JRE_IMAGE = "eclipse-temurin:17-jre";

    private static Deployment deployment;
    private static ComposeFile compose;
    private static Path root;

    @TempDir
    Path scratch;

    @BeforeAll
    static void readTheDeployment() throws IOException {
        deployment = Deployment.ofThisRepository();
        compose = deployment.compose();
        root = deployment.root();
    }

    @Test
    void shouldBeAMappingOfServicesThatBuildsEachOfOursAndNothingElse() {
        assertThat(compose.root()).containsKey("services");
        List<String> built = compose.serviceNames().stream().filter(s -> compose.service(s).containsKey("build"))
                .toList();

        assertThat(built).containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
    }

    @Test
    void shouldBuildEveryServiceFromItsOwnDockerfileOnAJreImageWithItsOwnJars() throws IOException {
        String version = deployment.projectVersion();
        for (String service : SERVICES.keySet()) {
            Dockerfile dockerfile = deployment.dockerfile(service);

            assertThat(dockerfile.baseImage()).as(service).isEqualTo(JRE_IMAGE);
            assertThat(dockerfile.argDefault("VERSION")).as(service + ": ARG VERSION, the root pom's version")
                    .contains(version);
            assertThat(dockerfile.copies()).as(service).containsExactly(
                    List.of(service + "/target/lib/", "/app/lib/"),
                    List.of(service + "/target/" + service + "-${VERSION}.jar", "/app/lib/"));
            assertThat(compose.service(service)).as(service + " runs the image's own command")
                    .doesNotContainKeys("command", "entrypoint");
        }
    }

    @Test
    void shouldRunEachServicesMainClassWithItsConfigurationFile() throws Exception {
        for (Map.Entry<String, Service> entry : SERVICES.entrySet()) {
            Dockerfile.JavaLaunch launch = deployment.dockerfile(entry.getKey()).javaLaunch();

            assertThat(launch.classPath()).as(entry.getKey()).isEqualTo("/app/lib/*");
            Class<?> main = Class.forName(launch.mainClass());
            assertThat(main).as(entry.getKey()).isEqualTo(entry.getValue().main());
            Method method = main.getMethod("main", String[].class);
            assertThat(Modifier.isStatic(method.getModifiers())).as(launch.mainClass() + ".main is static").isTrue();
            assertThat(launch.arguments()).as(entry.getKey())
                    .containsExactly("--config", "/etc/exbus/" + entry.getKey() + ".yaml");
        }
    }

    @Test
    void shouldLoadEachServicesConfigurationWithTheEnvironmentComposeGivesIt() throws IOException {
        for (String service : SERVICES.keySet()) {
            ServiceConfig config = loadConfiguration(service);

            assertThat(config.serviceName()).isEqualTo(service);
            assertThat(config.get(CommonKeys.BOOTSTRAP_SERVERS)).as(service).isNotBlank();
        }
    }

    @Test
    void shouldSetOnlyExbusVariablesThatNameKeysTheServiceDeclares() throws IOException {
        for (Map.Entry<String, Service> entry : SERVICES.entrySet()) {
            Set<String> variables = deployment.environmentOf(entry.getKey()).keySet();

            assertThat(ComposeRules.environmentProblems(entry.getKey(), variables, entry.getValue().schema()))
                    .isEmpty();
        }
    }

    @Test
    void shouldPassSecretsOnlyByReferenceToFilesComposeMounts() throws IOException {
        Map<String, Object> secrets = ComposeFile.map(compose.root().get("secrets"), "secrets");
        secrets.forEach((name, spec) -> assertThat(String.valueOf(ComposeFile.map(spec, name).get("file")))
                .as("secret " + name + " is a file under deploy/secrets").startsWith("./deploy/secrets/"));
        for (String service : List.of(PmsServiceMain.SERVICE_NAME, OmsServiceMain.SERVICE,
                RecoveryJobMain.SERVICE_NAME)) {
            ServiceConfig config = loadConfiguration(service);

            assertThat(config.names("accounts")).as(service).isNotEmpty();
            for (String account : config.names("accounts")) {
                assertThat(config.get(CommonKeys.ACCOUNT_API_KEY, account).location()).as(service)
                        .startsWith(scratch.toString());
                assertThat(config.get(CommonKeys.ACCOUNT_SECRET, account).location()).as(service)
                        .startsWith(scratch.toString());
            }
        }
    }

    @Test
    void shouldUseTheExchangesTestnetsByDefault() throws IOException {
        for (String service : SERVICES.keySet()) {
            ServiceConfig config = loadConfiguration(service);

            for (String exchange : config.names("exchanges")) {
                assertThat(config.get(CommonKeys.EXCHANGE_ENVIRONMENT, exchange)).as(service + " " + exchange)
                        .isEqualTo("testnet");
            }
        }
    }

    @Test
    void shouldGiveEveryServiceARestartPolicyAndEveryLongRunningOneAHealthCheck() {
        assertThat(ComposeRules.restartAndHealthProblems(compose)).isEmpty();
        SERVICES.forEach((service, expected) ->
                assertThat(compose.restart(service)).as(service).contains(expected.restart()));
    }

    @Test
    void shouldCheckEachLongRunningServicesReadinessOnItsHttpPortAndLeaveItTimeToStop() throws IOException {
        for (String service : SERVICES.keySet()) {
            if (compose.restart(service).orElse("").equals("no")) {
                continue;
            }
            ServiceConfig config = loadConfiguration(service);

            assertThat(String.join(" ", compose.healthcheckTest(service))).as(service)
                    .contains("http://localhost:" + config.get(CommonKeys.HTTP_PORT) + "/health/ready");
            Duration shutdown = config.get(CommonKeys.SHUTDOWN_TIMEOUT);
            assertThat(compose.stopGracePeriod(service)).as(service + ": stop_grace_period, longer than "
                    + "service.shutdown-timeout, or Docker kills it mid-shutdown").isGreaterThan(shutdown);
        }
    }

    @Test
    void shouldStartServicesOnlyAfterWhatTheyDependOnIsReady() {
        assertThat(ComposeRules.dependencyProblems(compose)).isEmpty();
        for (String service : SERVICES.keySet()) {
            Map<String, String> dependsOn = compose.dependsOn(service);

            ComposeRules.brokers(compose).forEach(broker ->
                    assertThat(dependsOn).as(service).containsEntry(broker, "service_healthy"));
            assertThat(dependsOn).as(service).containsEntry(deployment.registryService(), "service_healthy")
                    .containsEntry(deployment.topicJob(), "service_completed_successfully");
        }
        for (String service : List.of(PmsServiceMain.SERVICE_NAME, OmsServiceMain.SERVICE)) {
            assertThat(compose.dependsOn(service)).as(service + " starts after the recovery epoch")
                    .containsEntry(RecoveryJobMain.SERVICE_NAME, "service_completed_successfully");
        }
    }

    @Test
    void shouldRunAKraftClusterOfThreeBrokersWithReplicationThreeAndMinInsyncTwo() {
        assertThat(ComposeRules.brokers(compose)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ComposeRules.brokerProblems(compose)).isEmpty();
    }

    @Test
    void shouldKeepTheRegistrysSchemasInTheClusterSoThatTheirIdsSurviveARestart() {
        String registry = deployment.registryService();

        assertThat(String.valueOf(compose.service(registry).get("image")))
                .as("Apicurio's KafkaSQL variant, not the in-memory one").contains("apicurio-registry-kafkasql:");
        assertThat(compose.environment(registry).get("KAFKA_BOOTSTRAP_SERVERS").split(","))
                .allSatisfy(server -> assertThat(ComposeRules.brokers(compose)).contains(server.split(":")[0]));
        assertThat(compose.dependsOn(registry)).as("starts after the brokers")
                .containsKeys(ComposeRules.brokers(compose).toArray(String[]::new));
    }

    @Test
    void shouldPointEveryServiceAtTheBrokersAndTheRegistrysConfluentApi() throws IOException {
        for (String service : SERVICES.keySet()) {
            ServiceConfig config = loadConfiguration(service);

            for (String server : config.get(CommonKeys.BOOTSTRAP_SERVERS).split(",")) {
                String host = server.split(":")[0];
                assertThat(ComposeRules.brokers(compose)).as(service + " bootstraps from " + server).contains(host);
                assertThat(compose.environment(host).get("KAFKA_ADVERTISED_LISTENERS")).as(server)
                        .contains("//" + server);
            }
            assertThat(config.get(CommonKeys.SCHEMA_REGISTRY_URL).getHost()).as(service)
                    .isEqualTo(deployment.registryService());
            assertThat(config.get(CommonKeys.SCHEMA_REGISTRY_URL).getPath()).as(service)
                    .isEqualTo("/apis/ccompat/v7");
        }
    }

    @Test
    void shouldCreateEveryTopicOfTheCatalogueCompactedWhereItSays() throws IOException {
        String job = deployment.topicJob();
        List<String> command = ComposeFile.strings(compose.service(job).get("command"), job + ".command");
        Path list = compose.bindSource(job, "/opt/exbus/topics").orElseThrow().resolve(Path.of(
                command.get(command.size() - 1)).getFileName());
        assertThat(list).isEqualTo(root.resolve("deploy/topics/topics.txt"));
        assertThat(compose.environment(job)).containsEntry("REPLICATION_FACTOR", "3")
                .containsEntry("MIN_INSYNC_REPLICAS", "2");
        List<Topic> expected = new ArrayList<>(Topics.ALL);
        List<Topic> deadLetters = new ArrayList<>();
        SERVICES.forEach((service, spec) -> {
            if (!spec.restart().equals("no")) {
                deadLetters.add(Topics.deadLetter(service));
            }
        });
        // The catalogue's own list, whose schemas the stack registers, names the same services.
        assertThat(deadLetters).containsExactlyInAnyOrderElementsOf(Topics.deadLetters());
        expected.addAll(deadLetters);

        Map<String, String> listed = Deployment.topicLines(list);

        Map<String, String> wanted = new LinkedHashMap<>();
        expected.forEach(t -> wanted.put(t.name(), t.partitions() + " " + t.cleanupPolicy().kafkaValue()));
        assertThat(listed).isEqualTo(wanted);
    }

    @Test
    void shouldLetStreamsAppsScaleEachInstanceAdvertisingItsOwnHost() throws IOException {
        String service = StreamsAppsMain.SERVICE_NAME;
        ServiceConfig config = loadConfiguration(service);

        assertThat(ComposeRules.scalingProblems(compose, service, config.get(StreamsAppsKeys.STATE_DIR))).isEmpty();
        String entrypoint = String.join(" ", deployment.dockerfile(service).execForm("ENTRYPOINT"));
        Matcher exported = Deployment.EXPORTED.matcher(entrypoint);
        assertThat(exported.find()).as("the entrypoint exports the advertised host").isTrue();
        assertThat(EnvironmentNames.keyFor(exported.group(1), StreamsAppsKeys.SCHEMA))
                .contains(StreamsAppsKeys.ADVERTISED_HOST);
        assertThat(entrypoint).contains("$(hostname)").contains("exec \"$@\"");
        assertThat(compose.environment(service)).doesNotContainKey(exported.group(1));
        assertThat(config.find(CommonKeys.INSTANCE_ID)).as("instance id left to the host name").isEmpty();
    }

    @Test
    void shouldFindTheKeyAVariableSetsAndNoneForATypo() {
        assertThat(EnvironmentNames.keyFor("EXBUS_KAFKA__BOOTSTRAP_SERVERS", IngestKeys.SCHEMA))
                .contains(CommonKeys.BOOTSTRAP_SERVERS);
        assertThat(EnvironmentNames.keyFor("EXBUS_ACCOUNTS__MAIN_2__KEY_TYPE", PmsKeys.SCHEMA))
                .contains(CommonKeys.ACCOUNT_KEY_TYPE);
        assertThat(EnvironmentNames.keyFor("EXBUS_KAFKA__PRODUCER__COMPRESSION_TYPE", OmsKeys.SCHEMA))
                .contains(CommonKeys.KAFKA_PRODUCER);
        assertThat(EnvironmentNames.keyFor("EXBUS_EXCHANGES__BINANCE_SPOT__SETTINGS__RECV_WINDOW", OmsKeys.SCHEMA))
                .contains(CommonKeys.EXCHANGE_SETTINGS);
        assertThat(EnvironmentNames.keyFor("EXBUS_KAFKA__STREAMS__COMMIT_INTERVAL_MS", StreamsAppsKeys.SCHEMA))
                .contains(StreamsAppsKeys.KAFKA_STREAMS);

        assertThat(ComposeRules.environmentProblems("ingest", Set.of("EXBUS_KAFKA__BOOTSTRAP_SERVER",
                "EXBUS_KAFKA__STREAMS__COMMIT_INTERVAL_MS", "EXBUS_LOG_FROMAT"), IngestKeys.SCHEMA))
                .containsExactly("ingest: EXBUS_KAFKA__BOOTSTRAP_SERVER names no configuration key of ingest",
                        "ingest: EXBUS_KAFKA__STREAMS__COMMIT_INTERVAL_MS names no configuration key of ingest",
                        "ingest: EXBUS_LOG_FROMAT is no key (no __) and not read by the service");
    }

    @Test
    void shouldRefuseAScaledServiceWithAFixedHostPortOrASharedStateVolume() {
        ComposeFile broken = ComposeFile.parse("""
                services:
                  streams-apps:
                    container_name: streams
                    ports: ["127.0.0.1:18090:8080", {target: 8080, published: 18091}, "8080"]
                    volumes: ["streams-state:/var/lib/exbus/streams"]
                """, root);

        assertThat(ComposeRules.scalingProblems(broken, "streams-apps", "/var/lib/exbus/streams")).containsExactly(
                "streams-apps: a fixed container_name stops it from scaling",
                "streams-apps: host port 18090 is fixed; only one container could bind it",
                "streams-apps: host port 18091 is fixed; only one container could bind it",
                "streams-apps: its state directory /var/lib/exbus/streams is not an anonymous volume, one per "
                        + "container");
    }

    @Test
    void shouldRefuseTooFewBrokersAMissingDependencyAndAnUnquotedNo() {
        ComposeFile broken = ComposeFile.parse("""
                services:
                  kafka-1:
                    restart: unless-stopped
                    healthcheck: {test: ["CMD", "true"]}
                    environment: {KAFKA_PROCESS_ROLES: "broker,controller", KAFKA_NODE_ID: 1, CLUSTER_ID: c,
                                  KAFKA_CONTROLLER_QUORUM_VOTERS: "1@kafka-1:9093",
                                  KAFKA_DEFAULT_REPLICATION_FACTOR: 1}
                  job:
                    restart: "no"
                  app:
                    restart: unless-stopped
                    depends_on: {kafka-1: {condition: service_healthy}, job: {condition: service_healthy},
                                 registry: {condition: service_healthy}}
                """, root);

        assertThat(ComposeRules.brokerProblems(broken)).contains(
                "brokers [kafka-1]: a cluster that survives a broker's loss with min.insync.replicas 2 needs at "
                        + "least 3",
                "kafka-1: KAFKA_DEFAULT_REPLICATION_FACTOR is 1, should be 3",
                "KAFKA_CONTROLLER_QUORUM_VOTERS 1@kafka-1:9093: a quorum that survives a controller's loss needs 3");
        assertThat(ComposeRules.dependencyProblems(broken)).containsExactly(
                "app depends on job being healthy, but job has no healthcheck",
                "app depends on registry, which is not a service");
        assertThat(ComposeRules.restartAndHealthProblems(broken)).containsExactly(
                "app: runs for good (restart unless-stopped) but has no healthcheck");
        assertThatThrownBy(() -> ComposeFile.parse("services: {job: {restart: no}}", root).restart("job"))
                .hasMessageContaining("quote it");
    }

    /** Skipped only when no {@code docker-compose} binary is on the PATH (Debian package {@code docker-compose}). */
    @Test
    void shouldBeValidForDockerCompose() throws Exception {
        Optional<Path> binary = onPath("docker-compose");
        assumeTrue(binary.isPresent(), "docker-compose is not installed (apt-get install docker-compose)");
        Process process = new ProcessBuilder(binary.get().toString(), "-f", "compose.yaml", "config", "-q")
                .directory(root.toFile()).redirectErrorStream(true).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }

        assertThat(finished).as("docker-compose config finished").isTrue();
        assertThat(process.exitValue()).as("docker-compose config -q: " + output).isZero();
    }

    private ServiceConfig loadConfiguration(String service) throws IOException {
        return deployment.loadConfiguration(service, SERVICES.get(service).schema(), scratch);
    }

    private static Optional<Path> onPath(String binary) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, binary);
            if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A service compose.yaml builds: its main class, its configuration schema and its restart policy. */
    private record Service(Class<?> main, ConfigSchema schema, String restart) {
    }
}
