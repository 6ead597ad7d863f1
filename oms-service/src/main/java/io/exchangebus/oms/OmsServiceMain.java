package io.exchangebus.oms;

import io.exchangebus.service.ServiceRunner;

/** {@code oms-service [--config oms-service.yaml]}: runs the OMS until SIGTERM. */
public final class OmsServiceMain {
    /** The service's name: of its metrics, its client ids and its dead-letter topic. */
    public static final String SERVICE = "oms-service";

    private OmsServiceMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the service until it is stopped (SIGTERM, Ctrl-C); returns the exit code (0, 1 failed, 2 bad config). */
    public static int run(String[] args) {
        return new ServiceRunner(SERVICE, OmsKeys.SCHEMA).run(args, OmsService::new);
    }
}
