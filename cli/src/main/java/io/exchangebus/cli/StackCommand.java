package io.exchangebus.cli;

import io.exchangebus.localstack.LocalStack;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a real Kafka broker and schema registry on loopback until interrupted. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = {"Start a real Kafka broker (KRaft) and schema registry on free loopback ports, each its own "
                + "process, print one line 'bootstrap=HOST:PORT registry=URL', and run until interrupted "
                + "(Ctrl-C or kill), then stop both.",
                "While it runs, other exbus commands find it without --bootstrap and --registry."})
final class StackCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--smoke", description = "Once ready, publish sample events and print them as tailed back.")
    boolean smoke;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.println("exbus stack: starting Kafka broker and schema registry ...");
        err.flush();
        long started = System.nanoTime();
        LocalStack stack = LocalStack.startProcesses();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Connection.deleteStackFileIfOurs();
            stack.close();
            stopped.countDown();
        }, "exbus-stack-stop"));
        err.println("exbus stack: " + SchemasCommand.registerCatalogue(stack.registryUrl()));
        Connection.writeStackFile(Map.of("bootstrap", stack.bootstrapServers(), "registry", stack.registryUrl()));
        out.println("bootstrap=" + stack.bootstrapServers() + " registry=" + stack.registryUrl());
        out.flush();
        err.println("exbus stack: ready in " + (System.nanoTime() - started) / 1_000_000 + " ms; Ctrl-C stops it");
        err.flush();
        if (smoke) {
            int smokeResult = new SmokeFlow(stack.bootstrapServers(), stack.registryUrl(), out, err).run();
            if (smokeResult != 0) {
                return smokeResult;
            }
        }
        stopped.await();
        return 0;
    }
}
