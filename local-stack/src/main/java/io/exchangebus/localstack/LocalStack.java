package io.exchangebus.localstack;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.exchangebus.localstack.broker.Broker;
import io.exchangebus.localstack.broker.BrokerProcess;
import io.exchangebus.localstack.broker.InJvmBroker;
import io.exchangebus.localstack.process.Deadline;
import io.exchangebus.localstack.process.WorkDir;
import io.exchangebus.localstack.registry.RegistryLocator;
import io.exchangebus.localstack.registry.RegistryProcess;

/**
 * A real single-node KRaft Kafka broker and the real schema registry, on free loopback ports, for tests and the
 * offline demo.
 *
 * <p>The registry always runs as a child process; the broker runs either in this JVM ({@link #startInJvm()},
 * for tests) or as a child process ({@link #startProcesses()}, for the demo and {@code exbus stack}). Both start
 * concurrently; the factory methods return once both answer.
 *
 * <p>No child outlives its stack: {@link #close()} stops them; a normal JVM exit stops them through a shutdown
 * hook; and each child halts itself within a fraction of a second when this JVM dies in any other way, SIGKILL
 * included (see {@link io.exchangebus.localstack.process.ParentWatchdog}). Data and the children's logs live in a
 * temporary work directory, deleted on close; after a failed start it is kept until this JVM exits, for the logs
 * that the exception names. A directory left by a killed JVM is deleted by the next stack started.
 *
 * <p>Thread-safe.
 */
public final class LocalStack implements AutoCloseable {

    /** How long each server may take to become ready before start fails. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** Where the broker runs. */
    public enum Mode { IN_JVM, PROCESSES }

    private final Mode mode;
    private final WorkDir workDir;
    private final Broker broker;
    private final RegistryProcess registry;
    private final Duration brokerStartup;
    private final Duration registryStartup;
    private Admin admin;
    private boolean closed;

    private LocalStack(Mode mode, WorkDir workDir, Timed<Broker> broker, Timed<RegistryProcess> registry) {
        this.mode = mode;
        this.workDir = workDir;
        this.broker = broker.value;
        this.registry = registry.value;
        this.brokerStartup = broker.took;
        this.registryStartup = registry.took;
    }

    /** Starts the broker in this JVM and the registry as a child process; returns when both are ready. */
    public static LocalStack startInJvm() {
        return start(Mode.IN_JVM);
    }

    /** Starts the broker and the registry as child processes; returns when both are ready. */
    public static LocalStack startProcesses() {
        return start(Mode.PROCESSES);
    }

    private static LocalStack start(Mode mode) {
        long started = System.nanoTime();
        // Fail before starting anything if the registry was not built.
        Path app = RegistryLocator.fromEnvironment().locate();
        WorkDir workDir = WorkDir.create();
        FutureTask<Timed<RegistryProcess>> registryStart = new FutureTask<>(
                () -> Timed.of(() -> RegistryProcess.start(workDir.resolve("registry"), app, START_TIMEOUT)));
        Thread registryThread = new Thread(registryStart, "exbus-registry-start");
        registryThread.setDaemon(true);
        registryThread.start();

        Timed<Broker> broker;
        try {
            broker = Timed.of(() -> mode == Mode.IN_JVM
                    ? InJvmBroker.start(workDir.resolve("kafka"))
                    : BrokerProcess.start(workDir.resolve("broker"), START_TIMEOUT));
        } catch (RuntimeException | Error e) {
            // The work directory stays until this JVM exits, for the logs the error message points to.
            abandon(registryStart, registryThread);
            throw e;
        }
        Timed<RegistryProcess> registry;
        try {
            registry = await(registryStart);
        } catch (RuntimeException | Error e) {
            broker.value.close();
            throw e;
        }
        LocalStack stack = new LocalStack(mode, workDir, broker, registry);
        log.info("Local stack ({}) ready in {} ms (broker {} ms, registry {} ms): bootstrap.servers={}, registry={}",
                mode, Duration.ofNanos(System.nanoTime() - started).toMillis(), broker.took.toMillis(),
                registry.took.toMillis(), stack.bootstrapServers(), stack.registryUrl());
        return stack;
    }

    /** {@code 127.0.0.1:PORT}, for the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The registry's Confluent-compatible API, {@code http://127.0.0.1:PORT/apis/ccompat/v7}, no trailing slash. */
    public String registryUrl() {
        return registry.ccompatUrl();
    }

    public Mode mode() {
        return mode;
    }

    /** The stack's temporary directory: broker data (process mode) and the children's logs. Deleted on close. */
    public Path workDir() {
        return workDir.path();
    }

    /** Pids of the child processes: the registry, and the broker in process mode. */
    public List<Long> childPids() {
        List<Long> pids = new ArrayList<>();
        broker.pid().ifPresent(pids::add);
        pids.add(registry.pid());
        return pids;
    }

    /** How long the broker took to become ready. */
    public Duration brokerStartup() {
        return brokerStartup;
    }

    /** How long the registry took to become ready. */
    public Duration registryStartup() {
        return registryStartup;
    }

    /** Creates a topic with replication factor 1 and waits for it; see {@link #createTopic(String, int, Map)}. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic with replication factor 1 and the given topic configs (e.g. {@code cleanup.policy=compact}),
     * and waits until every partition has a leader, so that the first produce does not meet a
     * {@code NOT_LEADER_OR_FOLLOWER} retry.
     *
     * @throws LocalStackException if the broker refuses it (e.g. it exists) or it is not ready within 30 s
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        Deadline deadline = Deadline.after(TOPIC_TIMEOUT);
        try {
            admin().createTopics(List.of(topic)).all().get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            while (!hasLeaders(name, partitions, deadline)) {
                if (deadline.passed()) {
                    throw new LocalStackException("topic " + name + " has no leader for every partition after "
                            + TOPIC_TIMEOUT.toSeconds() + " s");
                }
                deadline.pause(20);
            }
        } catch (ExecutionException e) {
            throw new LocalStackException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new LocalStackException("topic " + name + " not created within " + TOPIC_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while creating topic " + name, e);
        }
    }

    private boolean hasLeaders(String name, int partitions, Deadline deadline)
            throws InterruptedException, TimeoutException {
        try {
            TopicDescription description = admin().describeTopics(List.of(name)).allTopicNames()
                    .get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS).get(name);
            return description.partitions().size() == partitions
                    && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            // UnknownTopicOrPartition while the broker's metadata catches up with the controller.
            return false;
        }
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("local stack is closed");
        }
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.CLIENT_ID_CONFIG, "exbus-local-stack"));
        }
        return admin;
    }

    /** Stops both servers, waits for them and deletes the work directory. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long started = System.nanoTime();
        try {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
        } finally {
            try {
                // The registry stops on its own thread while the broker shuts down here: each takes about half a second.
                Thread registryStop = new Thread(registry::close, "exbus-registry-stop");
                registryStop.start();
                try {
                    broker.close();
                } finally {
                    joinUninterruptibly(registryStop);
                }
            } finally {
                deleteWorkDir();
            }
        }
        log.info("Local stack ({}) stopped in {} ms", mode, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private void deleteWorkDir() {
        try {
            workDir.close();
        } catch (UncheckedIOException e) {
            log.warn("Cannot delete the local stack's work directory {}: {}", workDir.path(), e.getCause().toString());
        }
    }

    @Override
    public String toString() {
        return "LocalStack[" + mode + ", bootstrap.servers=" + bootstrapServers() + ", registry=" + registryUrl() + "]";
    }

    private static Timed<RegistryProcess> await(FutureTask<Timed<RegistryProcess>> start) {
        try {
            return start.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new LocalStackException("schema registry did not start: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for the schema registry", e);
        }
    }

    /** Stops a registry start that is no longer wanted, waiting until its process is gone. */
    private static void abandon(FutureTask<Timed<RegistryProcess>> start, Thread thread) {
        // Interrupt rather than cancel: a cancelled FutureTask drops a result that was made meanwhile.
        thread.interrupt();
        joinUninterruptibly(thread);
        try {
            start.get().value.close();
        } catch (ExecutionException | InterruptedException e) {
            // Failed or interrupted: RegistryProcess.start has stopped its process itself.
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A value and how long it took to make. */
    private static final class Timed<T> {
        final T value;
        final Duration took;

        private Timed(T value, Duration took) {
            this.value = value;
            this.took = took;
        }

        static <T> Timed<T> of(java.util.function.Supplier<T> supplier) {
            long started = System.nanoTime();
            T value = supplier.get();
            return new Timed<>(value, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
