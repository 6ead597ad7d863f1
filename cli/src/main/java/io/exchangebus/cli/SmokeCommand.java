package io.exchangebus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Publishes sample events through the registry and reads them back. */
@Command(name = "smoke", mixinStandardHelpOptions = true,
        description = "Publish a sample BookUpdate and Trade (from Binance's documented samples) to market.book.v1 "
                + "and market.trades.v1, tail them back through the registry, print them as JSON, and check they "
                + "are what was sent. Exit code 0 when they are.")
final class SmokeCommand implements Callable<Integer> {
    @Mixin
    Connection connection = new Connection();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return new SmokeFlow(connection.bootstrap(), connection.registry(), spec.commandLine().getOut(),
                spec.commandLine().getErr()).run();
    }
}
