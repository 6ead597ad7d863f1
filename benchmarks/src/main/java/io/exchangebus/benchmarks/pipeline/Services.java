package io.exchangebus.benchmarks.pipeline;

import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.process.ServiceProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The two services of the run, each with the YAML a deployment would give it. */
public final class Services {
    private Services() {
    }

    /** Ingest, subscribed to the full-depth book (no trades) of every symbol of the simulator. */
    static ServiceProcess startIngest(PipelineOptions options, SimulatedMarket market, LocalStack stack, Path workDir,
                                      List<String> jvmOptions) {
        return startIngest(market.symbols(), market.exchangeYaml(), stack, workDir, jvmOptions);
    }

    /**
     * Ingest, subscribed to the full-depth book (no trades) of every one of {@code symbols} of
     * {@link SimulatedMarket#EXCHANGE}, whose endpoints {@code exchangeYaml} gives.
     */
    public static ServiceProcess startIngest(List<String> symbols, String exchangeYaml, LocalStack stack,
                                             Path workDir, List<String> jvmOptions) {
        StringBuilder subscriptions = new StringBuilder();
        for (String symbol : symbols) {
            subscriptions.append("    ").append(symbol.toLowerCase(Locale.ROOT)).append(":\n")
                    .append("      exchange: ").append(SimulatedMarket.EXCHANGE).append('\n')
                    .append("      symbol: ").append(symbol).append('\n')
                    .append("      book-depth: 0\n")
                    .append("      trades: false\n");
        }
        return ServiceProcess.start("ingest", BookPipelineRun.INGEST_MAIN, workDir, jvmOptions,
                port -> common(port, stack)
                        + "exchanges:\n" + exchangeYaml
                        + "ingest:\n  raw-frames: false\n  subscriptions:\n" + subscriptions);
    }

    /** streams-apps, its books at {@code --depth}, published at most every {@code --min-interval}. */
    static ServiceProcess startStreams(PipelineOptions options, LocalStack stack, Path workDir,
                                       List<String> jvmOptions) {
        return ServiceProcess.start("streams-apps", BookPipelineRun.STREAMS_MAIN, workDir, jvmOptions,
                port -> common(port, stack)
                        + "streams:\n"
                        + "  application-id: book-pipeline\n"
                        + "  state-dir: " + workDir.resolve("streams-state") + "\n"
                        + "books:\n"
                        + "  depth: " + options.depth() + "\n"
                        + "  min-interval: " + PipelineOptions.yamlDuration(options.minInterval()) + "\n");
    }

    private static String common(int port, LocalStack stack) {
        return "service:\n  http-port: " + port + "\n  shutdown-timeout: 10s\n"
                + "kafka:\n  bootstrap-servers: " + stack.bootstrapServers() + "\n"
                + "  schema-registry-url: " + stack.registryUrl() + "\n";
    }
}
