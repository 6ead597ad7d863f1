package io.exchangebus.service;

import io.exchangebus.service.config.CommonConfig;
import io.exchangebus.service.config.ConfigException;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.config.ConfigSchema;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.service.ops.OpsServer;
import io.exchangebus.service.ops.ReadinessChecks;
import io.exchangebus.service.ops.ServiceMetrics;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service process: reads the command line and configuration, starts the ops server (health, readiness,
 * metrics), builds and starts the {@link Service}, logs where things are and when it is ready, and on SIGTERM,
 * Ctrl-C or {@link #stop()} closes it within {@code service.shutdown-timeout}.
 *
 * <p>{@link #run} returns the process's exit code and never calls {@code System.exit}; {@link #runAndExit} does,
 * for {@code main}: 0 after a clean stop, 1 if the service could not start or close, 2 for a bad command line or
 * configuration (with every problem printed, each naming its key).
 */
public final class ServiceRunner {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_CONFIG = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);
    private static final Duration READY_POLL = Duration.ofMillis(100);

    private final String serviceName;
    private final ConfigSchema schema;
    private final Map<String, String> environment;
    private final PrintStream err;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean accepting = new AtomicBoolean(false);
    private volatile OpsServer ops;

    /** A runner reading this process's environment and printing configuration problems to stderr. */
    public ServiceRunner(String serviceName, ConfigSchema schema) {
        this(serviceName, schema, System.getenv(), System.err);
    }

    /** A runner with the given environment variables, printing configuration problems to {@code err}. */
    public ServiceRunner(String serviceName, ConfigSchema schema, Map<String, String> environment, PrintStream err) {
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.environment = Map.copyOf(environment);
        this.err = Objects.requireNonNull(err, "err");
    }

    /** For {@code main}: runs the service and exits the JVM with its exit code. */
    public static void runAndExit(String serviceName, ConfigSchema schema, String[] args, ServiceFactory factory) {
        System.exit(new ServiceRunner(serviceName, schema).run(args, factory));
    }

    /**
     * Runs the service until it is stopped; returns the exit code. Installs a JVM shutdown hook, removed again when
     * it returns, so that SIGTERM and Ctrl-C close the service gracefully.
     */
    public int run(String[] args, ServiceFactory factory) {
        try {
            return runOnce(args, factory);
        } finally {
            started.countDown();
            finished.countDown();
        }
    }

    /** Asks a running service to stop, as SIGTERM does; {@link #run} then closes it and returns. */
    public void stop() {
        stopRequested.countDown();
    }

    /** Waits until the service has started (or failed to); whether it did within {@code timeout}. */
    public boolean awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The ops server's port, once started. */
    public int opsPort() {
        OpsServer server = ops;
        if (server == null) {
            throw new IllegalStateException(serviceName + " has no ops server running");
        }
        return server.port();
    }

    private int runOnce(String[] args, ServiceFactory factory) {
        ServiceConfig config;
        try {
            CommandLine commandLine = CommandLine.parse(args);
            config = new ConfigLoader(serviceName, schema, environment).load(commandLine.configFile());
        } catch (IllegalArgumentException e) {
            err.println(serviceName + ": " + e.getMessage() + "\n" + CommandLine.USAGE);
            return EXIT_BAD_CONFIG;
        } catch (ConfigException e) {
            err.println(serviceName + ": " + e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        CommonConfig common = CommonConfig.of(config);
        ServiceMetrics metrics = new ServiceMetrics(serviceName, common.instanceId());
        ReadinessChecks readiness = new ReadinessChecks();
        readiness.register("started", accepting::get);
        try {
            ops = OpsServer.start(common.httpPort(), metrics, readiness);
        } catch (UncheckedIOException e) {
            err.println(serviceName + ": " + e.getMessage());
            return EXIT_FAILED;
        }
        try {
            return runService(factory, new ServiceContext(config, metrics, readiness, ops), common);
        } finally {
            ops.close();
        }
    }

    private int runService(ServiceFactory factory, ServiceContext context, CommonConfig common) {
        long startNanos = System.nanoTime();
        LOG.info("{} {} starting: health and metrics on port {} (/health/live, /health/ready, /metrics)",
                serviceName, common.instanceId(), ops.port());
        Service service = null;
        try {
            service = factory.create(context);
            service.readinessChecks().forEach(context.readiness()::register);
            service.start();
        } catch (ConfigException e) {
            // found by the service while building itself (an exchange without a connector, say): still bad config
            err.println(serviceName + ": " + e.getMessage());
            if (service != null) {
                closeWithin(service, common.shutdownTimeout());
            }
            context.close(common.shutdownTimeout());
            return EXIT_BAD_CONFIG;
        } catch (Exception e) {
            LOG.error("{} {} failed to start", serviceName, common.instanceId(), e);
            if (service != null) {
                closeWithin(service, common.shutdownTimeout());
            }
            context.close(common.shutdownTimeout());
            return EXIT_FAILED;
        }
        accepting.set(true);
        started.countDown();
        Thread hook = new Thread(this::stopAndAwaitClose, serviceName + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        announceReadiness(context.readiness(), common, startNanos);
        awaitStopRequest();
        boolean closed = shutdown(service, context, common);
        removeHook(hook);
        return closed ? EXIT_OK : EXIT_FAILED;
    }

    private boolean shutdown(Service service, ServiceContext context, CommonConfig common) {
        accepting.set(false);
        Duration timeout = common.shutdownTimeout();
        LOG.info("{} {} stopping: up to {} for in-flight work", serviceName, common.instanceId(), timeout);
        boolean closed = closeWithin(service, timeout);
        context.close(timeout);
        LOG.info("{} {} stopped", serviceName, common.instanceId());
        return closed;
    }

    /** Closes the service on a thread of its own, waiting at most {@code timeout}; whether it closed cleanly. */
    private boolean closeWithin(Service service, Duration timeout) {
        AtomicBoolean clean = new AtomicBoolean(false);
        Thread closer = new Thread(() -> {
            try {
                service.close(timeout);
                clean.set(true);
            } catch (Exception e) {
                LOG.error("{} failed to close", serviceName, e);
            }
        }, serviceName + "-close");
        closer.start();
        try {
            closer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("{} did not close within {}; interrupting it", serviceName, timeout);
            closer.interrupt();
            return false;
        }
        return clean.get();
    }

    /** Logs one line when every readiness check first passes. */
    private void announceReadiness(ReadinessChecks readiness, CommonConfig common, long startNanos) {
        Thread watcher = new Thread(() -> {
            while (stopRequested.getCount() > 0) {
                if (readiness.failing().isEmpty()) {
                    LOG.info("{} {} ready after {} ms", serviceName, common.instanceId(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
                    return;
                }
                try {
                    stopRequested.await(READY_POLL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, serviceName + "-readiness");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void awaitStopRequest() {
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The shutdown hook: the JVM exits when hooks return, so wait for the close to finish. */
    private void stopAndAwaitClose() {
        stop();
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: this run was stopped by the hook itself.
        }
    }
}
