package io.exchangebus.sim;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs one simulator of {@link ExchangeSimulators#load()} until killed, in its own process:
 * {@code ExchangeSimulatorMain <exchange> [port] [seed] [connection-file]}. With a connection file, its
 * {@link ExchangeSimulator.Connection} is written there once it serves and the secret is not printed; without one,
 * {@link ExchangeSimulator.Running#describe()} is printed, secret included.
 */
public final class ExchangeSimulatorMain {
    private ExchangeSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ExchangeSimulatorMain <exchange> [port] [seed] [connection-file]");
        }
        ExchangeSimulators all = ExchangeSimulators.load(ExchangeSimulatorMain.class.getClassLoader());
        ExchangeSimulator simulator = all.find(args[0]).orElseThrow(() -> new IllegalArgumentException(
                "no simulator for '" + args[0] + "'; there are: " + all.ids()));
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        ExchangeSimulator.Running running = simulator.launch(port, seed);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close));
        if (args.length > 3) {
            ExchangeSimulator.Connection connection = running.connection();
            connection.writeTo(Path.of(args[3]));
            System.out.print("exchange: " + simulator.exchange() + "\nREST: " + connection.restUrl()
                    + "\ndemo account: " + connection.account() + " (key and secret in " + args[3] + ")\n");
        } else {
            System.out.print(running.describe());
        }
        System.out.flush();
        Thread.currentThread().join();
    }
}
