package io.exchangebus.cli;

import io.exchangebus.localstack.process.Ports;
import io.exchangebus.service.demo.DemoConfigs;
import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.ExchangeSimulators;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The whole pipeline on one machine, each part its own process, until Ctrl-C. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the whole pipeline on this machine, each part its own process as in production: a real "
                + "Kafka broker (KRaft) and schema registry, the chosen exchanges' simulators (by default all on the "
                + "class path: Binance spot and USD-M, Deribit and GRVT), the recovery job (once, first), then "
                + "ingest, pms-service, oms-service and streams-apps, with a sample configuration for BTCUSDT on "
                + "Binance, BTC-PERPETUAL and a BTC option on Deribit, BTC_USDT_Perp on GRVT (with Binance USD-M's "
                + "BTCUSDT in one consolidated best quote of BTC-USDT-PERP), and one demo account per exchange "
                + "(spot, perp, deribit, grvt).",
                "Prints progress, then where everything is and a line 'ready' once books flow; other exbus commands "
                + "(order, book, positions, tail) find it with no options. Ctrl-C stops everything it started.",
                "Exit codes: 130 stopped by Ctrl-C (143 by SIGTERM), as for any JVM a signal stops; 1 failed to "
                + "start or a part stopped (naming it and its log); 2 bad usage."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--exchanges", split = ",", paramLabel = "ID[,ID...]",
            completionCandidates = Exchanges.WithSimulator.class,
            description = "The exchanges to run, comma-separated, from: ${COMPLETION-CANDIDATES} (the simulators on "
                    + "the class path). Default: all of them.")
    List<String> exchanges;

    @Option(names = "--live", description = "Market data from the exchanges' real public endpoints instead of the "
            + "simulators (no keys needed); orders, positions and balances stay on the simulators.")
    boolean live;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder for configuration, logs and state, emptied "
            + "at each start. Default: ~/.exbus/demo ($EXBUS_HOME/demo when EXBUS_HOME is set).")
    Path dir;

    @Option(names = "--streams-port", paramLabel = "PORT", defaultValue = "8090", description = "Port of "
            + "streams-apps' query API and dashboard; a free one is taken if it is in use. Default: ${DEFAULT-VALUE}.")
    int streamsPort;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "120s", converter = OptionTypes.Interval.class,
            description = "Longest wait for each start-up step. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--live-endpoints", hidden = true, split = ",", paramLabel = "URI",
            description = "The endpoints --live checks (for tests).")
    List<URI> liveEndpoints = LiveMarketData.BINANCE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ExchangeSimulator> chosen = chosenSimulators();
        if (live && !liveReachable(out, err)) {
            return ExitCodes.FAILED;
        }
        Path folder = dir != null ? dir : Connection.home().resolve("demo");
        int port = portOrFree(streamsPort, out);
        DemoRun.DemoProgress progress = new DemoRun.DemoProgress(out);
        DemoRun run = new DemoRun(folder, chosen, live, port, timeout, progress);
        CountDownLatch stopping = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.countDown();
            Connection.deleteStackFileIfOurs();
            out.println("exbus demo: stopping everything it started ...");
            out.flush();
        }, "exbus-demo-stop"));
        DemoRun.Endpoints endpoints;
        try {
            endpoints = run.start();
        } catch (DemoRun.DemoFailure e) {
            err.println("exbus demo: " + e.getMessage());
            err.flush();
            run.stop();
            return ExitCodes.FAILED;
        }
        Connection.writeStackFile(Map.of("bootstrap", endpoints.bootstrap(), "registry", endpoints.registry(),
                StreamsApiOptions.STACK_FILE_KEY, endpoints.streamsUrl()));
        printSummary(out, endpoints, chosen, progress.seconds());
        while (!stopping.await(1, TimeUnit.SECONDS)) {
            Optional<String> gone = run.exited();
            if (gone.isPresent()) {
                err.println("exbus demo: " + gone.get());
                err.println("exbus demo: stopping everything");
                err.flush();
                run.stop();
                return ExitCodes.FAILED;
            }
        }
        return ExitCodes.OK;
    }

    /** The simulators of {@code --exchanges}, in the order given (duplicates once), or all of them. */
    private List<ExchangeSimulator> chosenSimulators() {
        ExchangeSimulators all = Exchanges.simulators();
        List<String> ids = exchanges == null ? List.copyOf(all.ids())
                : exchanges.stream().map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
        if (ids.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), exchanges == null
                    ? "no exchange simulator on the class path" : "--exchanges names no exchange; there are: "
                    + Exchanges.list(all.ids()));
        }
        List<ExchangeSimulator> chosen = new ArrayList<>();
        for (String id : ids) {
            chosen.add(all.find(id).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "no simulator for '" + id + "' in --exchanges; there are: " + Exchanges.list(all.ids()))));
        }
        return chosen;
    }

    private boolean liveReachable(PrintWriter out, PrintWriter err) throws IOException {
        out.println("exbus demo --live: checking the exchanges' public market-data endpoints ...");
        out.flush();
        Optional<String> unreachable = LiveMarketData.unreachable(liveEndpoints, Duration.ofSeconds(5));
        if (unreachable.isEmpty()) {
            return true;
        }
        err.println("exbus demo: cannot reach " + unreachable.get() + " from this machine, so live market data is "
                + "not available here.");
        if (System.console() == null) {
            err.println("exbus demo: run './exbus demo' (without --live) to use the exchange simulators instead.");
            err.flush();
            return false;
        }
        err.print("Use the exchange simulators instead? [Y/n] ");
        err.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (answer == null || !(answer.isBlank() || answer.trim().toLowerCase().startsWith("y"))) {
            return false;
        }
        live = false;
        return true;
    }

    private static int portOrFree(int wanted, PrintWriter out) {
        try (ServerSocket probe = new ServerSocket(wanted, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            return wanted;
        } catch (IOException e) {
            int free = Ports.freeLoopbackPorts(1).get(0);
            out.println("exbus demo: port " + wanted + " is in use; streams-apps takes " + free + " instead");
            return free;
        }
    }

    private static void printSummary(PrintWriter out, DemoRun.Endpoints endpoints, List<ExchangeSimulator> chosen,
                                     double seconds) {
        ExchangeSimulator first = chosen.get(0);
        String exchange = first.exchange();
        String account = first.demoAccount();
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("Kafka bootstrap", endpoints.bootstrap());
        lines.put("schema registry", endpoints.registry());
        lines.put("dashboard", endpoints.dashboard());
        lines.put("query API", endpoints.streamsUrl() + "/books/" + exchange + "/" + DemoConfigs.SYMBOL);
        endpoints.servicePorts().forEach((name, port) ->
                lines.put(name, "http://127.0.0.1:" + port + "/metrics  /health/ready"));
        lines.put("config and logs", endpoints.dir() + "/config, " + endpoints.dir() + "/logs");
        out.println();
        lines.forEach((name, value) -> out.printf("  %-16s %s%n", name, value));
        out.println();
        out.println("  try:  ./exbus book " + exchange + ":" + DemoConfigs.SYMBOL);
        out.println("        ./exbus order place --exchange " + exchange + " --account " + account + " --symbol "
                + DemoConfigs.SYMBOL + " --side buy --type market --quantity 0.001");
        out.println("        ./exbus positions " + account);
        for (ExchangeSimulator other : chosen.subList(1, chosen.size())) {
            if (other.exchange().equals("grvt")) {
                out.println("        ./exbus book grvt:BTC_USDT_Perp");
                out.println("        curl " + endpoints.streamsUrl() + "/bbo/BTC-USDT-PERP   # Binance USD-M and "
                        + "GRVT in one best quote");
            }
            out.println("        ./exbus positions " + other.demoAccount() + " --exchange " + other.exchange());
        }
        out.println("        ./exbus tail --topic orders.updates.v1");
        out.println();
        out.printf("exbus demo: ready in %.1f s (Ctrl-C stops everything)%n", seconds);
        out.flush();
    }
}
