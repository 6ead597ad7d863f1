package io.exchangebus.cli;

import io.exchangebus.sim.ExchangeSimulator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one exchange simulator on loopback until interrupted. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Run an exchange simulator on loopback: the exchange's REST, market streams, WebSocket API and "
                + "user-data streams in its documented formats, with a matching engine, market data, and a funded "
                + "demo account whose key it prints. Point a connector (or curl) at the printed addresses.",
                "Stops on Ctrl-C."})
final class SimCommand implements Callable<Integer> {

    @Option(names = "--exchange", required = true, paramLabel = "NAME",
            completionCandidates = Exchanges.WithSimulator.class,
            description = "One of: ${COMPLETION-CANDIDATES} (the simulators on the class path).")
    String exchange;

    @Option(names = "--port", paramLabel = "P", defaultValue = "0",
            description = "REST on P and WebSocket on P+1 (default 0: free ports).")
    int port;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seeds market data and the demo key: the same seed gives the same run (default 1).")
    long seed;

    @Option(names = "--run-for", paramLabel = "SECONDS",
            description = "Stop after this many seconds (default: run until interrupted).")
    Long runFor;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ExchangeSimulator simulator = Exchanges.simulators().find(exchange)
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "no simulator for '"
                        + exchange + "'; there are: " + Exchanges.list(Exchanges.simulators().ids())));
        if (port < 0 || port > 65534) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be in [0, 65534]");
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        try (ExchangeSimulator.Running sim = simulator.launch(port, seed)) {
            Thread hook = new Thread(stopped::countDown, "exbus-sim-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            out.print(sim.describe());
            out.println("ready (Ctrl-C stops)");
            out.flush();
            if (runFor == null) {
                stopped.await();
            } else {
                stopped.await(runFor, TimeUnit.SECONDS);
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return 0;
    }
}
