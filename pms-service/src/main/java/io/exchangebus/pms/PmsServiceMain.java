package io.exchangebus.pms;

import io.exchangebus.service.ServiceRunner;

/** {@code pms-service [--config FILE]}: streams every selected account's positions and balances to Kafka. */
public final class PmsServiceMain {
    /** The service's name: its metrics tag, client ids and dead-letter topic ({@code pms-service.dlq.v1}). */
    public static final String SERVICE_NAME = "pms-service";

    private PmsServiceMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the service until it is stopped (SIGTERM, Ctrl-C); returns the exit code (0, 1 failed, 2 bad config). */
    public static int run(String[] args) {
        return new ServiceRunner(SERVICE_NAME, PmsKeys.SCHEMA).run(args, PmsService::create);
    }
}
