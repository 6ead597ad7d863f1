package io.exchangebus.cli;

import io.exchangebus.recovery.RecoveryJobMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the recovery job once: each configured account's state to {@code recovery.snapshots.v1}. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Run the recovery job once: fetch each configured account's balances, positions, open "
                + "orders and recent order history over the exchange's REST API and publish them to "
                + "recovery.snapshots.v1 as one epoch, printing progress; run it at start-up, before the services.",
                "Exit codes: 0 every account recovered, 1 an account failed (the others are published, the failure "
                + "recorded in its marker), 2 bad configuration."})
final class RecoverCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "The recovery job's YAML configuration.")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String[] args = config == null ? new String[0] : new String[] {"--config", config.toString()};
        try (PrintStream out = streamOf(spec.commandLine().getOut());
             PrintStream err = streamOf(spec.commandLine().getErr())) {
            return RecoveryJobMain.run(args, System.getenv(), out, err);
        }
    }

    /** A stream onto picocli's writer, line by line (so that tests and scripts see the job's output). */
    private static PrintStream streamOf(PrintWriter writer) {
        return new PrintStream(new ByteArrayOutputStream() {
            @Override
            public synchronized void flush() {
                writer.write(toString(StandardCharsets.UTF_8));
                writer.flush();
                reset();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
