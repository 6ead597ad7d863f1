package io.exchangebus.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.service.config.CommonKeys;
import io.exchangebus.service.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceRunnerTest {
    private static final Map<String, String> KAFKA = Map.of(
            "EXBUS_KAFKA__BOOTSTRAP_SERVERS", "127.0.0.1:9092",
            "EXBUS_KAFKA__SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081",
            "EXBUS_SERVICE__HTTP_PORT", "0");
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private ServiceRunner runner(Map<String, String> env) {
        return new ServiceRunner("toy", CommonKeys.SCHEMA, env, err);
    }

    private String errText() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(ServiceRunner runner, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.opsPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldExitWithCode2NamingTheKeyOfABadConfiguration() throws Exception {
        Path file = Files.writeString(dir.resolve("toy.yaml"), "service:\n  http-port: 70000\n");
        AtomicReference<Boolean> built = new AtomicReference<>(false);

        int code = runner(Map.of()).run(new String[] {"--config", file.toString()}, context -> {
            built.set(true);
            return new ToyService(context);
        });

        assertThat(code).isEqualTo(2);
        assertThat(built.get()).isFalse();
        assertThat(errText()).contains("config key 'service.http-port': must be from 0 to 65535, was 70000",
                "config key 'kafka.bootstrap-servers': required, not set");
    }

    @Test
    void shouldExitWithCode2WhenTheServiceFindsItsConfigurationWrongWhileBuildingItself() {
        int code = runner(KAFKA).run(new String[0], context -> {
            throw ConfigException.of("exchanges.nowhere", "no connector for this exchange on the class path");
        });

        assertThat(code).isEqualTo(2);
        assertThat(errText()).contains("exchanges.nowhere", "no connector for this exchange");
    }

    @Test
    void shouldExitWithCode2ForAnUnknownArgument() {
        int code = runner(KAFKA).run(new String[] {"--cofnig", "x.yaml"}, ToyService::new);

        assertThat(code).isEqualTo(2);
        assertThat(errText()).contains("unknown argument '--cofnig'", "usage: <service> [--config FILE]");
    }

    @Test
    void shouldStartTheServiceBecomeReadyAndCloseItOnStop() throws Exception {
        Map<String, String> env = new HashMap<>(KAFKA);
        env.put("EXBUS_SERVICE__SHUTDOWN_TIMEOUT", "5s");
        ServiceRunner runner = runner(env);
        AtomicReference<ToyService> service = new AtomicReference<>();

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runner.run(new String[0], context -> {
            service.set(new ToyService(context));
            return service.get();
        }));
        assertThat(runner.awaitStarted(Duration.ofSeconds(10))).isTrue();

        assertThat(service.get().calls).containsExactly("start");
        assertThat(get(runner, "/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> notReady = get(runner, "/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("\"failing\":[\"toy-connection\"]");
        service.get().connected.set(true);
        assertThat(get(runner, "/health/ready").statusCode()).isEqualTo(200);
        assertThat(get(runner, "/metrics").body())
                .contains("exbus_messages_in_total{instance=\"toy-", "service=\"toy\",topic=\"toy.in.v1\"} 1.0");

        runner.stop();

        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(0);
        assertThat(service.get().calls).containsExactly("start", "close");
        assertThat(service.get().closeTimeout).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldExitWithCode1AndCloseAServiceThatFailsToStart() {
        AtomicReference<ToyService> service = new AtomicReference<>();

        int code = runner(KAFKA).run(new String[0], context -> {
            service.set(new ToyService(context) {
                @Override
                public void start() {
                    calls.add("start");
                    throw new IllegalStateException("exchange unreachable");
                }
            });
            return service.get();
        });

        assertThat(code).isEqualTo(1);
        assertThat(service.get().calls).containsExactly("start", "close");
    }

    @Test
    void shouldReportAServiceThatDoesNotCloseInTime() throws Exception {
        Map<String, String> env = new HashMap<>(KAFKA);
        env.put("EXBUS_SERVICE__SHUTDOWN_TIMEOUT", "200ms");
        ServiceRunner runner = runner(env);

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runner.run(new String[0],
                context -> new ToyService(context) {
                    @Override
                    public void close(Duration timeout) throws InterruptedException {
                        Thread.sleep(10_000);
                    }
                }));
        assertThat(runner.awaitStarted(Duration.ofSeconds(10))).isTrue();
        long stopAt = System.nanoTime();
        runner.stop();

        assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - stopAt)).isLessThan(Duration.ofSeconds(3));
    }
}
