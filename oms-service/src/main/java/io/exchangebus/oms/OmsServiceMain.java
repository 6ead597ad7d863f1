package io.exchangebus.oms;

import io.exchangebus.service.ServiceRunner;

/** {@code oms-service [--config oms-service.yaml]}: runs the OMS until SIGTERM. */
public final class OmsServiceMain {
    /** The service's name: of its metrics, its client ids and its dead-letter topic. */
    public static final String SERVICE = "oms-service";

    private OmsServiceMain() {
    }

    public static void main(String[] args) {
        ServiceRunner.runAndExit(SERVICE, OmsKeys.SCHEMA, args, OmsService::new);
    }
}
