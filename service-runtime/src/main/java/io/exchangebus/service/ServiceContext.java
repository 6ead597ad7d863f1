package io.exchangebus.service;

import io.exchangebus.service.config.CommonConfig;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.service.kafka.DeadLetters;
import io.exchangebus.service.kafka.KafkaClients;
import com.sun.net.httpserver.HttpHandler;
import io.exchangebus.service.ops.OpsServer;
import io.exchangebus.service.ops.ReadinessChecks;
import io.exchangebus.service.ops.ServiceMetrics;
import java.time.Duration;

/** What the runner gives a service: its configuration, Kafka clients, metrics, readiness and dead letters. */
public final class ServiceContext {
    private final ServiceConfig config;
    private final CommonConfig common;
    private final KafkaClients kafka;
    private final ServiceMetrics metrics;
    private final ReadinessChecks readiness;
    private final OpsServer ops;
    private DeadLetters deadLetters;

    ServiceContext(ServiceConfig config, ServiceMetrics metrics, ReadinessChecks readiness, OpsServer ops) {
        this.config = config;
        this.common = CommonConfig.of(config);
        this.kafka = new KafkaClients(config, metrics.registry());
        this.metrics = metrics;
        this.readiness = readiness;
        this.ops = ops;
    }

    public ServiceConfig config() {
        return config;
    }

    public CommonConfig common() {
        return common;
    }

    public KafkaClients kafka() {
        return kafka;
    }

    public ServiceMetrics metrics() {
        return metrics;
    }

    /** Checks registered here count towards {@code /health/ready} along with {@link Service#readinessChecks()}. */
    public ReadinessChecks readiness() {
        return readiness;
    }

    /**
     * Serves the service's own HTTP endpoints under {@code path} on the ops server's port (see
     * {@link OpsServer#route}); they stop with the ops server, after the service is closed.
     */
    public void route(String path, HttpHandler handler) {
        ops.route(path, handler);
    }

    /** The port the ops server (and every {@link #route}) listens on: {@code service.http-port}, or the one taken. */
    public int httpPort() {
        return ops.port();
    }

    /** The service's dead letters, opened on first use and closed by the runner after the service. */
    public synchronized DeadLetters deadLetters() {
        if (deadLetters == null) {
            deadLetters = DeadLetters.open(kafka, metrics);
        }
        return deadLetters;
    }

    synchronized void close(Duration timeout) {
        if (deadLetters != null) {
            deadLetters.close(timeout);
        }
    }
}
