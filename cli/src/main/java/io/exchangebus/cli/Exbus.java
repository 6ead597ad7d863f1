package io.exchangebus.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code exbus} command. Exit codes: 0 success, 1 failure at run time (the message says why), 2 wrong usage.
 */
@Command(name = "exbus", mixinStandardHelpOptions = true, version = "exbus 0.1.0-SNAPSHOT",
        description = "ExchangeBus: crypto exchanges to Kafka topics and back.",
        subcommands = {StackCommand.class, TailCommand.class, SmokeCommand.class, SimCommand.class,
                NormalizeCommand.class, ServiceCommand.class, RecoverCommand.class, OrderCli.class, BookCommand.class,
                PositionsCommand.class, DemoCommand.class, SchemasCommand.class, CommandLine.HelpCommand.class})
public final class Exbus implements Runnable {
    /** Exit code of a command that failed at run time. */
    static final int FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The CLI's logging: stdout is data, logs go to stderr (the services' jars carry their own logback.xml). */
    static final String LOGGING = "exbus-cli-logback.xml";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGGING); // before the first logger is made
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line, with the exit code mapping every subcommand shares. */
    public static CommandLine commandLine() {
        return new CommandLine(new Exbus())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("exbus " + cmd.getCommandName() + ": " + e.getMessage());
                    return FAILED;
                });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
