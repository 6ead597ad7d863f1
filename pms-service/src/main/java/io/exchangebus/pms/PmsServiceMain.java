package io.exchangebus.pms;

import io.exchangebus.service.ServiceRunner;

/** {@code pms-service [--config FILE]}: streams every selected account's positions and balances to Kafka. */
public final class PmsServiceMain {
    /** The service's name: its metrics tag, client ids and dead-letter topic ({@code pms-service.dlq.v1}). */
    public static final String SERVICE_NAME = "pms-service";

    private PmsServiceMain() {
    }

    public static void main(String[] args) {
        ServiceRunner.runAndExit(SERVICE_NAME, PmsKeys.SCHEMA, args, PmsService::create);
    }
}
