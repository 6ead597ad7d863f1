package io.exchangebus.streams;

import io.exchangebus.service.ServiceRunner;

/**
 * {@code streams-apps [--config FILE]}: materialises the current order books, best quotes, positions and balances
 * from the event topics into compacted state topics, and answers queries about them over HTTP.
 */
public final class StreamsAppsMain {
    /** The service's name: its metrics tag, client ids and dead-letter topic ({@code streams-apps.dlq.v1}). */
    public static final String SERVICE_NAME = "streams-apps";

    private StreamsAppsMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the service until it is stopped (SIGTERM, Ctrl-C); returns the exit code (0, 1 failed, 2 bad config). */
    public static int run(String[] args) {
        return new ServiceRunner(SERVICE_NAME, StreamsAppsKeys.SCHEMA).run(args, StreamsAppsService::create);
    }
}
