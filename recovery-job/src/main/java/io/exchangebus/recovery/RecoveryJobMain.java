package io.exchangebus.recovery;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.service.CommandLine;
import io.exchangebus.service.config.ConfigException;
import io.exchangebus.service.config.ConfigLoader;
import io.exchangebus.service.config.ServiceConfig;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * {@code recovery-job [--config FILE]}: a batch, not a long-running service. Reads the configuration as every
 * service does, recovers each selected account into one epoch on {@code recovery.snapshots.v1}, prints its progress,
 * and exits: 0 when every account was recovered, 1 when one failed (after the others were published, the failure
 * recorded in its marker) or publishing failed, 2 for a bad command line or configuration (each problem naming its
 * key).
 */
public final class RecoveryJobMain {
    /** The job's name: its client ids and configuration's name. */
    public static final String SERVICE_NAME = "recovery-job";
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_CONFIG = 2;

    private RecoveryJobMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the job against the catalogue's topic; returns the exit code. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        return run(args, environment, out, err, Topics.RECOVERY_SNAPSHOTS.name());
    }

    /** Runs the job, publishing to {@code topic}; returns the exit code. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err, String topic) {
        ServiceConfig config;
        try {
            CommandLine commandLine = CommandLine.parse(args);
            config = new ConfigLoader(SERVICE_NAME, RecoveryKeys.SCHEMA, environment).load(commandLine.configFile());
        } catch (IllegalArgumentException | ConfigException e) {
            err.println(SERVICE_NAME + ": " + e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        try {
            return new RecoveryJob(config, topic, new Progress(out), Clock.systemUTC()).run() ? EXIT_OK : EXIT_FAILED;
        } catch (ConfigException e) {
            err.println(SERVICE_NAME + ": " + e.getMessage());
            return EXIT_BAD_CONFIG;
        }
    }
}
