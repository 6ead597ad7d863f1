package io.exchangebus.cli;

import io.exchangebus.ingest.IngestMain;
import io.exchangebus.oms.OmsServiceMain;
import io.exchangebus.pms.PmsServiceMain;
import io.exchangebus.streams.StreamsAppsMain;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one long-running service in this process, as its own {@code main} would. */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"Run one ExchangeBus service in this process until Ctrl-C (or SIGTERM), which stops it "
                + "gracefully: ingest (market data to Kafka), pms-service (positions and balances to Kafka), "
                + "oms-service (order commands to the exchanges, acks and updates back) or streams-apps (current "
                + "books, quotes and positions, materialised and queryable).",
                "Configuration: one YAML file (--config) and EXBUS_ environment variables, which win; see each "
                + "service's README. Exit codes: 0 stopped cleanly, 1 failed, 2 bad configuration (each problem "
                + "naming its key)."})
final class ServiceCommand implements Callable<Integer> {
    private static final Map<String, ToIntFunction<String[]>> SERVICES = Map.of(
            IngestMain.SERVICE, IngestMain::run,
            PmsServiceMain.SERVICE_NAME, PmsServiceMain::run,
            OmsServiceMain.SERVICE, OmsServiceMain::run,
            StreamsAppsMain.SERVICE_NAME, StreamsAppsMain::run);

    @Parameters(index = "0", paramLabel = "NAME", description = "ingest, pms-service, oms-service or streams-apps.")
    String name;

    @Option(names = "--config", paramLabel = "FILE", description = "The service's YAML configuration.")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ToIntFunction<String[]> service = SERVICES.get(name);
        if (service == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no service '" + name
                    + "'; there are: ingest, pms-service, oms-service, streams-apps (and 'exbus recover' for the recovery job)");
        }
        return service.applyAsInt(config == null ? new String[0] : new String[] {"--config", config.toString()});
    }
}
